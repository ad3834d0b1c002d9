/**
 * Storage problems as values: a kind (what the caller does about it), a code and parameters (what
 * the UI says, in any language) and the English (what the CLI and the tests read).
 */
import type { Said } from '../core/said';
import type { RecordCode, RecordError } from '../core/session/record';

/** What a storage problem is called, for the UI to say it in any language (see core/said.ts). */
export type StorageCode =
  | RecordCode
  | 'unavailable' | 'full' | 'blocked' | 'failed' | 'notFound'
  | 'tooLargeMB' | 'tooLarge' | 'empty' | 'isProgramme' | 'notJson' | 'noSessions' | 'sessionN'
  | 'unpacksTooLarge' | 'unreadable' | 'gzDamaged' | 'psfsDamaged';

export type StorageError = Said<StorageCode> & { kind: 'unavailable' | 'full' | 'bad-file' | 'not-found' | 'failed' };

/** A storage problem as a value: its kind, its code and parameters, and its English. */
export function storageError(kind: StorageError['kind'], code: StorageCode, message: string, params?: Said['params']): StorageError {
  return params ? { kind, code, params, message } : { kind, code, message };
}

/** A record problem met while reading storage or an import: a bad file, said by the record's own code. */
export const badRecord = (e: RecordError): StorageError => ({ kind: 'bad-file', code: e.code, ...(e.params ? { params: e.params } : {}), message: e.message });
