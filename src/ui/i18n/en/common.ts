/** English strings: common (shared words, the language picker). Keys are checked at compile time (t('common.…')); zh/common.ts must have every one. */
export const common = {
  language: 'Language',
} as const;
