/**
 * One stored session under review: the record, its replay through the same core the coach
 * used (every per-frame output kept for the charts and the skeleton), the position of the
 * replay, and re-scoring with an edited prescription.
 */
import { resolvePrescription, type Exercise, type Prescription, type RepDetail } from '../../core/check/exercise';
import type { SessionOutput } from '../../core/pipeline';
import type { PoseFrame } from '../../core/pose';
import { recordFrames, replay, type ReplayResult, type SessionRecord } from '../../core/session';
import { exercises } from '../../exercises';
import { sharedStore } from '../../storage/shared';
import type { ClipMeta, SessionSummary, StorageError } from '../../storage/store';
import { fmt, t } from '../i18n/index.svelte';
import { storageText } from './history.svelte';

/** Largest video a physio can attach to a session (bytes): it is read into memory whole. */
export const MAX_CLIP_BYTES = 500e6;

export type ReviewLoad =
  | { state: 'loading' }
  | { state: 'error'; error: StorageError | { kind: 'unknown-exercise'; message: string } }
  | { state: 'ready' };

/** Mean score of a set of reps (0-100), null without reps. */
export function meanScore(reps: readonly RepDetail[]): number | null {
  return reps.length ? Math.round(reps.reduce((s, r) => s + r.score, 0) / reps.length) : null;
}

export class ReviewState {
  load = $state.raw<ReviewLoad>({ state: 'loading' });
  record = $state.raw<SessionRecord | null>(null);
  summary = $state.raw<SessionSummary | null>(null);
  exercise = $state.raw<Exercise | null>(null);
  /** Replay with the recorded prescription (what the patient was coached with). */
  result = $state.raw<ReplayResult | null>(null);
  /** Reps as recorded live (events in the record). */
  recordedReps = $state.raw<RepDetail[]>([]);
  /** Replay with the edited prescription; null until the physio re-scores. */
  rescored = $state.raw<ReplayResult | null>(null);
  rescoredWith = $state.raw<Prescription | null>(null);
  /** Index of the frame shown. */
  index = $state(0);
  playing = $state(false);
  frames: { tMs: number; frame: PoseFrame | null }[] = [];
  /** Seconds from the first frame, per frame (chart x). */
  times: number[] = [];
  /** The session's video (kept with consent), as an object URL, and what is known of it. */
  clipUrl = $state<string | null>(null);
  clipMeta = $state.raw<ClipMeta | null>(null);
  clipBlob: Blob | null = null;
  /** Result of the last video action (attach, delete), for a status line. */
  clipNotice = $state.raw<{ kind: 'ok' | 'error'; text: string } | null>(null);
  private id: string | null = null;

  /** Seconds of video time at the record's first frame (video starts with the first frame, ±a frame). */
  get clipOffsetS(): number {
    const t0 = this.frames[0]?.tMs ?? 0;
    return this.clipMeta ? (t0 - this.clipMeta.startT) / 1000 : 0;
  }

  async open(id: string): Promise<void> {
    this.load = { state: 'loading' };
    const opened = await sharedStore();
    if (!opened.ok) return void (this.load = { state: 'error', error: opened.error });
    const got = await opened.value.get(id);
    if (!got.ok) return void (this.load = { state: 'error', error: got.error });
    const list = await opened.value.list();
    this.summary = list.ok ? (list.value.find((s) => s.id === id) ?? null) : null;
    this.id = id;
    this.show(got.value);
    await this.loadClip();
  }

  private async loadClip(): Promise<void> {
    this.releaseClip();
    const opened = await sharedStore();
    if (!opened.ok || !this.id) return;
    const clip = await opened.value.getClip(this.id);
    if (!clip.ok) return void (this.clipNotice = { kind: 'error', text: t('review.clip.unreadable', { message: storageText(clip.error) }) });
    if (!clip.value) return;
    this.clipMeta = clip.value.meta;
    this.clipBlob = clip.value.blob;
    this.clipUrl = URL.createObjectURL(clip.value.blob);
  }

  /** Keep a video file with this session (a patient sent it with the record). */
  async attachClip(file: File): Promise<void> {
    if (!this.id) return;
    if (!file.type.startsWith('video/')) return void (this.clipNotice = { kind: 'error', text: t('review.clip.notVideo') });
    if (file.size > MAX_CLIP_BYTES) {
      return void (this.clipNotice = { kind: 'error', text: t('review.clip.tooLarge', { n: fmt.number(Math.round(file.size / 1e6)), max: fmt.number(MAX_CLIP_BYTES / 1e6) }) });
    }
    const opened = await sharedStore();
    if (!opened.ok) return void (this.clipNotice = { kind: 'error', text: storageText(opened.error) });
    // A video from Rootwell starts with the first recorded frame.
    const r = await opened.value.putClip(this.id, await file.arrayBuffer(), file.type, this.frames[0]?.tMs ?? 0);
    if (!r.ok) return void (this.clipNotice = { kind: 'error', text: t('review.clip.failed', { message: storageText(r.error) }) });
    this.clipNotice = { kind: 'ok', text: t('review.clip.attached') };
    await this.loadClip();
  }

  async deleteClip(): Promise<void> {
    if (!this.id) return;
    const opened = await sharedStore();
    const r = opened.ok ? await opened.value.deleteClip(this.id) : opened;
    if (!r.ok) return void (this.clipNotice = { kind: 'error', text: storageText(r.error) });
    this.releaseClip();
    this.clipNotice = { kind: 'ok', text: t('review.clip.deleted') };
  }

  releaseClip(): void {
    if (this.clipUrl) URL.revokeObjectURL(this.clipUrl);
    this.clipUrl = null;
    this.clipMeta = null;
    this.clipBlob = null;
  }

  /** Show a record (already validated). */
  show(record: SessionRecord): void {
    const ex = (exercises as Record<string, Exercise | undefined>)[record.header.exercise];
    if (!ex) {
      this.load = { state: 'error', error: { kind: 'unknown-exercise', message: t('history.storage.unknownExercise', { id: record.header.exercise }) } };
      return;
    }
    this.record = record;
    this.exercise = ex;
    this.frames = recordFrames(record);
    const t0 = this.frames[0]?.tMs ?? 0;
    this.times = this.frames.map((f) => (f.tMs - t0) / 1000);
    this.result = replay(ex, record, undefined, { keepOutputs: true });
    this.recordedReps = record.events.flatMap((e) => (e.type === 'rep' ? [e.rep as RepDetail] : []));
    this.rescored = null;
    this.rescoredWith = null;
    this.index = 0;
    this.load = { state: 'ready' };
  }

  /** The prescription recorded with the session, with the exercise's defaults filled in. */
  get prescription(): Prescription | null {
    return this.exercise && this.record ? resolvePrescription(this.exercise, this.record.header.prescription as Partial<Prescription>) : null;
  }

  get output(): SessionOutput | null {
    return this.result?.outputs?.[this.index] ?? null;
  }

  get frame(): PoseFrame | null {
    return this.frames[this.index]?.frame ?? null;
  }

  /** Replay through the same core with an edited prescription. */
  rescore(p: Prescription): void {
    if (!this.exercise || !this.record) return;
    this.rescored = replay(this.exercise, this.record, p);
    this.rescoredWith = p;
  }

  /** Jump to the frame nearest `s` seconds. */
  seek(s: number): void {
    const ts = this.times;
    if (!ts.length) return;
    let lo = 0;
    let hi = ts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ts[mid] ?? 0) < s) lo = mid + 1;
      else hi = mid;
    }
    const prev = Math.max(0, lo - 1);
    this.index = Math.abs((ts[prev] ?? 0) - s) < Math.abs((ts[lo] ?? 0) - s) ? prev : lo;
  }
}
