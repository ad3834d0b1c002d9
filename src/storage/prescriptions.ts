/**
 * The programme in force on this device (imported from the physio's file, or edited here),
 * kept in localStorage and validated on every load. `loadPrescriptions()` is what Today's
 * programme reads; null means "no programme: use each exercise's defaults".
 */
import { resolvePrescription, type Exercise, type Prescription } from '../core/check/exercise';
import { logAnswer, logProposed, MAX_LOG_ENTRIES, withDose, type ProgressionLogEntry, type ProgressionRule, type Proposal } from '../core/progress/progression';
import { localStore as storage } from './local';
import { parseProgramme, serializeProgramme, type Programme, type ProgrammeCode, type ProgrammeResult } from './programme-file';
import type { Said } from '../core/said';

export const PROGRAMME_KEY = 'rootwell.programme.v1';

/** The stored programme, or null (none stored, storage unavailable, or damaged). */
export function loadPrescriptions(store: Storage | null = storage()): Programme | null {
  const raw = store?.getItem(PROGRAMME_KEY) ?? null;
  if (!raw) return null;
  const r = parseProgramme(raw);
  return r.ok ? r.programme : null;
}

/** The prescription for one exercise from the stored programme (undefined: use the defaults). */
export function prescriptionFor(id: string, store: Storage | null = storage()): Prescription | undefined {
  return loadPrescriptions(store)?.exercises.find((l) => l.exercise === id)?.prescription as Prescription | undefined;
}

export type SaveResult = { ok: true } | ({ ok: false } & Said<ProgrammeCode>);

const NONE_STORED: SaveResult = { ok: false, code: 'noneStored', message: 'No programme is stored on this device.' };

/** Store a (validated) programme as the one in force. */
export function savePrescriptions(p: Programme, store: Storage | null = storage()): SaveResult {
  if (!store) return { ok: false, code: 'storageOff', message: 'This browser is not letting Rootwell save the programme (a private window?).' };
  try {
    store.setItem(PROGRAMME_KEY, serializeProgramme(p));
    return { ok: true };
  } catch {
    return { ok: false, code: 'storageFull', message: 'The programme could not be saved: the browser storage is full.' };
  }
}

/** Import a programme file's text: validated first; on any error nothing stored changes. */
export function importPrescriptions(text: string, store: Storage | null = storage()): ProgrammeResult | { ok: false; error: Said<ProgrammeCode> & { kind: 'save' } } {
  const r = parseProgramme(text);
  if (!r.ok) return r;
  // The progression log this device kept is not lost when the physio's new file arrives.
  const log = mergeLogs(loadPrescriptions(store)?.progressionLog ?? [], r.programme.progressionLog ?? []);
  if (log.length) r.programme.progressionLog = log;
  const saved = savePrescriptions(r.programme, store);
  return saved.ok ? r : { ok: false, error: { kind: 'save', code: saved.code, message: saved.message } };
}

/** Go back to the built-in defaults. */
export function clearPrescriptions(store: Storage | null = storage()): void {
  try {
    store?.removeItem(PROGRAMME_KEY);
  } catch {
    /* nothing stored to clear */
  }
}

/** The prescription in force for an exercise: the physio's, over the exercise's defaults. */
export function effectivePrescription(ex: Exercise, store: Storage | null = storage()): Prescription {
  return resolvePrescription(ex, prescriptionFor(ex.id, store));
}

/** Exercises of today's programme: the physio's list in their order, or all of `all` without one. */
export function programmeExercises<E extends { id: string }>(all: readonly E[], store: Storage | null = storage()): E[] {
  const p = loadPrescriptions(store);
  if (!p) return [...all];
  return p.exercises.flatMap((l) => all.filter((e) => e.id === l.exercise));
}

/** Two progression logs as one: by entry id (the second's entry wins), oldest first, capped. */
export function mergeLogs(a: readonly ProgressionLogEntry[], b: readonly ProgressionLogEntry[]): ProgressionLogEntry[] {
  const byId = new Map<string, ProgressionLogEntry>();
  for (const e of [...a, ...b]) byId.set(e.id, e);
  return [...byId.values()].sort((x, y) => x.proposedAt.localeCompare(y.proposedAt)).slice(-MAX_LOG_ENTRIES);
}

/** The physio's progression rule for an exercise (none without a programme or a rule). */
export function ruleFor(id: string, store: Storage | null = storage()): ProgressionRule | undefined {
  return loadPrescriptions(store)?.exercises.find((l) => l.exercise === id)?.progression;
}

/** What was proposed and answered, oldest first. */
export function progressionLog(store: Storage | null = storage()): ProgressionLogEntry[] {
  return loadPrescriptions(store)?.progressionLog ?? [];
}

/** Record that a proposal was shown (kept once; nothing changes in the dose). */
export function noteProposal(p: Proposal, at: string, store: Storage | null = storage()): SaveResult {
  const prog = loadPrescriptions(store);
  if (!prog) return NONE_STORED;
  if ((prog.progressionLog ?? []).some((e) => e.id === p.id)) return { ok: true };
  return savePrescriptions({ ...prog, progressionLog: logProposed(prog.progressionLog ?? [], p, at) }, store);
}

/**
 * The patient's answer to a proposal: logged; when accepted, the exercise's prescription takes
 * the new dose. The programme is validated again before it is stored (a bad dose stores nothing).
 */
export function answerProposal(p: Proposal, answer: 'accepted' | 'declined' | 'seen', at: string, store: Storage | null = storage()): SaveResult {
  const prog = loadPrescriptions(store);
  if (!prog) return NONE_STORED;
  const exercises = prog.exercises.map((l) =>
    answer === 'accepted' && p.to && l.exercise === p.exercise ? { ...l, prescription: withDose(l.prescription as Prescription, p.to) } : l,
  );
  const next = { ...prog, exercises, progressionLog: logAnswer(prog.progressionLog ?? [], p, answer, at) };
  const check = parseProgramme(serializeProgramme(next));
  if (!check.ok) return { ok: false, code: check.error.code, ...(check.error.params ? { params: check.error.params } : {}), message: check.error.message };
  return savePrescriptions(check.programme, store);
}
