/** 简体中文: safety. Typed by the English tree, so a missing key is a compile error. */
import type { Texts } from '../types';
import type { safety as en } from '../en/safety';

export const safety: Texts<typeof en> = {};
