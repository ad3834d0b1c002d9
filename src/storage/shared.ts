/** One SessionStore per page, opened on first use (the history, review, progress and the coach share it). */
import { SessionStore, type Result } from './store';

let opening: Promise<Result<SessionStore>> | null = null;

/** The page's store; an unavailable IndexedDB (private window) is an error value, kept. */
export function sharedStore(): Promise<Result<SessionStore>> {
  opening ??= SessionStore.open();
  return opening;
}

/** Forget the opened store (after clearing the database in a test, or for a retry). */
export function resetSharedStore(): void {
  opening = null;
}
