/** English strings: coach. Keys are checked at compile time (t('coach.…')); zh/coach.ts must have every one. */
export const coach = {} as const;
