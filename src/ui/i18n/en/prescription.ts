/** English strings: prescription. Keys are checked at compile time (t('prescription.…')); zh/prescription.ts must have every one. */
export const prescription = {} as const;
