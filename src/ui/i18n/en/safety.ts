/** English strings: safety. Keys are checked at compile time (t('safety.…')); zh/safety.ts must have every one. */
export const safety = {} as const;
