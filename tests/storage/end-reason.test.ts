// Why a set ended early (issue 12): an optional field of the record (old records still parse),
// kept by the store after the set and by the recorder, shown in the history list's summary.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { parseRecord, RecordBuilder, serializeRecord, type SessionRecord } from '../../src/core/session';
import { emptyJoints, type PoseFrame } from '../../src/core/pose';
import { exercises } from '../../src/exercises';
import { SessionStore, summarize } from '../../src/storage/store';
import { recordWritesSettled, SetRecorder } from '../../src/ui/state/recorder';
import { endedEarly } from '../../src/ui/state/end-reason';

function makeRecord(): SessionRecord {
  const b = new RecordBuilder({ appVersion: '0.1.0', model: 'movenet-lightning', exercise: 'bridge', prescription: exercises.bridge.defaults, startedAt: '2026-03-02T18:30:00.000Z' });
  for (let t = 0; t <= 2000; t += 100) {
    const joints = emptyJoints();
    joints.leftHip = { x: 100 + t / 100, y: 200, score: 0.9 };
    b.add({ tMs: t, width: 640, height: 360, joints } satisfies PoseFrame, t);
  }
  return b.build();
}

describe('end reason in the record', () => {
  it('a record without the field (every record before issue 12) still parses, and has none', () => {
    const text = serializeRecord(makeRecord());
    expect(text).not.toContain('endReason');
    const r = parseRecord(text);
    expect(r.ok && r.record.endReason).toBeUndefined();
  });

  it('a record with a reason parses and keeps it; an unknown reason is refused with a message', () => {
    for (const reason of ['pain', 'tired', 'no-time', 'not-counted', 'other'] as const) {
      const r = parseRecord(serializeRecord({ ...makeRecord(), endReason: reason }));
      expect(r.ok && r.record.endReason).toBe(reason);
    }
    const bad = parseRecord(JSON.stringify({ ...makeRecord(), endReason: 'bored' }));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.message).toMatch(/endReason/);
  });

  it('early means fewer than the target', () => {
    expect(endedEarly(1, 10)).toBe(true);
    expect(endedEarly(10, 10)).toBe(false);
    expect(endedEarly(0, 0)).toBe(false);
  });

  it('the store keeps a reason given after the set, and the history summary shows it', async () => {
    const opened = await SessionStore.open(new IDBFactory());
    if (!opened.ok) throw new Error(opened.error.message);
    const store = opened.value;
    await store.save('x', makeRecord(), true);
    expect(summarize('x', makeRecord(), true).endReason).toBeUndefined();
    const set = await store.setEndReason('x', 'not-counted');
    expect(set.ok && set.value.endReason).toBe('not-counted');
    const got = await store.get('x');
    expect(got.ok && got.value.endReason).toBe('not-counted');
    const list = await store.list();
    expect(list.ok && list.value[0]?.endReason).toBe('not-counted');
    expect((await store.setEndReason('missing', 'pain')).ok).toBe(false);
  });

  it('the recorder saves the set, then the reason; its download text carries it too', async () => {
    const opened = await SessionStore.open(new IDBFactory());
    if (!opened.ok) throw new Error(opened.error.message);
    const rec = new SetRecorder(exercises.bridge, exercises.bridge.defaults, { model: 'm', store: Promise.resolve(opened), startedAt: '2026-03-02T18:30:00.000Z' });
    const joints = emptyJoints();
    joints.leftHip = { x: 100, y: 200, score: 0.9 };
    for (let t = 0; t < 1000; t += 100) rec.add({ tMs: t, width: 640, height: 360, joints }, t, []);
    void rec.finish([]);
    const r = await rec.setEndReason('tired');
    expect(r?.ok).toBe(true);
    const got = await opened.value.get(rec.id);
    expect(got.ok && got.value.endReason).toBe('tired');
    const text = parseRecord(rec.text([]));
    expect(text.ok && text.record.endReason).toBe('tired');
  });

  it('a list read right after the reason is tapped (History opened at once) waits for the write and shows it', async () => {
    const opened = await SessionStore.open(new IDBFactory());
    if (!opened.ok) throw new Error(opened.error.message);
    const real = opened.value;
    // A disk slower than the patient's tap: the reason's write takes 50 ms to start.
    const slow = Object.create(real) as SessionStore;
    slow.setEndReason = async (id, reason) => {
      await new Promise((r) => setTimeout(r, 50));
      return real.setEndReason(id, reason);
    };
    const rec = new SetRecorder(exercises.bridge, exercises.bridge.defaults, { model: 'm', store: Promise.resolve({ ok: true, value: slow }), startedAt: '2026-03-02T18:30:00.000Z' });
    const joints = emptyJoints();
    joints.leftHip = { x: 100, y: 200, score: 0.9 };
    for (let t = 0; t < 1000; t += 100) rec.add({ tMs: t, width: 640, height: 360, joints }, t, []);
    void rec.finish([]);
    void rec.setEndReason('not-counted'); // not awaited: the patient taps, then opens History
    await recordWritesSettled(); // what History's load does before it lists
    const list = await real.list();
    expect(list.ok && list.value.find((x) => x.id === rec.id)?.endReason).toBe('not-counted');
  });
});
