/**
 * The programme file a physio exports and a patient imports: which exercises, and each one's
 * prescription (sets, reps, hold seconds, sides, times a day, targets). Versioned JSON,
 * validated with valibot on every import and every load; bad files come back as values.
 */
import * as v from 'valibot';
import type { ExerciseId, Prescription } from '../core/check/exercise';
import { PrescriptionSchema } from '../core/session/schema';
import { ProgressionLogSchema, ProgressionRuleSchema, type ProgressionLogEntry, type ProgressionRule } from '../core/progress/progression';
import { exerciseIds, getExercise } from '../exercises';
import type { Said } from '../core/said';

export const PROGRAMME_VERSION = 1;
/** A programme is a few kB; anything much bigger is not one. */
export const MAX_PROGRAMME_CHARS = 200_000;

// eslint-disable-next-line no-control-regex
const noControl = v.regex(/^[^\u0000-\u001f\u007f<>]*$/, 'must not contain control characters or < >');
const text = (max: number) => v.pipe(v.string(), v.maxLength(max), noControl);

export const ProgrammeLineSchema = v.object({
  /** One of the registry's exercise ids (read when the file is checked, so every registered one counts). */
  exercise: v.pipe(
    v.string(),
    v.check((id) => getExercise(id) !== undefined, (issue) => `Invalid type: Expected (${exerciseIds().map((id) => `"${id}"`).join(' | ')}) but received ${JSON.stringify(issue.input)}`),
  ),
  prescription: PrescriptionSchema,
  /** A short note for the patient ("stop if the leg pain spreads"). */
  note: v.optional(text(300)),
  /** The physio's progression rule for this exercise (src/core/progress/progression.ts). */
  progression: v.optional(ProgressionRuleSchema),
});

export const ProgrammeSchema = v.pipe(
  v.object({
    rootwellProgramme: v.literal(PROGRAMME_VERSION),
    /** ISO date-time the physio saved it. */
    createdAt: v.pipe(text(40), v.isoTimestamp('createdAt must be an ISO date-time')),
    /** Who prescribed it (free text, shown to the patient). */
    author: v.optional(text(120)),
    note: v.optional(text(600)),
    exercises: v.pipe(
      v.array(ProgrammeLineSchema),
      v.check((lines) => lines.length <= exerciseIds().length, (issue) => `Invalid length: Expected <=${exerciseIds().length} but received ${issue.input.length}`),
    ),
    /** What the app proposed (progression, regression) and what the patient answered: for the physio. */
    progressionLog: v.optional(ProgressionLogSchema),
  }),
  v.check((p) => new Set(p.exercises.map((l) => l.exercise)).size === p.exercises.length, 'an exercise is listed twice'),
);

export type Programme = v.InferOutput<typeof ProgrammeSchema>;
export type ProgrammeLine = v.InferOutput<typeof ProgrammeLineSchema>;

/** What a programme problem is called, for the UI to say it in any language (see core/said.ts). */
export type ProgrammeCode = 'notProgramme' | 'isRecord' | 'notJson' | 'tooLarge' | 'newer' | 'version' | 'invalid' | 'storageOff' | 'storageFull' | 'noneStored';

export type ProgrammeError = Said<ProgrammeCode> & { kind: 'too-large' | 'not-json' | 'wrong-version' | 'invalid' };
export type ProgrammeResult = { ok: true; programme: Programme } | { ok: false; error: ProgrammeError };

/** Serialise a programme (pretty, so a physio can read it). */
export function serializeProgramme(p: Programme): string {
  return JSON.stringify(p, null, 2) + '\n';
}

/** A new programme from prescriptions, stamped with `createdAt` (ISO). */
export function makeProgramme(
  lines: { exercise: ExerciseId; prescription: Prescription; note?: string; progression?: ProgressionRule }[],
  createdAt: string,
  extra: { author?: string; note?: string; progressionLog?: ProgressionLogEntry[] } = {},
): Programme {
  return {
    rootwellProgramme: PROGRAMME_VERSION,
    createdAt,
    ...(extra.author ? { author: extra.author } : {}),
    ...(extra.note ? { note: extra.note } : {}),
    exercises: lines.map((l) => ({
      exercise: l.exercise,
      prescription: l.prescription,
      ...(l.note ? { note: l.note } : {}),
      ...(l.progression ? { progression: l.progression } : {}),
    })),
    ...(extra.progressionLog?.length ? { progressionLog: extra.progressionLog } : {}),
  };
}

/** Parse and validate a programme file's text. Never throws. */
export function parseProgramme(textIn: unknown): ProgrammeResult {
  if (typeof textIn !== 'string') return { ok: false, error: { kind: 'invalid', code: 'notProgramme', message: 'This is not a programme file.' } };
  if (textIn.length > MAX_PROGRAMME_CHARS) {
    return { ok: false, error: { kind: 'too-large', code: 'tooLarge', message: 'This file is far too large to be an exercise programme.' } };
  }
  let data: unknown;
  try {
    data = JSON.parse(textIn);
  } catch {
    return { ok: false, error: { kind: 'not-json', code: 'notJson', message: 'This programme file is damaged or cut short (not valid JSON).' } };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !('rootwellProgramme' in data)) {
    const looksLikeRecord = typeof data === 'object' && data !== null && ('schemaVersion' in data || 'rootwellHistory' in data);
    return {
      ok: false,
      error: {
        kind: 'invalid',
        code: looksLikeRecord ? 'isRecord' : 'notProgramme',
        message: looksLikeRecord
          ? 'This is a session record, not a programme. Import it on the History page.'
          : 'This file is not a Rootwell exercise programme.',
      },
    };
  }
  const version = (data as { rootwellProgramme: unknown }).rootwellProgramme;
  if (version !== PROGRAMME_VERSION) {
    const newer = typeof version === 'number' && version > PROGRAMME_VERSION;
    return {
      ok: false,
      error: {
        kind: 'wrong-version',
        code: newer ? 'newer' : 'version',
        params: { version: String(version) },
        message:
          newer
            ? `This programme was made by a newer version of Rootwell (format ${version}); please update the app.`
            : `This programme file has a format this app cannot read (${String(version)}).`,
      },
    };
  }
  const res = v.safeParse(ProgrammeSchema, data);
  if (!res.success) {
    const i = res.issues[0];
    const path = i?.path?.map((p) => String(p.key)).join('.') ?? '';
    const issue = `${path ? `${path}: ` : ''}${i?.message ?? 'invalid'}`;
    return { ok: false, error: { kind: 'invalid', code: 'invalid', params: { issue }, message: `This programme file is damaged: ${issue}.` } };
  }
  return { ok: true, programme: res.output };
}
