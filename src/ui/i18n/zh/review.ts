/** 简体中文: review. Typed by the English tree, so a missing key is a compile error. */
import type { Texts } from '../types';
import type { review as en } from '../en/review';

export const review: Texts<typeof en> = {};
