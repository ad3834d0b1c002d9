/**
 * Records a live set into the SessionStore while it runs: raw frames into a RecordBuilder, and
 * a save every few seconds of frame time (complete=false), so a reload, a closed tab or a crash
 * loses at most those seconds; the last save at the end of the set is complete=true.
 */
import type { Exercise, Prescription } from '../../core/check/exercise';
import type { SessionEvent } from '../../core/pipeline';
import type { ModelId } from '../../estimate/estimator';
import type { PoseFrame } from '../../core/pose';
import { RecordBuilder, type EndReason, type PainCheckIn } from '../../core/session';
import { sharedStore } from '../../storage/shared';
import type { Result, SessionStore, SessionSummary, StorageError } from '../../storage/store';

export const APP_VERSION = '0.1.0';
/** Seconds of frames between saves while a set runs (issue 5: "loses at most a few seconds"). */
export const SAVE_EVERY_MS = 3000;

export type RecorderStatus = { state: 'recording' | 'saved' } | { state: 'error'; error: StorageError };

let lastId: string | null = null;

/** Id of the last set recorded on this page (for the pain check-in asked after it). */
export function lastRecordedId(): string | null {
  return lastId;
}

/**
 * Writes of a finished set still under way (its complete save, its end reason). A page that lists
 * the records waits for them first: a patient who taps why the set ended and opens History at
 * once must see the reason, not the list as it was a moment before.
 */
const writing = new Set<Promise<unknown>>();
function tracked<T>(p: Promise<T>): Promise<T> {
  writing.add(p);
  const drop = (): void => void writing.delete(p);
  p.then(drop, drop);
  return p;
}

/** Resolves once the record writes under way when called have finished (whatever their outcome). */
export async function recordWritesSettled(): Promise<void> {
  await Promise.allSettled([...writing]);
}

function newId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `s-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export class SetRecorder {
  readonly id = newId();
  status: RecorderStatus = { state: 'recording' };
  /** Called after each save (for a status line). */
  onstatus: ((s: RecorderStatus) => void) | null = null;
  private readonly builder: RecordBuilder;
  private lastSaveT: number | null = null;
  private pending: Promise<unknown> | null = null;
  private finished = false;
  private store: Promise<Result<SessionStore>>;

  constructor(
    exercise: Exercise,
    prescription: Prescription,
    opts: { model: string; source?: string; pain?: PainCheckIn[]; store?: Promise<Result<SessionStore>>; everyMs?: number; startedAt?: string } = { model: 'unknown' },
  ) {
    this.builder = new RecordBuilder({
      appVersion: APP_VERSION,
      model: opts.model,
      exercise: exercise.id,
      prescription,
      startedAt: opts.startedAt ?? new Date().toISOString(),
      ...(opts.source ? { source: opts.source } : {}),
    });
    this.pain = opts.pain ?? [];
    this.everyMs = opts.everyMs ?? SAVE_EVERY_MS;
    this.store = opts.store ?? sharedStore();
    lastId = this.id;
  }

  private readonly pain: PainCheckIn[];
  private readonly everyMs: number;
  private finishing: Promise<Result<SessionSummary>> | null = null;
  private endReason: EndReason | null = null;

  /** One raw frame (null: nobody in view) and the session's events so far. */
  add(frame: PoseFrame | null, tMs: number, events: readonly SessionEvent[]): void {
    if (this.finished) return;
    this.builder.add(frame, tMs);
    this.lastSaveT ??= tMs;
    if (tMs - this.lastSaveT >= this.everyMs && !this.pending) {
      this.lastSaveT = tMs;
      this.pending = this.save(events, false).finally(() => (this.pending = null));
    }
  }

  /** The set ended: save it as complete (waits for a save in flight). */
  async finish(events: readonly SessionEvent[]): Promise<Result<SessionSummary> | null> {
    if (this.finished) return null;
    this.finished = true;
    if (this.builder.length === 0) return null;
    this.finishing = tracked((async () => {
      await this.pending;
      return this.save(events, true);
    })());
    return this.finishing;
  }

  /** Why the patient finished early (issue 12), once the set is saved; kept for a download too. */
  setEndReason(reason: EndReason): Promise<Result<SessionSummary> | null> {
    this.endReason = reason;
    return tracked(this.saveEndReason(reason));
  }

  private async saveEndReason(reason: EndReason): Promise<Result<SessionSummary> | null> {
    const saved = await this.finishing;
    if (!saved?.ok) return saved; // not saved on this device: the downloaded file carries the reason
    const opened = await this.store;
    if (!opened.ok) return this.report(opened);
    return this.report(await opened.value.setEndReason(this.id, reason));
  }

  /** The set so far as a record file's text (kept in memory even when saving fails). */
  text(events: readonly SessionEvent[]): string {
    const t = this.builder.text([...events], [...this.pain]);
    return this.endReason ? `${t.slice(0, -1)},"endReason":${JSON.stringify(this.endReason)}}` : t;
  }

  private async save(events: readonly SessionEvent[], complete: boolean): Promise<Result<SessionSummary>> {
    // Build synchronously (a snapshot of the events now), then write. The text reuses what
    // earlier saves serialised (RecordBuilder.textParts), so a long set does not stutter every save.
    const ev = [...events];
    const record = this.builder.build(ev, [...this.pain]);
    const json = this.builder.textParts(ev, [...this.pain]);
    const opened = await this.store;
    if (!opened.ok) return this.report(opened);
    return this.report(await opened.value.save(this.id, record, complete, json));
  }

  private report<T>(r: Result<T>): Result<T> {
    this.status = r.ok ? { state: 'saved' } : { state: 'error', error: r.error };
    this.onstatus?.(this.status);
    return r;
  }
}

/** What a live run knows when its set's first frame is analysed. */
export interface RunContext {
  model: ModelId | null;
  checker: ModelId | null;
  source: string | null;
}

/** The recorder of a live run's set; the record says which models made its keypoints (some frames may be the checker's). */
export function recorderForRun(exercise: Exercise, prescription: Prescription, ctx: RunContext): SetRecorder {
  const model = ctx.model ? `${ctx.model}${ctx.checker ? `, cross-checked by ${ctx.checker}` : ''}` : 'unknown';
  return new SetRecorder(exercise, prescription, { model, ...(ctx.source ? { source: ctx.source } : {}) });
}

/** Keep the pain check-ins (before and after) with the set just recorded. */
export async function attachPainToLast(
  before: { back: number; leg: number; reach: PainCheckIn['reach'] } | null,
  after: { back: number; leg: number; reach: PainCheckIn['reach'] } | null,
): Promise<void> {
  const id = lastId;
  if (!id) return;
  const opened = await sharedStore();
  if (!opened.ok) return;
  for (const [when, p] of [['before', before], ['after', after]] as const) {
    if (p) await opened.value.addPain(id, { when, back: p.back, leg: p.leg, reach: p.reach });
  }
}
