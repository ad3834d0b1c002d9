/**
 * Session records kept on the device, in IndexedDB (through `idb`). Nothing leaves the device
 * unless the person exports it. Failures are values a patient can read: a private window with no
 * IndexedDB, a full disk, a damaged import. An import that fails changes nothing that was stored.
 */
import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import { factsFromRecord, type SessionFacts } from '../core/progress';
import { MAX_RECORD_CHARS, parseRecord, serializeRecord, type EndReason, type PainCheckIn, type SessionRecord } from '../core/session';
import { badRecord, storageError, type StorageError } from './errors';
import type { PsfsRound } from '../core/outcome/psfs';

export { badRecord, storageError, type StorageCode, type StorageError } from './errors';

export type Result<T> = { ok: true; value: T } | { ok: false; error: StorageError };

/** One line of the history list (a few fields, so the list never loads whole records). */
export interface SessionSummary {
  id: string;
  exercise: string;
  startedAt: string;
  /** Seconds of recorded frames. */
  durationS: number;
  reps: number;
  /** false while the set is still being recorded (or was cut off by a crash / closed tab). */
  complete: boolean;
  /** Why the patient finished the set early, when they said (issue 12). */
  endReason?: EndReason;
}

/**
 * A video of a set, kept only with the person's consent (issue 5 item 7). Stored as the
 * MediaRecorder's chunks (appended while the set runs, so a crash keeps what was recorded).
 */
export interface ClipMeta {
  /** The session the clip belongs to. */
  id: string;
  mimeType: string;
  /** Session time (ms, the record's frame clock) at which the video starts. */
  startT: number;
  chunks: number;
  bytes: number;
  /** false while recording, or if the recording was cut off. */
  complete: boolean;
}

interface Schema extends DBSchema {
  sessions: { key: string; value: { id: string; summary: SessionSummary; json: string | string[]; facts?: SessionFacts } };
  clipmeta: { key: string; value: ClipMeta };
  // ArrayBuffer, not Blob: structured clone of Blob is not available everywhere (Node tests).
  clipchunks: { key: [string, number]; value: { id: string; seq: number; data: ArrayBuffer } };
}

const DB_NAME = 'rootwell';
/** 1: sessions. 2: + clipmeta, clipchunks (consented videos). */
const DB_VERSION = 2;
/** All chunks of one clip: keys [id, 0] … [id, +∞). */
const clipRange = (id: string): IDBKeyRange => IDBKeyRange.bound([id, 0], [id, Infinity]);

const UNAVAILABLE: StorageError = {
  kind: 'unavailable',
  code: 'unavailable',
  message: 'This browser is not letting Rootwell save sessions (a private window, or storage is switched off). You can still exercise; export the session to keep it.',
};
const FULL: StorageError = {
  kind: 'full',
  code: 'full',
  message: 'The device is out of space for saved sessions. Export and delete some old sessions, then try again.',
};

const BLOCKED: StorageError = {
  kind: 'unavailable',
  code: 'blocked',
  message: 'Rootwell is open in another tab with an older version. Close the other Rootwell tabs, then reload this page.',
};

const NOT_FOUND = storageError('not-found', 'notFound', 'That session is no longer stored on this device.');

function toError(e: unknown): StorageError {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  if (name === 'QuotaExceededError') return FULL;
  if (name === 'BlockedError') return BLOCKED;
  if (name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError') return UNAVAILABLE;
  const detail = e instanceof Error ? e.message : String(e);
  return storageError('failed', 'failed', `Saving failed: ${detail}`, { detail });
}

/** Run a storage step; anything it throws becomes the matching error value (never an exception). */
async function attempt<T>(step: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await step();
  } catch (e) {
    return { ok: false, error: toError(e) };
  }
}

/** A success value. */
const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** A stored record's text: kept whole, or in parts that join to it (see save). */
function rowText(json: string | string[]): string {
  return typeof json === 'string' ? json : json.join('');
}

/** Summary of a record for the history list. */
export function summarize(id: string, record: SessionRecord, complete: boolean): SessionSummary {
  // frames.t is delta-coded: after the first value, each is the gap to the previous frame.
  const durationS = record.frames.t.reduce((sum, d, i) => (i === 0 ? 0 : sum + d), 0) / 1000;
  const reps = record.events.filter((e) => e.type === 'rep').length;
  return {
    id,
    exercise: record.header.exercise,
    startedAt: record.header.startedAt,
    durationS: Math.round(durationS * 10) / 10,
    reps,
    complete,
    ...(record.endReason ? { endReason: record.endReason } : {}),
  };
}

export class SessionStore {
  private constructor(private readonly db: IDBPDatabase<Schema>) {}

  /**
   * Open the store; an unavailable IndexedDB is an error value, not an exception.
   * `factory` defaults to the browser's; tests pass fake-indexeddb, or null for "none".
   */
  static async open(factory: IDBFactory | null = globalThis.indexedDB ?? null): Promise<Result<SessionStore>> {
    if (!factory) return { ok: false, error: UNAVAILABLE };
    return attempt(async () => {
      // The factory is used directly (idb's openDB would read the global one), then wrapped.
      const request = factory.open(DB_NAME, DB_VERSION);
      request.addEventListener('upgradeneeded', () => {
        const d = request.result;
        if (!d.objectStoreNames.contains('sessions')) d.createObjectStore('sessions', { keyPath: 'id' });
        if (!d.objectStoreNames.contains('clipmeta')) d.createObjectStore('clipmeta', { keyPath: 'id' });
        if (!d.objectStoreNames.contains('clipchunks')) d.createObjectStore('clipchunks', { keyPath: ['id', 'seq'] });
      });
      // Another tab still has the old version open: say so instead of waiting for ever.
      const blocked = new Promise<never>((_, reject) =>
        request.addEventListener('blocked', () => reject(Object.assign(new Error('blocked'), { name: 'BlockedError' }))),
      );
      const db = (await Promise.race([wrap(request), blocked])) as unknown as IDBPDatabase<Schema>;
      // Let a newer version of the app (another tab) upgrade the database.
      db.addEventListener('versionchange', () => db.close());
      return ok(new SessionStore(db));
    });
  }

  /**
   * Save (or overwrite) a session. Called every few seconds while a set runs, with
   * complete=false, so closing the tab or a crash loses at most those seconds.
   */
  /**
   * Save a record; `json`, when given, is its text already made, whole or in parts that join to
   * it (RecordBuilder.textParts: a live set's saves then do not re-serialise it every time).
   */
  async save(id: string, record: SessionRecord, complete: boolean, json?: string | string[]): Promise<Result<SessionSummary>> {
    const summary = summarize(id, record, complete);
    return attempt(async () => {
      await this.db.put('sessions', { id, summary, json: json ?? serializeRecord(record), facts: factsFromRecord(id, record, complete) });
      return ok(summary);
    });
  }

  /** History, newest first. */
  async list(): Promise<Result<SessionSummary[]>> {
    return attempt(async () => {
      const all = await this.db.getAll('sessions');
      return ok(all.map((r) => r.summary).sort((a, b) => b.startedAt.localeCompare(a.startedAt)));
    });
  }

  /** Load one record, validated again (storage can be edited by hand or damaged). */
  async get(id: string): Promise<Result<SessionRecord>> {
    return attempt(async () => {
      const row = await this.db.get('sessions', id);
      if (!row) return { ok: false, error: NOT_FOUND };
      const parsed = parseRecord(rowText(row.json));
      return parsed.ok ? { ok: true, value: parsed.record } : { ok: false, error: badRecord(parsed.error) };
    });
  }

  /** Delete a session and its video, if any (one transaction: both or neither). */
  async delete(id: string): Promise<Result<void>> {
    return attempt(async () => {
      const tx = this.db.transaction(['sessions', 'clipmeta', 'clipchunks'], 'readwrite');
      await Promise.all([tx.objectStore('sessions').delete(id), tx.objectStore('clipmeta').delete(id), tx.objectStore('clipchunks').delete(clipRange(id)), tx.done]);
      return ok(undefined);
    });
  }

  /**
   * Append one chunk of a set's video (in order, seq 0, 1, …). The first chunk creates the
   * clip's meta; a full disk is a `full` error and the chunks before it stay playable.
   */
  async addClipChunk(id: string, seq: number, data: ArrayBuffer, start: { mimeType: string; startT: number }): Promise<Result<ClipMeta>> {
    return attempt(async () => {
      const tx = this.db.transaction(['clipmeta', 'clipchunks'], 'readwrite');
      tx.done.catch(() => undefined); // a failed write aborts it; the error is returned below
      const metas = tx.objectStore('clipmeta');
      const prev = await metas.get(id);
      const meta: ClipMeta = prev
        ? { ...prev, chunks: prev.chunks + 1, bytes: prev.bytes + data.byteLength }
        : { id, mimeType: start.mimeType, startT: start.startT, chunks: 1, bytes: data.byteLength, complete: false };
      await tx.objectStore('clipchunks').put({ id, seq, data });
      await metas.put(meta);
      await tx.done;
      return ok(meta);
    });
  }

  /** The recording of a clip ended normally. */
  async finishClip(id: string): Promise<Result<ClipMeta | null>> {
    return attempt(async () => {
      const meta = await this.db.get('clipmeta', id);
      if (!meta) return ok(null);
      const done = { ...meta, complete: true };
      await this.db.put('clipmeta', done);
      return ok(done);
    });
  }

  /** Keep a whole video file as a session's clip (a physio attaching the patient's video). */
  async putClip(id: string, data: ArrayBuffer, mimeType: string, startT: number): Promise<Result<ClipMeta>> {
    return attempt(async () => {
      const tx = this.db.transaction(['sessions', 'clipmeta', 'clipchunks'], 'readwrite');
      tx.done.catch(() => undefined); // aborted on purpose or by a failed write; returned below
      if (!(await tx.objectStore('sessions').get(id))) {
        tx.abort();
        return { ok: false, error: NOT_FOUND };
      }
      await tx.objectStore('clipchunks').delete(clipRange(id));
      await tx.objectStore('clipchunks').put({ id, seq: 0, data });
      const meta: ClipMeta = { id, mimeType, startT, chunks: 1, bytes: data.byteLength, complete: true };
      await tx.objectStore('clipmeta').put(meta);
      await tx.done;
      return ok(meta);
    });
  }

  /** A session's video as one Blob, or null when none was kept. */
  async getClip(id: string): Promise<Result<{ meta: ClipMeta; blob: Blob } | null>> {
    return attempt(async () => {
      const meta = await this.db.get('clipmeta', id);
      if (!meta) return ok(null);
      const chunks = await this.db.getAll('clipchunks', clipRange(id));
      chunks.sort((a, b) => a.seq - b.seq);
      return ok({ meta, blob: new Blob(chunks.map((c) => c.data), { type: meta.mimeType }) });
    });
  }

  /** Delete only the video of a session (the record stays). */
  async deleteClip(id: string): Promise<Result<void>> {
    return attempt(async () => {
      const tx = this.db.transaction(['clipmeta', 'clipchunks'], 'readwrite');
      await Promise.all([tx.objectStore('clipmeta').delete(id), tx.objectStore('clipchunks').delete(clipRange(id)), tx.done]);
      return ok(undefined);
    });
  }

  /** Every kept clip's meta (for the history list's video mark). */
  async clips(): Promise<Result<ClipMeta[]>> {
    return attempt(async () => {
      return ok(await this.db.getAll('clipmeta'));
    });
  }

  /**
   * Import a file (a session record, or an export of a whole history: `{ sessions: [...] }`).
   * Every record is validated first; if any fails, nothing is written.
   */
  async import(text: string, makeId: () => string): Promise<Result<SessionSummary[]>> {
    const records = parseImport(text);
    if (!records.ok) return records;
    return attempt(async () => {
      const tx = this.db.transaction('sessions', 'readwrite');
      tx.done.catch(() => undefined); // a failed write aborts it (nothing is kept); returned below
      const out: SessionSummary[] = [];
      for (const r of records.value) {
        const id = makeId();
        const summary = summarize(id, r, true);
        await tx.store.put({ id, summary, json: serializeRecord(r), facts: factsFromRecord(id, r, true) });
        out.push(summary);
      }
      await tx.done;
      return ok(out);
    });
  }

  /** Add a pain check-in (asked after the set) to a stored session. */
  async addPain(id: string, pain: PainCheckIn): Promise<Result<SessionSummary>> {
    const got = await this.get(id);
    if (!got.ok) return got;
    const row = await this.db.get('sessions', id).catch(() => undefined);
    return this.save(id, { ...got.value, pain: [...got.value.pain, pain].slice(-20) }, row?.summary.complete ?? true);
  }

  /** Keep why the patient finished a stored set early (one tap after the set; a second tap replaces it). */
  async setEndReason(id: string, reason: EndReason): Promise<Result<SessionSummary>> {
    const got = await this.get(id);
    if (!got.ok) return got;
    const row = await this.db.get('sessions', id).catch(() => undefined);
    return this.save(id, { ...got.value, endReason: reason }, row?.summary.complete ?? true);
  }

  /** What progress needs from every stored session (reps, holds, pain; no frames), oldest first. */
  async facts(): Promise<Result<SessionFacts[]>> {
    return attempt(async () => {
      const rows = await this.db.getAll('sessions');
      const out: SessionFacts[] = [];
      for (const r of rows) {
        if (r.facts) out.push(r.facts);
        else {
          const parsed = parseRecord(rowText(r.json));
          if (parsed.ok) out.push(factsFromRecord(r.id, parsed.record, r.summary.complete));
        }
      }
      return ok(out.sort((a, b) => a.startedAt.localeCompare(b.startedAt)));
    });
  }

  /** Every stored record (and the PSFS rounds, when given), as one export file's text. */
  async exportAll(psfs: readonly PsfsRound[] = []): Promise<Result<string>> {
    return attempt(async () => {
      const rows = await this.db.getAll('sessions');
      return ok(exportHistory(rows.map((r) => JSON.parse(rowText(r.json)) as SessionRecord), psfs));
    });
  }

  close(): void {
    this.db.close();
  }
}

/** A whole history as one file; PSFS rounds, when any, right after the marker (see roundsFromExport). */
export function exportHistory(records: SessionRecord[], psfs: readonly PsfsRound[] = []): string {
  return JSON.stringify(psfs.length ? { rootwellHistory: 1, psfs, sessions: records } : { rootwellHistory: 1, sessions: records });
}

/** Largest import file we read at all (bytes): a history of many long sessions, not more. */
export const MAX_IMPORT_BYTES = MAX_RECORD_CHARS;

/** Refuse a file by its size before reading it (a huge file would freeze the tab). */
export function checkImportSize(bytes: number): Result<void> {
  if (bytes > MAX_IMPORT_BYTES) {
    const n = Math.round(bytes / 1e6);
    return { ok: false, error: storageError('bad-file', 'tooLargeMB', `This file is too large to be a Rootwell export (${n} MB). Nothing was imported.`, { n }) };
  }
  if (bytes === 0) return { ok: false, error: storageError('bad-file', 'empty', 'This file is empty. Nothing was imported.') };
  return ok(undefined);
}

/** Validate an import: one record, or a history export. All or nothing. */
export function parseImport(text: string): Result<SessionRecord[]> {
  if (text.length > MAX_IMPORT_BYTES) return { ok: false, error: storageError('bad-file', 'tooLarge', 'This file is too large to be a Rootwell export. Nothing was imported.') };
  const head = text.slice(0, 200);
  if (head.includes('"rootwellProgramme"')) {
    return {
      ok: false,
      error: storageError('bad-file', 'isProgramme', 'This is an exercise programme, not a session record: import it on the Programme (prescription) page.'),
    };
  }
  if (head.includes('"rootwellHistory"')) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return { ok: false, error: storageError('bad-file', 'notJson', 'This file is damaged or cut short (not valid JSON).') };
    }
    const sessions = (data as { sessions?: unknown }).sessions;
    if (!Array.isArray(sessions)) return { ok: false, error: storageError('bad-file', 'noSessions', 'This history file has no sessions in it.') };
    const out: SessionRecord[] = [];
    for (const [i, s] of sessions.entries()) {
      const parsed = parseRecord(JSON.stringify(s));
      if (!parsed.ok) {
        const cause = badRecord(parsed.error);
        return { ok: false, error: storageError('bad-file', 'sessionN', `Session ${i + 1} in this file: ${cause.message}`, { n: i + 1, message: cause }) };
      }
      out.push(parsed.record);
    }
    return ok(out);
  }
  const parsed = parseRecord(text);
  return parsed.ok ? { ok: true, value: [parsed.record] } : { ok: false, error: badRecord(parsed.error) };
}
