/**
 * A set's summary for the clinic (issue 10): the few numbers the physio's list needs (date,
 * exercise, reps/holds done vs prescribed, mean form score, range of motion, pain before/after,
 * the safety screen in force), so the clinic view never decrypts a full record (megabytes of
 * keypoints) to list patients. Pure: derived from the record's own events and check-ins.
 */
import * as v from 'valibot';
import type { ExerciseKind } from '../progress';
import { factsFromRecord, REACH_LEVEL, setsCompleted } from '../progress';
import { EndReasonSchema, PainCheckInSchema, PrescriptionSchema, type SessionRecord } from '../session/schema';

// eslint-disable-next-line no-control-regex
const text = (max: number) => v.pipe(v.string(), v.maxLength(max), v.regex(/^[^\u0000-\u001f\u007f<>]*$/));
const num = v.pipe(v.number(), v.finite());
const count = v.pipe(num, v.integer(), v.minValue(0), v.maxValue(100_000));

export const SafetyStatusSchema = v.object({ result: v.picklist(['stop', 'clear']), at: v.pipe(text(40), v.isoTimestamp()) });
export type SafetyStatus = v.InferOutput<typeof SafetyStatusSchema>;

export const SetSummarySchema = v.object({
  v: v.literal(1),
  /** The record's id (the full record is the document of that id). */
  id: text(100),
  exercise: text(60),
  startedAt: v.pipe(text(40), v.isoTimestamp()),
  complete: v.boolean(),
  endReason: v.optional(EndReasonSchema),
  durationS: v.pipe(num, v.minValue(0)),
  prescription: PrescriptionSchema,
  /** Reps counted (rep exercises) and holds done / reaching their time (stretches). */
  reps: count,
  holds: count,
  holdsMet: count,
  /** Sets completed (progress' setsCompleted), null when the exercise is unknown here. */
  setsDone: v.nullable(count),
  /** Mean rep score 0-100, null without reps. */
  meanScore: v.nullable(v.pipe(num, v.minValue(0), v.maxValue(100))),
  /** Range of motion: the best rep peak (deg), or for a stretch the largest angle held; null when none. */
  rom: v.nullable(num),
  painBefore: v.nullable(PainCheckInSchema),
  painAfter: v.nullable(PainCheckInSchema),
  /** How far down the leg the pain reaches after vs before. source: clinical-basis.md#pain-check-in */
  painChange: v.nullable(v.picklist(['centralised', 'peripheralised', 'same'])),
  /** The red-flag screen in force on the patient's device when the summary was made. */
  safety: v.nullable(SafetyStatusSchema),
});
export type SetSummary = v.InferOutput<typeof SetSummarySchema>;

/** The patient's latest state that is not a set: the safety screen (a "yes" blocks every set, so it must travel alone). */
export const PatientStatusSchema = v.object({ v: v.literal(1), safety: v.nullable(SafetyStatusSchema), updatedAt: v.pipe(text(40), v.isoTimestamp()) });
export type PatientStatus = v.InferOutput<typeof PatientStatusSchema>;

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * The summary of one record. `kind`: the exercise's kind (from the registry; undefined when this
 * app does not know the exercise), `safety`: the red-flag screen in force on the device.
 */
export function summaryOf(id: string, record: SessionRecord, complete: boolean, kind: ExerciseKind | undefined, safety: SafetyStatus | null): SetSummary {
  const f = factsFromRecord(id, record, complete);
  const scores = f.reps.map((r) => r.score);
  const peaks = f.reps.map((r) => r.peak);
  const held = f.holds.flatMap((h) => (h.angle === null ? [] : [h.angle]));
  const rom = peaks.length ? Math.max(...peaks) : held.length ? Math.max(...held) : null;
  const painBefore = f.pain.find((p) => p.when === 'before') ?? null;
  const painAfter = [...f.pain].reverse().find((p) => p.when === 'after') ?? null;
  let painChange: SetSummary['painChange'] = null;
  if (painBefore && painAfter) {
    const d = REACH_LEVEL[painAfter.reach] - REACH_LEVEL[painBefore.reach];
    painChange = d < 0 ? 'centralised' : d > 0 ? 'peripheralised' : 'same';
  }
  return {
    v: 1,
    id,
    exercise: f.exercise,
    startedAt: f.startedAt,
    complete,
    ...(record.endReason ? { endReason: record.endReason } : {}),
    durationS: f.durationS,
    prescription: f.prescription,
    reps: f.reps.length,
    holds: f.holds.length,
    holdsMet: f.holds.filter((h) => h.met).length,
    setsDone: kind ? setsCompleted(f, kind) : null,
    meanScore: scores.length ? round1(scores.reduce((a, b) => a + b, 0) / scores.length) : null,
    rom: rom === null ? null : round1(rom),
    painBefore: painBefore ? { ...painBefore } : null,
    painAfter: painAfter ? { ...painAfter } : null,
    painChange,
    safety,
  };
}

/** A decrypted summary checked like any input (a damaged one is null). */
export function parseSummary(data: unknown): SetSummary | null {
  const r = v.safeParse(SetSummarySchema, data);
  return r.success ? r.output : null;
}

export function parseStatus(data: unknown): PatientStatus | null {
  const r = v.safeParse(PatientStatusSchema, data);
  return r.success ? r.output : null;
}
