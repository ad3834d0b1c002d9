/** English strings: history. Keys are checked at compile time (t('history.…')); zh/history.ts must have every one. */
export const history = {} as const;
