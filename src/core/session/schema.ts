/**
 * The session record schema (valibot), checked on every load and import. Strings are bounded
 * and free of control characters; numbers are finite and in range; arrays have caps, so a
 * hostile or huge file is rejected with a clear message before anything uses it.
 */
import * as v from 'valibot';

export const SCHEMA_VERSION = 1;
/** Largest record we accept (characters of JSON). ~10 h at 15 fps. */
export const MAX_RECORD_CHARS = 200_000_000;
/** Most frames in one record (3 h at 30 fps). */
export const MAX_FRAMES = 324_000;

// Text is shown to a physio; control characters and markup have no business in a record.
// eslint-disable-next-line no-control-regex
const noControl = v.regex(/^[^\u0000-\u001f\u007f<>]*$/, 'must not contain control characters or < >');
const text = (max: number) => v.pipe(v.string(), v.maxLength(max), noControl);
const num = v.pipe(v.number(), v.finite());
const int = v.pipe(v.number(), v.integer());
const sideOrBoth = v.picklist(['left', 'right', 'both']);
const seconds = v.pipe(num, v.minValue(0), v.maxValue(86_400));

export const PrescriptionSchema = v.object({
  sets: v.pipe(int, v.minValue(1), v.maxValue(100)),
  reps: v.optional(v.pipe(int, v.minValue(1), v.maxValue(1000))),
  holdS: v.optional(v.pipe(num, v.minValue(0), v.maxValue(600))),
  sides: v.pipe(v.array(sideOrBoth), v.maxLength(3)),
  timesPerDay: v.optional(v.pipe(int, v.minValue(1), v.maxValue(24))),
  targets: v.optional(v.pipe(v.record(text(40), num), v.check((r) => Object.keys(r).length <= 40, 'too many targets'))),
});

// Fault ids are the exercises' own (each declares its faults); a record keeps whichever it was given.
const FaultSchema = v.pipe(v.string(), v.maxLength(40), v.regex(/^[a-z][a-z0-9-]*$/, 'a fault is a lower-case id such as hold-too-short'));

export const RepDetailSchema = v.object({
  index: v.pipe(int, v.minValue(1)),
  side: sideOrBoth,
  startS: seconds,
  peakS: seconds,
  endS: seconds,
  holdS: seconds,
  score: v.pipe(num, v.minValue(0), v.maxValue(100)),
  faults: v.pipe(v.array(FaultSchema), v.maxLength(20)),
  peak: num,
  lowerS: seconds,
});

export const HoldDetailSchema = v.object({
  side: sideOrBoth,
  startS: seconds,
  endS: seconds,
  seconds,
  targetS: seconds,
  met: v.boolean(),
  angle: v.nullable(num),
});

const tMs = v.pipe(num, v.minValue(0), v.maxValue(86_400_000));
export const SessionEventSchema = v.variant('type', [
  v.object({ type: v.literal('phase'), tMs, phase: v.picklist(['setup', 'ready', 'active', 'paused', 'done']) }),
  v.object({ type: v.literal('rep'), tMs, rep: RepDetailSchema }),
  v.object({ type: v.literal('hold'), tMs, hold: HoldDetailSchema }),
  v.object({ type: v.literal('partial'), tMs, side: sideOrBoth, peak: num }),
  v.object({
    type: v.literal('not-counted'),
    tMs,
    side: sideOrBoth,
    reason: v.picklist(['top-too-low', 'too-short', 'lost-sight', 'ended-at-top']),
    peak: v.optional(num),
    needed: v.optional(num),
    gapS: v.optional(num),
  }),
  v.object({ type: v.literal('cue'), tMs, id: text(60), text: text(300) }),
  v.object({
    type: v.literal('pause'),
    tMs,
    kind: text(30),
    message: text(300),
    joints: v.optional(v.pipe(v.array(text(30)), v.maxLength(30))),
  }),
  v.object({ type: v.literal('resume'), tMs }),
]);

const painScore = v.pipe(int, v.minValue(0), v.maxValue(10));
export const PainCheckInSchema = v.object({
  when: v.picklist(['before', 'after']),
  tMs: v.optional(tMs),
  back: painScore,
  leg: painScore,
  reach: v.picklist(['none', 'buttock', 'thigh', 'calf', 'foot']),
});

const row = v.nullable(v.pipe(v.array(int), v.maxLength(300)));
export const FramesSchema = v.pipe(
  v.object({
    joints: v.pipe(v.array(text(30)), v.minLength(1), v.maxLength(100)),
    width: v.pipe(int, v.minValue(0), v.maxValue(16384)),
    height: v.pipe(int, v.minValue(0), v.maxValue(16384)),
    t: v.pipe(v.array(int), v.maxLength(MAX_FRAMES)),
    k: v.pipe(v.array(row), v.maxLength(MAX_FRAMES)),
    w: v.optional(v.pipe(v.array(row), v.maxLength(MAX_FRAMES))),
  }),
  v.check((f) => f.k.length === f.t.length, 'frames: k and t have different lengths (truncated?)'),
  v.check((f) => !f.w || f.w.length === f.t.length, 'frames: w and t have different lengths (truncated?)'),
  v.check((f) => f.k.every((r) => r === null || r.length === f.joints.length * 3), 'frames: a row has the wrong number of values'),
  v.check((f) => f.t.every((d, i) => i === 0 || d >= 0), 'frames: time goes backwards'),
);

export const HeaderSchema = v.object({
  appVersion: text(40),
  model: text(60),
  exercise: text(60),
  prescription: PrescriptionSchema,
  startedAt: v.pipe(text(40), v.isoTimestamp('startedAt must be an ISO date-time')),
  source: v.optional(text(300)),
});

/**
 * Why a set was finished before the prescribed reps or holds, in the patient's one tap.
 * 'not-counted': "the camera did not count me" (counting failed: the physio needs to see it).
 */
export const END_REASONS = ['pain', 'tired', 'no-time', 'not-counted', 'other'] as const;
export const EndReasonSchema = v.picklist(END_REASONS);

export const SessionRecordSchema = v.object({
  schemaVersion: v.literal(SCHEMA_VERSION),
  header: HeaderSchema,
  frames: FramesSchema,
  events: v.pipe(v.array(SessionEventSchema), v.maxLength(100_000)),
  pain: v.pipe(v.array(PainCheckInSchema), v.maxLength(20)),
  /** Optional: records made before issue 12 (and sets finished as prescribed) have none. */
  endReason: v.optional(EndReasonSchema),
});

export type SessionRecord = v.InferOutput<typeof SessionRecordSchema>;
export type PainCheckIn = v.InferOutput<typeof PainCheckInSchema>;
export type RecordHeader = v.InferOutput<typeof HeaderSchema>;
export type EndReason = v.InferOutput<typeof EndReasonSchema>;
