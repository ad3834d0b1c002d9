/** 简体中文: program. Typed by the English tree, so a missing key is a compile error. */
import type { Texts } from '../types';
import type { program as en } from '../en/program';

export const program: Texts<typeof en> = {};
