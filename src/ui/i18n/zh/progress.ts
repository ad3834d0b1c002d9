/** 简体中文: progress. Typed by the English tree, so a missing key is a compile error. */
import type { Texts } from '../types';
import type { progress as en } from '../en/progress';

export const progress: Texts<typeof en> = {};
