/**
 * The patient's side of the clinic (issue 10 item 1): the app's own IndexedDB store (idb,
 * ../store.ts) stays the source of truth, and every saved set is mirrored into the clinic store
 * (./sync.ts: the encrypted PouchDB database that replicates with the clinic's CouchDB), with its
 * summary (./summary.ts) and the patient's status.
 *
 * Why mirror instead of moving the records into PouchDB: the idb store is what every screen,
 * the recorder's save every 3 s (which reuses the text of frames already saved: under a
 * millisecond per save ten minutes in) and the file export/import already rely on, and a patient
 * who never pairs keeps exactly the app they had. A set being recorded is not mirrored (a 4 MB
 * encrypted copy every 3 s would be written for nothing): only sets saved complete, or left
 * incomplete for over `staleMinutes` (a closed tab or a crash), are. Unpairing drops the mirror
 * and leaves every record on the device.
 *
 * Exactly once: a record's clinic document has the record's own id, so writing it again makes a
 * new revision of the same document, never a second set; and `_local/rootwell-mirror` (a PouchDB
 * local document: never replicated) keeps for each record a fingerprint of what was mirrored
 * (complete, reps, pain check-ins, why it ended, length), so a record is encrypted and written
 * again only when it changed (a pain check-in added after the set). Records saved before pairing
 * are mirrored at the first run. Offline: the writes are local; PouchDB's replication sends them
 * when the server answers again.
 */
import type { SafetyStatus } from '../../core/clinic/summary';
import { summaryOf } from '../../core/clinic/summary';
import type { ExerciseKind, SessionFacts } from '../../core/progress';
import type { SessionRecord } from '../../core/session';
import { getExercise } from '../../exercises';
import type { Result, SessionSummary } from '../store';
import type { PouchDoc } from './pouch-types';
import { putStatus, putSummary } from './summary';
import type { ClinicStore } from './sync';

/** What the mirror reads of the app's store (SessionStore fits). */
export interface RecordSource {
  list(): Promise<Result<SessionSummary[]>>;
  facts(): Promise<Result<SessionFacts[]>>;
  get(id: string): Promise<Result<SessionRecord>>;
}

export interface MirrorOptions {
  /** The red-flag screen in force on this device (mirrored as the patient's status). */
  safety: () => SafetyStatus | null;
  /** The clock (tests pass their own). */
  now?: () => Date;
  /** An incomplete record older than this is mirrored as it is (the tab was closed mid-set). Default 30. */
  staleMinutes?: number;
  /** Records never mirrored (sessions a physio opened from the clinic view on this computer: another patient's). */
  skip?: (id: string) => boolean;
  /** An exercise's kind (for sets done); default: the registry's. */
  kindOf?: (exercise: string) => ExerciseKind | undefined;
}

export interface MirrorRun {
  /** Records written to the clinic store this run (each with its summary). */
  written: string[];
  /** Records already mirrored as they are. */
  unchanged: number;
  /** Records left for a later run (a set still being recorded). */
  waiting: number;
  /** Records that could not be read or written, with why (tried again next run). */
  failed: { id: string; message: string }[];
  /** The status document was written. */
  status: boolean;
}

const STATE_ID = '_local/rootwell-mirror';

interface MirrorState {
  _id: typeof STATE_ID;
  _rev?: string;
  /** record id → fingerprint of what was mirrored; 'status' → the status mirrored. */
  done: Record<string, string>;
  status?: string;
}

const defaultKind = (id: string): ExerciseKind | undefined => {
  const ex = getExercise(id);
  return ex ? { kind: ex.kind, perSide: ex.perSide } : undefined;
};

/** What a record's mirrored copy depends on. */
function fingerprint(s: SessionSummary, f: SessionFacts | undefined): string {
  return [s.complete ? 1 : 0, s.reps, f?.holds.length ?? 0, f?.pain.length ?? 0, s.endReason ?? '', s.durationS].join('|');
}

export class ClinicMirror {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly source: RecordSource,
    private readonly clinic: ClinicStore,
    private readonly key: CryptoKey,
    private readonly options: MirrorOptions,
  ) {}

  /** Mirror every record not mirrored as it is now. Runs one at a time (a second call waits for the first). Never throws. */
  run(): Promise<MirrorRun> {
    const next = this.chain.then(() => this.once());
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async state(): Promise<MirrorState> {
    try {
      const d = (await this.clinic.db.get(STATE_ID)) as unknown as MirrorState;
      return { _id: STATE_ID, ...(d._rev ? { _rev: d._rev } : {}), done: { ...(d.done ?? {}) }, ...(d.status ? { status: d.status } : {}) };
    } catch {
      return { _id: STATE_ID, done: {} };
    }
  }

  private async once(): Promise<MirrorRun> {
    const out: MirrorRun = { written: [], unchanged: 0, waiting: 0, failed: [], status: false };
    const now = (this.options.now ?? (() => new Date()))();
    const staleMs = (this.options.staleMinutes ?? 30) * 60_000;
    const kindOf = this.options.kindOf ?? defaultKind;
    const state = await this.state();
    let dirty = false;

    const safety = this.options.safety();
    const statusPrint = safety ? `${safety.result}|${safety.at}` : 'none';
    if (state.status !== statusPrint) {
      try {
        await putStatus(this.clinic.db, this.key, { v: 1, safety, updatedAt: now.toISOString() });
        state.status = statusPrint;
        out.status = dirty = true;
      } catch (e) {
        out.failed.push({ id: 'status', message: e instanceof Error ? e.message : String(e) });
      }
    }

    const list = await this.source.list();
    const facts = await this.source.facts();
    if (!list.ok) {
      out.failed.push({ id: '*', message: list.error.message });
      return out;
    }
    const factsById = new Map((facts.ok ? facts.value : []).map((f) => [f.id, f]));
    for (const s of list.value) {
      if (this.options.skip?.(s.id)) continue;
      const print = fingerprint(s, factsById.get(s.id));
      if (state.done[s.id] === print) {
        out.unchanged += 1;
        continue;
      }
      if (!s.complete && now.getTime() - Date.parse(s.startedAt) < staleMs) {
        out.waiting += 1;
        continue;
      }
      const rec = await this.source.get(s.id);
      if (!rec.ok) {
        out.failed.push({ id: s.id, message: rec.error.message });
        continue;
      }
      const put = await this.clinic.put(s.id, rec.value);
      if (!put.ok) {
        out.failed.push({ id: s.id, message: put.error.message });
        continue;
      }
      try {
        await putSummary(this.clinic.db, this.key, summaryOf(s.id, rec.value, s.complete, kindOf(s.exercise), safety));
      } catch (e) {
        out.failed.push({ id: s.id, message: e instanceof Error ? e.message : String(e) });
        continue;
      }
      state.done[s.id] = print;
      out.written.push(s.id);
      dirty = true;
    }
    if (dirty) {
      try {
        await this.clinic.db.put(state as unknown as PouchDoc);
      } catch (e) {
        // Not kept: the next run writes the same documents again (new revisions, never duplicates).
        out.failed.push({ id: STATE_ID, message: e instanceof Error ? e.message : String(e) });
      }
    }
    return out;
  }
}
