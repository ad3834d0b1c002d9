/** 简体中文: prescription. Typed by the English tree, so a missing key is a compile error. */
import type { Texts } from '../types';
import type { prescription as en } from '../en/prescription';

export const prescription: Texts<typeof en> = {};
