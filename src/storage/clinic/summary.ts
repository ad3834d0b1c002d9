/**
 * Small encrypted documents beside the records in a patient's database (issue 10): one summary
 * per set (`sum-<record id>`, type 'summary': src/core/clinic/summary.ts says what it holds) and
 * the patient's status (`status`, type 'status': the latest red-flag screen). The clinic view
 * lists patients from these alone (a few hundred bytes each) and never decrypts a full record to
 * do it. Same envelope as a session (./sync.ts): only `_id`, `_rev`, `type` and `enc` in the
 * clear, the id bound to the ciphertext as AES-GCM additional data.
 */
import * as v from 'valibot';
import { parseStatus, parseSummary, type PatientStatus, type SetSummary } from '../../core/clinic/summary';
import { decryptDoc, encryptDoc } from './e2e';
import type { PouchDatabase, PouchDoc } from './pouch-types';
import { EnvelopeSchema, type DocType } from './sync';

export const SUMMARY_PREFIX = 'sum-';
export const STATUS_ID = 'status';
export const summaryId = (recordId: string): string => `${SUMMARY_PREFIX}${recordId}`;

const status = (e: unknown): number | undefined => (typeof e === 'object' && e !== null ? ((e as { status?: number }).status ?? undefined) : undefined);

/** Write (or overwrite) one encrypted document of a type; returns its new revision. */
export async function putEncrypted(db: PouchDatabase, key: CryptoKey, id: string, type: DocType, value: unknown): Promise<string> {
  const enc = await encryptDoc(key, value, id);
  let rev: string | undefined;
  try {
    rev = (await db.get(id))._rev;
  } catch (e) {
    if (status(e) !== 404) throw e;
  }
  return (await db.put({ _id: id, type, enc, ...(rev ? { _rev: rev } : {}) } as PouchDoc)).rev;
}

/** One document's plain value, or null when it is not a well-formed envelope of that type or does not open. Never throws. */
export async function openEncrypted(doc: unknown, key: CryptoKey, type: DocType): Promise<unknown> {
  const env = v.safeParse(EnvelopeSchema, doc);
  if (!env.success || env.output.type !== type) return null;
  try {
    return await decryptDoc(key, env.output.enc, env.output._id);
  } catch {
    return null;
  }
}

export async function putSummary(db: PouchDatabase, key: CryptoKey, s: SetSummary): Promise<string> {
  return putEncrypted(db, key, summaryId(s.id), 'summary', s);
}

export async function putStatus(db: PouchDatabase, key: CryptoKey, s: PatientStatus): Promise<string> {
  return putEncrypted(db, key, STATUS_ID, 'status', s);
}

export interface Summaries {
  summaries: SetSummary[];
  /** Summary documents that did not open or were not valid (hostile, damaged, another key). */
  refused: string[];
}

/**
 * Every summary of a patient's database (local copy or the server's, over http: one range
 * request), oldest first, each decrypted and validated; a summary whose id does not match its
 * record's is refused.
 */
export async function readSummaries(db: PouchDatabase, key: CryptoKey): Promise<Summaries> {
  const rows = (await db.allDocs({ include_docs: true, startkey: SUMMARY_PREFIX, endkey: `${SUMMARY_PREFIX}\ufff0` })).rows;
  const out: Summaries = { summaries: [], refused: [] };
  for (const row of rows) {
    const s = parseSummary(await openEncrypted(row.doc, key, 'summary'));
    if (s && summaryId(s.id) === row.id) out.summaries.push(s);
    else out.refused.push(row.id);
  }
  out.summaries.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
  return out;
}

/** The patient's status, or null (none yet, or it does not open). */
export async function readStatus(db: PouchDatabase, key: CryptoKey): Promise<PatientStatus | null> {
  try {
    return parseStatus(await openEncrypted(await db.get(STATUS_ID), key, 'status'));
  } catch (e) {
    if (status(e) === 404) return null;
    throw e;
  }
}
