/** 简体中文: common. Typed by the English tree, so a missing key is a compile error. */
import type { Texts } from '../types';
import type { common as en } from '../en/common';

export const common: Texts<typeof en> = {
  language: '语言',
};
