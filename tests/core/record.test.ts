import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/core/pipeline';
import { decodeFrames } from '../../src/core/session/frames';
import { parseRecord, RecordBuilder, replay, serializeRecord, SCHEMA_VERSION } from '../../src/core/session/record';
import { exercises } from '../../src/exercises';
import { bridgeFrame, repProfile, times } from './synthetic';

function bridgeRecord(durationS = 22, fps = 15) {
  const b = new RecordBuilder({
    appVersion: '0.1.0',
    model: 'blazepose-full',
    exercise: 'bridge',
    prescription: exercises.bridge.defaults,
    startedAt: '2025-01-02T10:00:00.000Z',
  });
  const session = createSession(exercises.bridge);
  const p = { restS: 1, riseS: 1, topS: 3.5, lowerS: 1.5 };
  for (const t of times(fps, durationS)) {
    const f = t > 3000 && t < 3300 ? null : bridgeFrame(t, repProfile(t / 1000, p));
    b.add(f, t);
    session.push(f, t);
  }
  session.end();
  return { record: b.build(session.events, [{ when: 'before', back: 3, leg: 5, reach: 'calf' }]), live: session };
}

describe('session record', () => {
  it('round-trips through JSON within the quantisation and replays to the live result', () => {
    const { record, live } = bridgeRecord();
    const text = serializeRecord(record);
    const parsed = parseRecord(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const frames = decodeFrames(parsed.record.frames);
    const original = times(15, 22);
    expect(frames).toHaveLength(original.length);
    const f0 = bridgeFrame(original[10]!, repProfile(original[10]! / 1000, { restS: 1, riseS: 1, topS: 3.5, lowerS: 1.5 }));
    const d0 = frames[10]!.frame!;
    expect(Math.abs(d0.joints.leftHip.y - f0.joints.leftHip.y)).toBeLessThanOrEqual(0.05);
    expect(d0.joints.leftHip.score).toBeCloseTo(f0.joints.leftHip.score, 2);
    expect(frames.filter((f) => f.frame === null).length).toBeGreaterThan(0);
    const r = replay(exercises.bridge, parsed.record);
    const liveReps = live.events.flatMap((e) => (e.type === 'rep' ? [e.rep] : []));
    expect(r.reps).toBe(3);
    expect(r.repDetails).toEqual(liveReps);
    expect(r.repsBySide).toEqual({ left: 0, right: 0, both: 3 });
    expect(parsed.record.pain[0]?.leg).toBe(5);
  });

  it('saving mid-set: a record built part-way is a prefix of the later one and is not changed by later frames', () => {
    const b = new RecordBuilder({ appVersion: '0.1.0', model: 'blazepose-full', exercise: 'bridge', prescription: exercises.bridge.defaults, startedAt: '2025-01-02T10:00:00.000Z' });
    const p = { restS: 1, riseS: 1, topS: 3.5, lowerS: 1.5 };
    const all = times(15, 8);
    const frameAt = (t: number) => (t > 3000 && t < 3300 ? null : { ...bridgeFrame(t, repProfile(t / 1000, p)), ...(t > 5000 ? {} : { world: undefined }) });
    all.slice(0, 60).forEach((t) => b.add(frameAt(t), t));
    const early = b.build();
    const earlyText = serializeRecord(early);
    all.slice(60).forEach((t) => b.add(frameAt(t), t));
    const late = b.build();
    expect(serializeRecord(early)).toBe(earlyText);
    expect(late.frames.t.slice(0, 60)).toEqual(early.frames.t);
    expect(late.frames.k.slice(0, 60)).toEqual(early.frames.k);
    // Decoding the later record gives every frame back, in order, within the quantisation.
    const decoded = decodeFrames(late.frames);
    expect(decoded.map((f) => f.tMs)).toEqual(all.map((t) => Math.round(t)));
    decoded.forEach((d, i) => {
      const f = frameAt(all[i]!);
      if (!f) return expect(d.frame).toBeNull();
      expect(Math.abs(d.frame!.joints.leftKnee.x - f.joints.leftKnee.x)).toBeLessThanOrEqual(0.05);
    });
  });

  it('re-scores with another prescription', () => {
    const { record } = bridgeRecord();
    const strict = replay(exercises.bridge, record, { sets: 1, sides: ['both'], holdS: 5 });
    expect(strict.repDetails.every((r) => r.faults.includes('hold-too-short'))).toBe(true);
  });

  it('keeps a 10-minute 15 fps session small', () => {
    const { record } = bridgeRecord(600, 15);
    const bytes = new TextEncoder().encode(serializeRecord(record)).length;
    // Measured, reported in the notes; the bound only catches an accidental blow-up.
    expect(bytes).toBeLessThan(3_000_000);
  });

  describe('bad files give a clear error value', () => {
    const good = serializeRecord(bridgeRecord(3).record);
    const bad = (mut: (r: Record<string, unknown>) => void) => {
      const r = JSON.parse(good) as Record<string, unknown>;
      mut(r);
      return parseRecord(JSON.stringify(r));
    };
    it('truncated', () => {
      const r = parseRecord(good.slice(0, good.length / 2));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.kind).toBe('not-json');
    });
    it('not a record', () => {
      const r = parseRecord('[1,2,3]');
      expect(!r.ok && r.error.kind).toBe('invalid');
    });
    it('wrong version (old and newer)', () => {
      const old = bad((r) => (r.schemaVersion = 0));
      expect(!old.ok && old.error.kind).toBe('wrong-version');
      const newer = bad((r) => (r.schemaVersion = SCHEMA_VERSION + 1));
      expect(!newer.ok && newer.error.message).toMatch(/newer version/);
    });
    it('too large', () => {
      const r = parseRecord(good, { maxChars: 1000 });
      expect(!r.ok && r.error.kind).toBe('too-large');
    });
    it('a script in a name field', () => {
      const r = bad((r) => ((r.header as Record<string, unknown>).model = '<script>alert(1)</script>'));
      expect(!r.ok && r.error.kind).toBe('invalid');
      if (!r.ok) expect(r.error.message).toMatch(/header\.model/);
    });
    it('frames cut short or malformed', () => {
      const cut = bad((r) => (r.frames as { k: unknown[] }).k.pop());
      expect(!cut.ok && cut.error.message).toMatch(/truncated/);
      const row = bad((r) => ((r.frames as { k: unknown[] }).k[0] = [1, 2, 3]));
      expect(!row.ok && row.error.kind).toBe('invalid');
      const nan = bad((r) => ((r.frames as { t: unknown[] }).t[1] = 'x'));
      expect(nan.ok).toBe(false);
    });
    it('out-of-range values', () => {
      const r = bad((r) => ((r.header as { prescription: { sets: number } }).prescription.sets = -1));
      expect(!r.ok && r.error.kind).toBe('invalid');
      const p = bad((r) => ((r.pain as { leg: number }[])[0]!.leg = 11));
      expect(p.ok).toBe(false);
    });
  });
});
