/**
 * Export for clinic systems: session records, their pain check-ins and PSFS rounds as one HL7
 * FHIR R4 Bundle (type "collection"). Pure: ids and the bundle's time are passed in.
 *
 * - One Observation per exercise set (a record is one set), category "activity" (as text), code from Rootwell's own CodeSystem (EXERCISE_SYSTEM: no LOINC code
 *   names a home exercise such as a straight-leg raise), components for reps counted and
 *   prescribed, hold seconds, peak angle and form score (MEASURE_SYSTEM; units UCUM, by its OID). Which
 *   measurements fit no LOINC code is said in docs/clinical-basis.md#fhir-export.
 * - One QuestionnaireResponse per pain check-in (back, leg 0-10, how far down the leg) and per
 *   PSFS round (each activity's name and score, and the mean).
 * - The Patient is a placeholder without name or identifier (Rootwell knows neither): the
 *   clinic system links the bundle to its patient.
 *
 * Nothing free-text from the record goes in: not the video file name (`header.source`, which can
 * hold a person's name in a folder path), not cue or pause texts. The PSFS activity names are
 * the measure itself and are kept, in their own items.
 *
 * Types: the installed @types/fhir (3.0.x) describes STU3, whose QuestionnaireResponse differs
 * from R4's, so the few R4 shapes used are declared here and checked against the R4 schema of
 * the `fhir` package in tests/storage/fhir.test.ts.
 */
import type { PsfsRound } from '../core/outcome/psfs';
import { psfsMean } from '../core/outcome/psfs';
import type { PainCheckIn, SessionRecord } from '../core/session';

// --- The R4 shapes used (a subset of FHIR R4's resources) ---------------------------------
export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}
export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}
export interface Quantity {
  value: number;
  unit?: string;
  system?: string;
  code?: string;
}
export interface Reference {
  reference?: string;
  display?: string;
}
export interface ObservationComponent {
  code: CodeableConcept;
  valueQuantity?: Quantity;
  valueCodeableConcept?: CodeableConcept;
  valueInteger?: number;
}
export interface Observation {
  resourceType: 'Observation';
  id: string;
  status: 'registered' | 'preliminary' | 'final' | 'amended';
  category?: CodeableConcept[];
  code: CodeableConcept;
  subject: Reference;
  effectivePeriod?: { start: string; end?: string };
  device?: Reference;
  method?: CodeableConcept;
  component?: ObservationComponent[];
}
export interface QRAnswer {
  valueInteger?: number;
  valueDecimal?: number;
  valueString?: string;
  valueCoding?: Coding;
}
export interface QRItem {
  linkId: string;
  text?: string;
  answer?: QRAnswer[];
  item?: QRItem[];
}
export interface QuestionnaireResponse {
  resourceType: 'QuestionnaireResponse';
  id: string;
  questionnaire: string;
  status: 'in-progress' | 'completed';
  subject: Reference;
  authored: string;
  partOf?: Reference[];
  item: QRItem[];
}
export interface Patient {
  resourceType: 'Patient';
  id: string;
}
export type Resource = Observation | QuestionnaireResponse | Patient;
export interface BundleEntry {
  fullUrl: string;
  resource: Resource;
}
export interface Bundle {
  resourceType: 'Bundle';
  id: string;
  type: 'collection';
  timestamp: string;
  entry: BundleEntry[];
}

// --- Code systems and questionnaires: names, never addresses ------------------------------
// A FHIR `system` is an identifier; nothing here is ever fetched. Rootwell's own are URNs: the
// app owns no web domain, and a URN cannot be mistaken for something to download.
const BASE = 'urn:rootwell:fhir';
/** Exercises, by the app's exercise id (e.g. "straight-leg-raise"). */
export const EXERCISE_SYSTEM = `${BASE}:CodeSystem:exercise`;
/** Measurements of one set (reps-counted, hold-seconds-mean, peak-angle, …). */
export const MEASURE_SYSTEM = `${BASE}:CodeSystem:measure`;
/** Why a set ended early (pain, tired, no-time, not-counted, other). */
export const END_REASON_SYSTEM = `${BASE}:CodeSystem:set-end-reason`;
/** How far down the leg pain reaches (none, buttock, thigh, calf, foot). */
export const PAIN_REACH_SYSTEM = `${BASE}:CodeSystem:pain-reach`;
export const PSFS_QUESTIONNAIRE = `${BASE}:Questionnaire:psfs`;
export const PAIN_QUESTIONNAIRE = `${BASE}:Questionnaire:pain-check-in`;
/** The check-in's before/after code. */
const PAIN_WHEN_SYSTEM = `${BASE}:CodeSystem:pain-check-in-when`;
// The standard ones without a web address in the app (src/ names no outside host): UCUM units by
// UCUM's ISO object identifier, which FHIR accepts as a system (a URI); the observation category
// as its text, "activity", for the clinic system to map (HL7's category system is named only by
// a web address).
const UCUM = 'urn:oid:2.16.840.1.113883.6.8';

const END_REASON_DISPLAY: Record<string, string> = {
  pain: 'Stopped because of pain',
  tired: 'Stopped: too tired',
  'no-time': 'Stopped: no time',
  'not-counted': 'The camera did not count the patient (counting failed)',
  other: 'Stopped for another reason',
};

export interface FhirOptions {
  /** A new UUID per resource (crypto.randomUUID in the app; a counter in tests). */
  newId: () => string;
  /** The bundle's time (ISO). */
  now: string;
  /** Exercise titles for display (id → title); the id is shown without. */
  titles?: Record<string, string>;
}

/** Seconds of a record's frames (delta-coded times). */
function recordSeconds(r: SessionRecord): number {
  return r.frames.t.reduce((s, d, i) => (i === 0 ? 0 : s + d), 0) / 1000;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function measure(code: string, display: string, value: number, unit: string, ucum: string): ObservationComponent {
  return { code: { coding: [{ system: MEASURE_SYSTEM, code, display }], text: display }, valueQuantity: { value: round1(value), unit, system: UCUM, code: ucum } };
}

/** The set Observation of one record. */
export function setObservation(record: SessionRecord, id: string, patient: Reference, titles: Record<string, string> = {}): Observation {
  const reps = record.events.flatMap((e) => (e.type === 'rep' ? [e.rep] : []));
  const holds = record.events.flatMap((e) => (e.type === 'hold' ? [e.hold] : []));
  const p = record.header.prescription;
  const ex = record.header.exercise;
  const start = record.header.startedAt;
  const end = new Date(Date.parse(start) + Math.round(recordSeconds(record) * 1000)).toISOString();
  const component: ObservationComponent[] = [];
  if (reps.length || !holds.length) component.push(measure('reps-counted', 'Repetitions counted', reps.length, 'repetitions', '{repetitions}'));
  if (p.reps !== undefined) component.push(measure('reps-prescribed', 'Repetitions prescribed per set', p.reps, 'repetitions', '{repetitions}'));
  for (const side of ['left', 'right'] as const) {
    const n = reps.filter((r) => r.side === side).length;
    if (n) component.push(measure(`reps-counted-${side}`, `Repetitions counted, ${side} side`, n, 'repetitions', '{repetitions}'));
  }
  if (holds.length) {
    component.push(measure('holds-met', 'Holds that reached the target time', holds.filter((h) => h.met).length, 'holds', '{holds}'));
    component.push(measure('hold-seconds-mean', 'Mean hold time', holds.reduce((s, h) => s + h.seconds, 0) / holds.length, 's', 's'));
    component.push(measure('hold-seconds-max', 'Longest hold', Math.max(...holds.map((h) => h.seconds)), 's', 's'));
  } else if (reps.length) {
    component.push(measure('hold-seconds-mean', 'Mean hold at the top of a repetition', reps.reduce((s, r) => s + r.holdS, 0) / reps.length, 's', 's'));
  }
  if (p.holdS !== undefined) component.push(measure('hold-seconds-prescribed', 'Hold time prescribed', p.holdS, 's', 's'));
  const angles = [...reps.map((r) => r.peak), ...holds.flatMap((h) => (h.angle === null ? [] : [h.angle]))];
  if (angles.length) component.push(measure('peak-angle', 'Best peak angle of the counted movement', Math.max(...angles), 'degrees', 'deg'));
  if (reps.length) component.push(measure('form-score-mean', 'Mean form score (0-100, 100 = no form fault seen)', reps.reduce((s, r) => s + r.score, 0) / reps.length, 'score', '{score}'));
  if (record.endReason) {
    component.push({
      code: { coding: [{ system: MEASURE_SYSTEM, code: 'end-reason', display: 'Why the set ended early' }], text: 'Why the set ended early' },
      valueCodeableConcept: { coding: [{ system: END_REASON_SYSTEM, code: record.endReason, display: END_REASON_DISPLAY[record.endReason] ?? record.endReason }] },
    });
  }
  const title = titles[ex];
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: [{ text: 'activity' }],
    code: { coding: [{ system: EXERCISE_SYSTEM, code: ex, ...(title ? { display: title } : {}) }], text: `Home exercise set: ${title ?? ex}` },
    subject: patient,
    effectivePeriod: { start, end },
    method: { text: `Counted by the Rootwell camera coach (pose model ${record.header.model})` },
    component,
  };
}

const REACH_DISPLAY: Record<PainCheckIn['reach'], string> = { none: 'No leg pain', buttock: 'Buttock', thigh: 'Thigh', calf: 'Calf', foot: 'Foot' };

/** One pain check-in (before or after a set) as a QuestionnaireResponse. */
export function painResponse(p: PainCheckIn, record: SessionRecord, id: string, patient: Reference, setRef: Reference): QuestionnaireResponse {
  const authored = new Date(Date.parse(record.header.startedAt) + (p.tMs ?? 0)).toISOString();
  return {
    resourceType: 'QuestionnaireResponse',
    id,
    questionnaire: PAIN_QUESTIONNAIRE,
    status: 'completed',
    subject: patient,
    authored,
    partOf: [setRef],
    item: [
      { linkId: 'when', text: 'Asked before or after the exercise', answer: [{ valueCoding: { system: PAIN_WHEN_SYSTEM, code: p.when } }] },
      { linkId: 'back', text: 'Back pain (0 none - 10 worst imaginable)', answer: [{ valueInteger: p.back }] },
      { linkId: 'leg', text: 'Leg pain (0 none - 10 worst imaginable)', answer: [{ valueInteger: p.leg }] },
      { linkId: 'reach', text: 'How far down the leg the pain reaches', answer: [{ valueCoding: { system: PAIN_REACH_SYSTEM, code: p.reach, display: REACH_DISPLAY[p.reach] } }] },
    ],
  };
}

/** One PSFS round as a QuestionnaireResponse: per activity its name and score (0-10), and the mean. */
export function psfsResponse(round: PsfsRound, id: string, patient: Reference): QuestionnaireResponse {
  return {
    resourceType: 'QuestionnaireResponse',
    id,
    questionnaire: PSFS_QUESTIONNAIRE,
    status: 'completed',
    subject: patient,
    authored: new Date(Date.parse(round.at)).toISOString(),
    item: [
      ...round.items.map((it, i) => ({
        linkId: `activity-${i + 1}`,
        text: `Activity ${i + 1}`,
        item: [
          { linkId: `activity-${i + 1}.name`, text: 'Activity the patient finds hard', answer: [{ valueString: it.activity }] },
          { linkId: `activity-${i + 1}.score`, text: 'Ability (0 unable - 10 able as before)', answer: [{ valueInteger: it.score }] },
        ],
      })),
      { linkId: 'mean', text: 'PSFS score (mean of the activity scores)', answer: [{ valueDecimal: Math.round(psfsMean(round) * 100) / 100 }] },
    ],
  };
}

/** Session records (each one set), with their pain check-ins, and PSFS rounds, as one R4 collection Bundle. */
export function fhirBundle(records: readonly SessionRecord[], rounds: readonly PsfsRound[], opts: FhirOptions): Bundle {
  const entry: BundleEntry[] = [];
  const add = (r: Resource, uuid: string) => entry.push({ fullUrl: `urn:uuid:${uuid}`, resource: r });
  const patientId = opts.newId();
  // A bare Patient: no name, no identifier, no birth date (Rootwell knows none); the clinic links it.
  add({ resourceType: 'Patient', id: patientId }, patientId);
  const patient: Reference = { reference: `urn:uuid:${patientId}`, display: 'Patient (not named by Rootwell)' };
  for (const record of [...records].sort((a, b) => a.header.startedAt.localeCompare(b.header.startedAt))) {
    const obsId = opts.newId();
    add(setObservation(record, obsId, patient, opts.titles), obsId);
    for (const p of record.pain) {
      const qid = opts.newId();
      add(painResponse(p, record, qid, patient, { reference: `urn:uuid:${obsId}` }), qid);
    }
  }
  for (const round of [...rounds].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
    const qid = opts.newId();
    add(psfsResponse(round, qid, patient), qid);
  }
  return { resourceType: 'Bundle', id: opts.newId(), type: 'collection', timestamp: opts.now, entry };
}

/** The bundle as a file's text (application/fhir+json). */
export function fhirText(bundle: Bundle): string {
  return JSON.stringify(bundle, null, 1);
}
