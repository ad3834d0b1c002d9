/**
 * The clinic's encrypted, replicated store of session records (issue 10). A local PouchDB
 * database (pouchdb-browser's IndexedDB adapter in the app, see ./browser.ts; the memory adapter
 * in Node tests) holds one document per session record, its body encrypted with the patient's
 * database key (./e2e.ts); PouchDB replicates it live, retrying, with one CouchDB database per
 * patient. This file imports no PouchDB: it is handed the databases, so the same code runs on
 * either adapter.
 *
 * What the server sees of a record, field by field (everything else is inside `enc`):
 * - `_id`: the record's id, a random UUID made on the device (src/ui/state/recorder.ts, imports
 *   likewise): replication is keyed by it, and it says nothing about the set. Using the record's
 *   own id makes a write idempotent: a record synced twice is one document, never a duplicate.
 * - `_rev` (and the revision tree): CouchDB's, needed to replicate and to detect conflicts. It
 *   tells the server how many times a document was changed, nothing of what.
 * - `type: 'session'`: the kind of document, so that prescriptions and key documents can share
 *   the patient's database later and each reader picks its own. The server could tell a 500 kB
 *   record from a 1 kB prescription by size anyway.
 * - No date in the clear: ordering is done on the device after decrypting (the server knows
 *   when a document arrived, but not when the set was done).
 * - `enc`: `{ v, iv, ct }` from encryptDoc(databaseKey, record, _id): the id is AES-GCM's
 *   additional data, so a body moved to another document is refused.
 *
 * Reading back (both sides) refuses, and reports, any document that is not such an envelope, does
 * not decrypt, or decrypts to something that is not a valid record (validateRecord, the same
 * valibot schema as every import). A refused document never reaches the caller's records; nothing
 * throws past the caller. Pulled documents are also checked before they are stored: replication
 * keeps out of the local database anything that is not a well-formed session envelope, and every
 * deletion (records are never deleted through the server: a server that deletes is hostile or
 * broken, and the patient's copy stays). A new revision that looks like an envelope but does not
 * open is stored (the filter cannot decrypt) and refused on read, where the newest older revision
 * kept locally is shown instead (so the local databases are not auto-compacted).
 *
 * Other document types share the database (DOC_TYPES: summaries, the patient's status, the
 * prescription; ./summary.ts, ./prescription-sync.ts); readAll skips them. The idb store stays the
 * app's own (./mirror.ts copies its records here). A record edited on two devices: the PouchDB
 * winner is read, the losing revision kept (only the patient's devices write records).
 */
import * as v from 'valibot';
import { validateRecord, type SessionRecord } from '../../core/session';
import type { Result, StorageError } from '../store';
import { badRecord, storageError } from '../errors';
import { decryptDoc, E2eError, encryptDoc, type EncryptedDoc } from './e2e';
import type { PouchDatabase, PouchDoc, Replication, ReplicateOptions } from './pouch-types';

export const SESSION_TYPE = 'session';
/**
 * Every kind of document a patient's database holds, each an envelope like a session's (only
 * `_id`, `_rev`, `type` and `enc` in the clear): 'summary' (a few numbers per set, ./summary.ts),
 * 'status' (the patient's latest safety screen, ./summary.ts), 'prescription' (the physio's
 * programme, ./prescription-sync.ts). Anything else is refused.
 */
export const DOC_TYPES = [SESSION_TYPE, 'summary', 'status', 'prescription'] as const;
export type DocType = (typeof DOC_TYPES)[number];

/** A session record as stored locally and on the server. */
export interface ClinicDoc {
  _id: string;
  _rev?: string;
  type: typeof SESSION_TYPE;
  enc: EncryptedDoc;
}

/** Record ids: what the app makes (UUIDs) and nothing a URL or CouchDB treats specially (`_`). */
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9-]{0,99}$/;
const b64 = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max), v.regex(/^[A-Za-z0-9+/]*={0,2}$/));
/** Ciphertext of the largest record the app accepts (MAX_RECORD_CHARS), as base64, with room. */
const MAX_CT_CHARS = 280_000_000;

/** The clear envelope. `strictObject`: a document carrying anything else in the clear is refused. */
export const ClinicDocSchema = v.strictObject({
  _id: v.pipe(v.string(), v.regex(ID_RE, 'not a record id')),
  _rev: v.optional(v.pipe(v.string(), v.maxLength(200))),
  // PouchDB adds these on read when asked; allowed, never used.
  _conflicts: v.optional(v.array(v.string())),
  _revisions: v.optional(v.unknown()),
  type: v.literal(SESSION_TYPE),
  enc: v.strictObject({ v: v.literal(1), iv: b64(16), ct: b64(MAX_CT_CHARS) }),
});

/** Any clinic document's envelope (ClinicDocSchema with the other types of DOC_TYPES). */
export const EnvelopeSchema = v.strictObject({ ...ClinicDocSchema.entries, type: v.picklist(DOC_TYPES) });

/** Is this a record id the store accepts? */
export function isRecordId(id: string): boolean {
  return ID_RE.test(id);
}

/**
 * Whether a pulled document may be stored locally (the pull replication's filter: synchronous,
 * so it checks the envelope; decryption is checked on read). Deletions are kept out.
 */
export function acceptPulled(doc: unknown): boolean {
  if (typeof doc !== 'object' || doc === null) return false;
  if ((doc as { _deleted?: unknown })._deleted) return false;
  return v.is(EnvelopeSchema, doc);
}

/** Why a stored document was not handed back as a record. */
export interface Refusal {
  id: string;
  reason: 'envelope' | 'decrypt' | 'record';
  message: string;
}

export interface ReadResult {
  /** Valid, decrypted records (ordered by startedAt, oldest first). */
  records: { id: string; record: SessionRecord }[];
  /**
   * Documents refused (hostile, corrupt, or encrypted with another key). A record whose newest
   * revision was refused but an older one opened is in both lists.
   */
  refused: Refusal[];
}

export type SyncState =
  /** Sending or receiving. */
  | { state: 'active' }
  /** Caught up, waiting for changes. */
  | { state: 'idle' }
  /** The server cannot be reached (or answered an error): retrying with a growing wait. */
  | { state: 'offline'; message: string }
  /**
   * The server refused the credentials (401), the user's rights (403) or a document. PouchDB keeps
   * retrying: the caller should cancel and ask the person to sign in or pair again.
   */
  | { state: 'denied'; message: string }
  | { state: 'stopped' };

export interface SyncHandle {
  readonly state: SyncState;
  /** Called on every change of state. */
  onstate: ((s: SyncState) => void) | null;
  /** Documents written so far, each way. */
  readonly pushed: number;
  readonly pulled: number;
  /** Called after each batch written, each way. */
  onchange: ((direction: 'push' | 'pull', docsWritten: number) => void) | null;
  cancel(): void;
}

export interface SyncOptions {
  /** ms before the first retry after a failure; it doubles up to maxRetryMs. Default 1000. */
  firstRetryMs?: number;
  /** Default 60 000. */
  maxRetryMs?: number;
  /** Also send local changes (the patient). The physio's copy of a patient database only pulls. Default true. */
  push?: boolean;
  /**
   * Documents per request (PouchDB's batch_size; its own default is 100). Default 4: a 10-minute
   * set is about 4.3 MB encrypted (bench/clinic-sync.md), so a request stays under ~20 MB.
   */
  batchSize?: number;
}

/** A replication failure: refused credentials or rights (401, 403) are 'denied', anything else 'offline'. */
function failed(err: unknown): SyncState {
  const status = typeof err === 'object' && err !== null ? (err as { status?: unknown }).status : undefined;
  return status === 401 || status === 403 ? { state: 'denied', message: errText(err) } : { state: 'offline', message: errText(err) };
}

const fail = (message: string): { ok: false; error: StorageError } => ({ ok: false, error: storageError('failed', 'failed', message, { detail: message }) });
const errText = (e: unknown): string => (e instanceof Error ? e.message : typeof e === 'object' && e && 'message' in e ? String((e as { message: unknown }).message) : String(e));

export class ClinicStore {
  /**
   * @param db the local PouchDB database of one patient (on the patient's device, or the physio's copy)
   * @param key that patient's database key (unwrapped with e2e.unwrapDatabaseKey)
   */
  constructor(
    readonly db: PouchDatabase,
    private readonly key: CryptoKey,
  ) {}

  /**
   * Store a record (new, or a new version of one: a pain check-in added after the set). The
   * record is validated first: the store never writes what it would refuse to read.
   */
  async put(id: string, record: SessionRecord): Promise<Result<{ rev: string }>> {
    if (!isRecordId(id)) return fail(`Not a record id: ${JSON.stringify(id).slice(0, 60)}`);
    const valid = validateRecord(record);
    if (!valid.ok) return { ok: false, error: badRecord(valid.error) };
    try {
      const enc = await encryptDoc(this.key, valid.record, id);
      let rev: string | undefined;
      try {
        rev = (await this.db.get(id))._rev;
      } catch (e) {
        if ((e as { status?: number }).status !== 404) throw e;
      }
      const doc: ClinicDoc = { _id: id, type: SESSION_TYPE, enc, ...(rev ? { _rev: rev } : {}) };
      const res = await this.db.put(doc as unknown as PouchDoc);
      return { ok: true, value: { rev: res.rev } };
    } catch (e) {
      return fail(`Saving the record for the clinic failed: ${errText(e)}`);
    }
  }

  /**
   * A stored document to a record. When its current revision is refused, the newest older revision
   * still kept locally that opens is used instead, with the refusal reported: a server cannot
   * make a valid record (it has no key), but it could write a new revision of one, and that must
   * not erase the record from the view. Never throws.
   */
  private async open(doc: unknown): Promise<{ ok: true; id: string; record: SessionRecord; refusal?: Refusal } | { ok: false; refusal: Refusal }> {
    const current = await this.openOne(doc);
    if (current.ok || current.refusal.id === '?') return current;
    const id = current.refusal.id;
    let history: { start: number; ids: string[] } | undefined;
    try {
      history = (await this.db.get(id, { revs: true }))._revisions as { start: number; ids: string[] } | undefined;
    } catch {
      return current;
    }
    for (let i = 1; history && i < Math.min(history.ids.length, 50); i++) {
      let old: PouchDoc;
      try {
        old = await this.db.get(id, { rev: `${history.start - i}-${history.ids[i]}` });
      } catch {
        continue; // compacted away, or never replicated here
      }
      const r = await this.openOne(old);
      if (r.ok) return { ...r, refusal: { ...current.refusal, message: `A newer version was refused (an older one is shown): ${current.refusal.message}` } };
    }
    return current;
  }

  /** One revision to a record, or why not. Never throws. */
  private async openOne(doc: unknown): Promise<{ ok: true; id: string; record: SessionRecord } | { ok: false; refusal: Refusal }> {
    const rawId = typeof doc === 'object' && doc !== null ? (doc as { _id?: unknown })._id : undefined;
    const id = typeof rawId === 'string' ? rawId.slice(0, 120) : '?';
    const env = v.safeParse(ClinicDocSchema, doc);
    if (!env.success) {
      return { ok: false, refusal: { id, reason: 'envelope', message: `Not a clinic session document: ${env.issues[0]?.message ?? 'invalid'}` } };
    }
    let plain: unknown;
    try {
      plain = await decryptDoc(this.key, env.output.enc, env.output._id);
    } catch (e) {
      const message = e instanceof E2eError ? e.message : `Decryption failed: ${errText(e)}`;
      return { ok: false, refusal: { id, reason: 'decrypt', message } };
    }
    const rec = validateRecord(plain);
    if (!rec.ok) return { ok: false, refusal: { id, reason: 'record', message: rec.error.message } };
    return { ok: true, id: env.output._id, record: rec.record };
  }

  /** One record by id. */
  async get(id: string): Promise<Result<SessionRecord>> {
    let doc: unknown;
    try {
      doc = await this.db.get(id);
    } catch (e) {
      if ((e as { status?: number }).status === 404) return { ok: false, error: storageError('not-found', 'notFound', 'This session is not in the clinic store.') };
      return fail(`Reading the clinic store failed: ${errText(e)}`);
    }
    const r = await this.open(doc);
    return r.ok ? { ok: true, value: r.record } : { ok: false, error: storageError('bad-file', 'damaged', r.refusal.message, { issue: r.refusal.message }) };
  }

  /** Every valid record, decrypted, and the documents refused. Never throws. */
  async readAll(): Promise<Result<ReadResult>> {
    let rows: { id: string; doc?: PouchDoc }[];
    try {
      rows = (await this.db.allDocs({ include_docs: true })).rows;
    } catch (e) {
      return fail(`Reading the clinic store failed: ${errText(e)}`);
    }
    const out: ReadResult = { records: [], refused: [] };
    for (const row of rows) {
      if (!row.doc) continue;
      // Summaries, the status and the prescription are read by their own readers.
      if (row.doc.type !== SESSION_TYPE && (DOC_TYPES as readonly unknown[]).includes(row.doc.type) && v.is(EnvelopeSchema, row.doc)) continue;
      const r = await this.open(row.doc);
      if (r.ok) out.records.push({ id: r.id, record: r.record });
      if (r.refusal) out.refused.push(r.refusal);
    }
    out.records.sort((a, b) => a.record.header.startedAt.localeCompare(b.record.header.startedAt) || a.id.localeCompare(b.id));
    return { ok: true, value: out };
  }

  /**
   * Replicate live with the patient's database on the server (a PouchDB http database, credentials
   * in it), retrying forever with a growing wait (firstRetryMs doubling to maxRetryMs) while the
   * server cannot be reached. Pulled documents go through acceptPulled before they are stored.
   */
  sync(remote: PouchDatabase, options: SyncOptions = {}): SyncHandle {
    const first = options.firstRetryMs ?? 1000;
    const max = options.maxRetryMs ?? 60_000;
    const backOff = (delay: number): number => (delay > 0 ? Math.min(delay * 2, max) : first);
    const common: ReplicateOptions = { live: true, retry: true, back_off_function: backOff, batch_size: options.batchSize ?? 4 };
    const pullOpts: ReplicateOptions = { ...common, filter: (doc) => acceptPulled(doc) };

    let state: SyncState = { state: 'active' };
    let pushed = 0;
    let pulled = 0;
    const handle: SyncHandle = {
      get state() {
        return state;
      },
      onstate: null,
      onchange: null,
      get pushed() {
        return pushed;
      },
      get pulled() {
        return pulled;
      },
      cancel: () => {
        for (const r of reps) r.cancel();
        set({ state: 'stopped' });
      },
    };
    const set = (s: SyncState): void => {
      if (state.state === 'stopped') return;
      if (s.state === state.state && (s as { message?: string }).message === (state as { message?: string }).message) return;
      state = s;
      handle.onstate?.(s);
    };
    // Each direction has its own state; the handle shows the most pressing one.
    const each: SyncState[] = [];
    const RANK: Record<SyncState['state'], number> = { denied: 4, offline: 3, active: 2, idle: 1, stopped: 0 };
    const update = (i: number, s: SyncState): void => {
      each[i] = s;
      set(each.reduce((a, b) => (RANK[b.state] > RANK[a.state] ? b : a)));
    };

    const reps: Replication[] = [];
    const track = (rep: Replication, direction: 'push' | 'pull'): void => {
      const i = reps.length - 1;
      each[i] = { state: 'active' };
      rep.on('change', (info) => {
        const n = info.docs_written ?? 0;
        if (direction === 'push') pushed += n;
        else pulled += n;
        handle.onchange?.(direction, n);
      });
      rep.on('active', () => update(i, { state: 'active' }));
      rep.on('paused', (err?: unknown) => update(i, err ? failed(err) : { state: 'idle' }));
      rep.on('denied', (err: unknown) => update(i, { state: 'denied', message: errText(err) }));
      rep.on('error', (err: unknown) => update(i, failed(err)));
      // Its promise rejects with the same error: handled here, or it is an unhandled rejection.
      void rep.catch?.(() => undefined);
      // A live replication only completes when cancelled.
      rep.on('complete', () => undefined);
    };
    // Two one-way replications rather than db.sync(): each can be paused and observed, and the
    // physio's copy pulls only.
    const pull = this.db.replicate.from(remote, pullOpts);
    reps.push(pull);
    track(pull, 'pull');
    if (options.push ?? true) {
      const push = this.db.replicate.to(remote, common);
      reps.push(push);
      track(push, 'push');
    }
    return handle;
  }
}
