/** English strings: review. Keys are checked at compile time (t('review.…')); zh/review.ts must have every one. */
export const review = {} as const;
