/** English strings: program. Keys are checked at compile time (t('program.…')); zh/program.ts must have every one. */
export const program = {} as const;
