/** 简体中文: history. Typed by the English tree, so a missing key is a compile error. */
import type { Texts } from '../types';
import type { history as en } from '../en/history';

export const history: Texts<typeof en> = {};
