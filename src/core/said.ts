/**
 * A message said by code. Core, storage, the estimator and the live run write English (the CLI,
 * the records and their own callers read it) and stay free of i18n; each such message also carries
 * a `code` and its `params`, so the UI says it in the reader's language by code, never by matching
 * the English words.
 */
export type SaidParam = string | number | Said;

export interface Said<C extends string = string> {
  readonly code: C;
  /** Values the sentence names (a size, a format number, the message inside this one). */
  readonly params?: Readonly<Record<string, SaidParam>>;
  /** The same message in English, with all its detail. */
  readonly message: string;
}
