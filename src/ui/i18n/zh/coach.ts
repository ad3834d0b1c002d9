/** 简体中文: coach. Typed by the English tree, so a missing key is a compile error. */
import type { Texts } from '../types';
import type { coach as en } from '../en/coach';

export const coach: Texts<typeof en> = {};
