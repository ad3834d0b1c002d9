/** English strings: progress. Keys are checked at compile time (t('progress.…')); zh/progress.ts must have every one. */
export const progress = {} as const;
