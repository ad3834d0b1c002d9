/**
 * The FHIR R4 export: a bundle built from real recorded sets (fixtures replayed through the
 * coach, as the live coach records them), with pain check-ins and PSFS rounds, validates
 * against the R4 schema of the `fhir` package with no message at all, carries the record's
 * numbers, and leaks no free text that does not belong (the video's file path, cue texts).
 */
import { Fhir } from 'fhir';
import { describe, expect, it } from 'vitest';
import { replay, type SessionRecord } from '../../src/core/session';
import { exercises } from '../../src/exercises';
import type { PsfsRound } from '../../src/core/outcome/psfs';
import { EXERCISE_SYSTEM, fhirBundle, MEASURE_SYSTEM, PAIN_QUESTIONNAIRE, PSFS_QUESTIONNAIRE, type Observation, type QuestionnaireResponse } from '../../src/storage/fhir';
import { fixtures } from '../fixtures';

const fhir = new Fhir();

/** A fixture as the live coach would have saved it: its events, pain check-ins, a name in the video path. */
function recorded(exerciseId: keyof typeof exercises, clip: string, extra: Partial<SessionRecord> = {}): SessionRecord {
  const fx = fixtures(exerciseId, { negatives: false }).find((f) => f.clip === clip);
  if (!fx) throw new Error(`no fixture ${exerciseId}/${clip}`);
  const ex = exercises[exerciseId];
  const prescription = { ...ex.defaults, sets: 1 };
  const r = replay(ex, { ...fx.record, header: { ...fx.record.header, prescription } });
  return {
    ...fx.record,
    header: { ...fx.record.header, prescription, startedAt: '2026-03-02T18:30:00.000Z', source: 'C:/Users/Jane Doe/Videos/slr.mp4' },
    events: r.events as SessionRecord['events'],
    ...extra,
  };
}

function ids(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}

const psfs: PsfsRound[] = [
  { id: 'r1', at: '2026-03-02T18:20:00.000Z', items: [{ id: 'a', activity: 'sitting 30 minutes', score: 3 }, { id: 'b', activity: 'putting on socks', score: 4 }] },
  { id: 'r2', at: '2026-03-09T18:20:00.000Z', items: [{ id: 'a', activity: 'sitting 30 minutes', score: 6 }, { id: 'b', activity: 'putting on socks', score: 5 }] },
];

describe('FHIR R4 bundle', () => {
  const slr = recorded('straight-leg-raise', 'cn_nursing_bed_slr_side_3reps_holds', {
    pain: [
      { when: 'before', back: 3, leg: 6, reach: 'calf' },
      { when: 'after', tMs: 90_000, back: 3, leg: 4, reach: 'thigh' },
    ],
    endReason: 'not-counted',
  });
  const stretch = recorded('glute-stretch', 'fitbod_lying_figure_four_2angles_2holds');
  const bundle = fhirBundle([slr, stretch], psfs, { newId: ids(), now: '2026-03-10T09:00:00.000Z', titles: { 'straight-leg-raise': 'Straight leg raise' } });
  const text = JSON.stringify(bundle);

  it('is valid R4: no error; the only notes are that Rootwell codes are not in the (example) LOINC value set', () => {
    const res = fhir.validate(bundle);
    expect(res.messages.filter((m) => m.severity === 'error')).toEqual([]);
    expect(res.valid).toBe(true);
    // Observation.code and .component.code bind to observation-codes (LOINC) with strength
    // "example": the validator cannot load it (info) and so reports every code as not in it
    // (warning). Anything else it says would be a real problem.
    const other = res.messages.filter(
      (m) => !(m.severity === 'info' && /^Value set "http:\/\/hl7\.org\/fhir\/ValueSet\/[a-z-]+" could not be found\.$/.test(m.message ?? '')) && !(/^Observation(\.component\[\d+\])?\.code$/.test(m.location ?? '') && (/observation-codes" could not be found/.test(m.message ?? '') || /\(urn:rootwell:fhir:CodeSystem:(exercise|measure)\) not found in value set/.test(m.message ?? ''))),
    );
    expect(other).toEqual([]);
    expect(bundle.type).toBe('collection');
  });

  it('has one Observation per set with the record numbers, and a placeholder Patient without a name', () => {
    const obs = bundle.entry.map((e) => e.resource).filter((r): r is Observation => r.resourceType === 'Observation');
    expect(obs).toHaveLength(2);
    const reps = slr.events.flatMap((e) => (e.type === 'rep' ? [e.rep] : []));
    expect(reps.length).toBeGreaterThan(0);
    const comp = (o: Observation, code: string) => o.component?.find((c) => c.code.coding?.[0]?.code === code);
    const o = obs.find((x) => x.code.coding?.[0]?.code === 'straight-leg-raise')!;
    expect(o.code.coding?.[0]?.system).toBe(EXERCISE_SYSTEM);
    expect(comp(o, 'reps-counted')?.valueQuantity?.value).toBe(reps.length);
    for (const side of ['left', 'right'] as const) {
      const n = reps.filter((r) => r.side === side).length;
      expect(comp(o, `reps-counted-${side}`)?.valueQuantity?.value).toBe(n || undefined);
    }
    const peak = Math.round(Math.max(...reps.map((r) => r.peak)) * 10) / 10;
    expect(comp(o, 'peak-angle')?.valueQuantity).toMatchObject({ value: peak, code: 'deg' });
    const slrHolds = slr.events.flatMap((e) => (e.type === 'hold' ? [e.hold.seconds] : []));
    const tops = slrHolds.length ? slrHolds : reps.map((r) => r.holdS);
    const hold = tops.reduce((a, b) => a + b, 0) / tops.length;
    expect(comp(o, 'hold-seconds-mean')?.valueQuantity?.value).toBeCloseTo(hold, 1);
    expect(comp(o, 'end-reason')?.valueCodeableConcept?.coding?.[0]?.code).toBe('not-counted');
    expect(o.component?.every((c) => c.code.coding?.[0]?.system === MEASURE_SYSTEM)).toBe(true);
    const s = obs.find((x) => x.code.coding?.[0]?.code === 'glute-stretch')!;
    const holds = stretch.events.flatMap((e) => (e.type === 'hold' ? [e.hold] : []));
    expect(holds.length).toBeGreaterThan(0);
    expect(comp(s, 'hold-seconds-max')?.valueQuantity?.value).toBeCloseTo(Math.max(...holds.map((h) => h.seconds)), 1);
    expect(comp(s, 'end-reason')).toBeUndefined();
    const patients = bundle.entry.filter((e) => e.resource.resourceType === 'Patient');
    expect(patients).toHaveLength(1);
    expect(Object.keys(patients[0]!.resource)).not.toContain('name');
    expect(o.subject.reference).toBe(patients[0]!.fullUrl);
  });

  it('has a QuestionnaireResponse per pain check-in and per PSFS round, with their answers', () => {
    const qr = bundle.entry.map((e) => e.resource).filter((r): r is QuestionnaireResponse => r.resourceType === 'QuestionnaireResponse');
    const pain = qr.filter((q) => q.questionnaire === PAIN_QUESTIONNAIRE);
    expect(pain).toHaveLength(2);
    const ans = (q: QuestionnaireResponse, id: string) => q.item.find((i) => i.linkId === id)?.answer?.[0];
    expect(pain.map((q) => ans(q, 'leg')?.valueInteger)).toEqual([6, 4]);
    expect(pain.map((q) => ans(q, 'reach')?.valueCoding?.code)).toEqual(['calf', 'thigh']);
    expect(pain[1]!.authored).toBe('2026-03-02T18:31:30.000Z');
    const rounds = qr.filter((q) => q.questionnaire === PSFS_QUESTIONNAIRE);
    expect(rounds).toHaveLength(2);
    expect(ans(rounds[1]!, 'mean')?.valueDecimal).toBe(5.5);
    expect(rounds[0]!.item[0]!.item?.map((i) => i.answer?.[0])).toEqual([{ valueString: 'sitting 30 minutes' }, { valueInteger: 3 }]);
  });

  it('leaks no free text from the record: not the video path, not the coach cue texts', () => {
    expect(text).not.toContain('Jane');
    expect(text).not.toContain('slr.mp4');
    const cues = slr.events.flatMap((e) => (e.type === 'cue' || e.type === 'pause' ? [e.type === 'cue' ? e.text : e.message] : []));
    for (const c of cues) expect(text).not.toContain(c);
  });

  it('a broken bundle is reported invalid (the check can fail)', () => {
    const broken = structuredClone(bundle) as unknown as { entry: { resource: Record<string, unknown> }[] };
    delete broken.entry[1]!.resource.status;
    const res = fhir.validate(broken);
    expect(res.valid).toBe(false);
    expect(res.messages.some((m) => m.severity === 'error' && /status/.test(m.location ?? ''))).toBe(true);
    const badType = { ...structuredClone(bundle), type: 'stack' };
    expect(fhir.validate(badType).valid).toBe(false);
    const badValue = structuredClone(bundle) as unknown as { entry: { resource: { component?: { valueQuantity?: { value: unknown } }[] } }[] };
    badValue.entry[1]!.resource.component![0]!.valueQuantity!.value = 'three';
    expect(fhir.validate(badValue).valid).toBe(false);
  });
});
