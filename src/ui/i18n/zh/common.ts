/** 简体中文: common. Typed by the English tree, so a missing key is a compile error. */
import type { Texts } from '../types';
import type { common as en } from '../en/common';

export const common: Texts<typeof en> = {
  language: '语言',
  back: '返回',
  cancel: '取消',
  save: '保存',
  start: '开始',
  done: '完成',
  close: '关闭',
  delete: '删除',
  yes: '是',
  no: '否',
  next: '下一步',
  skip: '跳过',
  continue: '继续',
  retry: '重试',
  edit: '编辑',
  loading: '加载中…',
  seconds: '{{n}} 秒',
  minutes: '{{n}} 分钟',
  reps: '{{n}} 次',
  left: '左侧',
  right: '右侧',
  both: '双侧',
  side: '侧别',
  on: '开',
  off: '关',
};
