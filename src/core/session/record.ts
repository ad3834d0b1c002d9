/**
 * Session records: build one while coaching, serialise it, parse and validate an imported
 * file (problems come back as values), and `replay()` a record through the same pipeline the
 * live coach uses. Tests, the CLI and the physio's review all go through `replay()`.
 */
import * as v from 'valibot';
import type { Exercise, HoldDetail, Prescription, RepDetail } from '../check/exercise';
import type { PoseFrame } from '../pose';
import { createSession, type SessionEvent, type SessionOutput } from '../pipeline';
import { decodeFrames, FrameEncoder } from './frames';
import { MAX_RECORD_CHARS, SCHEMA_VERSION, SessionRecordSchema, type PainCheckIn, type SessionRecord } from './schema';
import type { Said } from '../said';

export type { SessionRecord, PainCheckIn, RecordHeader } from './schema';
export { SCHEMA_VERSION } from './schema';

/** What a record problem is called, for the UI to say it in any language (see ../said.ts). */
export type RecordCode = 'notRecord' | 'recordTooLarge' | 'recordNotJson' | 'newer' | 'version' | 'damaged';

export type RecordError = Said<RecordCode> &
  (
    | { kind: 'too-large' }
    | { kind: 'not-json' }
    | { kind: 'wrong-version'; version: unknown }
    | { kind: 'invalid'; issues: string[] }
  );

export type ParseResult = { ok: true; record: SessionRecord } | { ok: false; error: RecordError };

/** Collects frames during a session and turns them into a record. */
export class RecordBuilder {
  // Frames are encoded as they arrive, so build() during a long set costs a copy, not a re-encode.
  private readonly enc = new FrameEncoder();

  constructor(
    readonly header: {
      appVersion: string;
      model: string;
      exercise: string;
      prescription: Prescription;
      startedAt: string;
      source?: string;
    },
  ) {}

  /** Store one raw (unsmoothed) frame; null = nobody in view. */
  add(frame: PoseFrame | null, tMs: number): void {
    this.enc.add(frame, tMs);
  }

  get length(): number {
    return this.enc.length;
  }

  build(events: SessionEvent[] = [], pain: PainCheckIn[] = []): SessionRecord {
    return {
      schemaVersion: SCHEMA_VERSION,
      header: { ...this.header },
      frames: this.enc.encoded(),
      events: events as SessionRecord['events'],
      pain,
    } as SessionRecord;
  }

  /**
   * The record as text in parts: joined, exactly serializeRecord(this.build(events, pain)). The
   * frames' text is kept between calls (FrameEncoder.jsonParts), so a save ten minutes into a
   * set costs about what one a minute in does.
   */
  textParts(events: SessionEvent[] = [], pain: PainCheckIn[] = []): string[] {
    const head = JSON.stringify({ schemaVersion: SCHEMA_VERSION, header: { ...this.header } }).slice(0, -1);
    return [`${head},"frames":`, ...this.enc.jsonParts(), `,"events":${JSON.stringify(events)},"pain":${JSON.stringify(pain)}}`];
  }

  /** The record as one string (a file to download). */
  text(events: SessionEvent[] = [], pain: PainCheckIn[] = []): string {
    return this.textParts(events, pain).join('');
  }
}

/** Compact JSON of a record. */
export function serializeRecord(r: SessionRecord): string {
  return JSON.stringify(r);
}

/** Parse and validate a record from text (an imported file). Never throws. */
export function parseRecord(text: string, options: { maxChars?: number } = {}): ParseResult {
  const maxChars = options.maxChars ?? MAX_RECORD_CHARS;
  if (typeof text !== 'string') return { ok: false, error: { kind: 'invalid', code: 'notRecord', message: 'Not a text file.', issues: [] } };
  if (text.length > maxChars) {
    return {
      ok: false,
      error: {
        kind: 'too-large',
        code: 'recordTooLarge',
        params: { n: Math.round(text.length / 1e6) },
        message: `This file is too large to be a session record (${Math.round(text.length / 1e6)} MB).`,
      },
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return {
      ok: false,
      error: { kind: 'not-json', code: 'recordNotJson', message: 'This file is not a session record: it is damaged or cut short (not valid JSON).' },
    };
  }
  return validateRecord(data);
}

/** Validate an already-parsed value as a record. Never throws. */
export function validateRecord(data: unknown): ParseResult {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, error: { kind: 'invalid', code: 'notRecord', message: 'This file is not a session record.', issues: [] } };
  }
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (version !== SCHEMA_VERSION) {
    const newer = typeof version === 'number' && version > SCHEMA_VERSION;
    return {
      ok: false,
      error: {
        kind: 'wrong-version',
        code: newer ? 'newer' : 'version',
        params: { version: String(version) },
        version,
        message:
          newer
            ? `This record was made by a newer version of Rootwell (format ${version}); please update the app.`
            : `This file is not a session record this app can read (format ${String(version)}).`,
      },
    };
  }
  const res = v.safeParse(SessionRecordSchema, data);
  if (!res.success) {
    const issues = res.issues.slice(0, 10).map((i) => {
      const path = i.path?.map((p) => String(p.key)).join('.') ?? '';
      return path ? `${path}: ${i.message}` : i.message;
    });
    return {
      ok: false,
      error: { kind: 'invalid', code: 'damaged', params: { issue: issues[0] ?? 'invalid' }, message: `This session record is damaged: ${issues[0] ?? 'invalid'}.`, issues },
    };
  }
  return { ok: true, record: res.output };
}

/** The analysis report of DESIGN.md (plus the event list and, on request, every output). */
export interface ReplayResult {
  exercise: string;
  model: string;
  durationS: number;
  fps: number;
  trackedFraction: number;
  reps: number;
  repsBySide: { left: number; right: number; both: number };
  repDetails: RepDetail[];
  holds: HoldDetail[];
  events: SessionEvent[];
  outputs?: SessionOutput[];
}

/** Decoded frames of a record. */
export function recordFrames(record: SessionRecord): { tMs: number; frame: PoseFrame | null }[] {
  return decodeFrames(record.frames);
}

/**
 * Replay a record through the live pipeline. `prescription` overrides the one recorded (for
 * re-scoring); `keepOutputs` returns every per-frame output (for review charts).
 */
export function replay(
  exercise: Exercise,
  record: SessionRecord,
  prescription?: Partial<Prescription>,
  options: { keepOutputs?: boolean } = {},
): ReplayResult {
  const frames = decodeFrames(record.frames);
  const recorded = record.header.exercise === exercise.id ? (record.header.prescription as Partial<Prescription>) : undefined;
  const session = createSession(exercise, prescription ?? recorded);
  const outputs: SessionOutput[] = [];
  let tracked = 0;
  for (const { tMs, frame } of frames) {
    if (frame) tracked += 1;
    const out = session.push(frame, tMs);
    if (options.keepOutputs) outputs.push(out);
  }
  session.end();
  const events = session.events;
  const repDetails = events.flatMap((e) => (e.type === 'rep' ? [e.rep] : []));
  const holds = events.flatMap((e) => (e.type === 'hold' ? [e.hold] : []));
  const repsBySide = { left: 0, right: 0, both: 0 };
  for (const r of repDetails) repsBySide[r.side] += 1;
  const first = frames[0]?.tMs ?? 0;
  const last = frames[frames.length - 1]?.tMs ?? 0;
  const durationS = frames.length > 1 ? (last - first) / 1000 + (last - first) / 1000 / (frames.length - 1) : 0;
  const result: ReplayResult = {
    exercise: exercise.id,
    model: record.header.model,
    durationS: Math.round(durationS * 100) / 100,
    fps: durationS > 0 ? Math.round((frames.length / durationS) * 10) / 10 : 0,
    trackedFraction: frames.length ? Math.round((tracked / frames.length) * 1000) / 1000 : 0,
    reps: repDetails.length,
    repsBySide,
    repDetails,
    holds,
    events,
  };
  if (options.keepOutputs) result.outputs = outputs;
  return result;
}
