// More storage cases: progress facts and pain kept with a session, a programme file offered as
// a session import, the recorder saving a running set every few seconds, and the size of a
// 10-minute record made from a real keypoint stream.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/core/pipeline';
import { recordFrames, RecordBuilder, replay, serializeRecord, parseRecord } from '../../src/core/session';
import { exercises } from '../../src/exercises';
import { makeProgramme, serializeProgramme } from '../../src/storage/programme-file';
import { checkImportSize, SessionStore } from '../../src/storage/store';
import { SetRecorder } from '../../src/ui/state/recorder';
import { fixtures } from '../fixtures';

const bridge = fixtures('bridge', { negatives: false }).find((f) => f.clip.startsWith('darebee'));

async function openStore(): Promise<SessionStore> {
  const r = await SessionStore.open(new IDBFactory());
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe.skipIf(!bridge)('on a real bridge stream', () => {
  const record = bridge!.record;
  const out = replay(exercises.bridge, record);
  const stored = { ...record, events: out.events as typeof record.events };

  it('facts() gives progress the reps; addPain keeps the check-in with the session', async () => {
    const store = await openStore();
    await store.save('a', stored, true);
    const added = await store.addPain('a', { when: 'after', back: 2, leg: 1, reach: 'buttock' });
    expect(added.ok).toBe(true);
    const f = await store.facts();
    expect(f.ok && f.value[0]?.reps.map((r) => r.score)).toEqual(out.repDetails.map((r) => r.score));
    expect(f.ok && f.value[0]?.pain).toEqual([{ when: 'after', back: 2, leg: 1, reach: 'buttock' }]);
    const back = await store.get('a');
    expect(back.ok && back.value.pain.length).toBe(1);
  });

  it('the recorder saves a running set every few seconds, then the complete one', async () => {
    const store = await openStore();
    const storeP = Promise.resolve({ ok: true as const, value: store });
    const rec = new SetRecorder(exercises.bridge, exercises.bridge.defaults, { model: 'blazepose-full', store: storeP, startedAt: '2026-11-20T09:00:00.000Z' });
    const session = createSession(exercises.bridge, record.header.prescription);
    const frames = recordFrames(record);
    const half = Math.floor(frames.length / 2);
    let savedMid = 0;
    for (const [i, { frame, tMs }] of frames.entries()) {
      session.push(frame, tMs);
      rec.add(frame, tMs, session.events);
      if (i === half) {
        await new Promise((r) => setTimeout(r, 50)); // let the periodic save land
        const mid = await store.list();
        savedMid = mid.ok ? (mid.value[0]?.reps ?? -1) : -1;
        expect(mid.ok && mid.value[0]?.complete).toBe(false);
        // What a reload now would find: at most ~3 s of frames missing.
        const got = await store.get(rec.id);
        const lastT = got.ok ? (recordFrames(got.value).at(-1)?.tMs ?? 0) : 0;
        expect(tMs - lastT).toBeLessThanOrEqual(3000 + 200);
      }
    }
    session.end();
    const fin = await rec.finish(session.events);
    expect(fin?.ok).toBe(true);
    const list = await store.list();
    expect(list.ok && list.value.map((s) => [s.complete, s.reps])).toEqual([[true, out.reps]]);
    expect(savedMid).toBeGreaterThanOrEqual(0);
    expect(savedMid).toBeLessThanOrEqual(out.reps);
    const got = await store.get(rec.id);
    expect(got.ok && replay(exercises.bridge, got.value).repDetails).toEqual(out.repDetails);
  });

  it("the recorder's kept text is exactly the record serialised, at every length and with or without 3D points", () => {
    const frames = recordFrames(record);
    expect(frames.some((f) => f.frame?.world)).toBe(true);
    const events = out.events;
    const pain = [{ when: 'before' as const, back: 3, leg: 5, reach: 'calf' as const, tMs: 0 }];
    for (const world of [true, false]) {
      const b = new RecordBuilder({ ...record.header, startedAt: '2026-11-20T09:00:00.000Z' });
      // Asked at odd lengths around the 256-row blocks, as saves every few seconds would.
      const checkAt = new Set([0, 1, 255, 256, 257, 511, 512, 700, 1024, 1500]);
      let n = 0;
      for (let loop = 0; n <= 1500; loop++) {
        for (const { frame, tMs } of frames) {
          if (checkAt.has(n)) expect(b.textParts(events, pain).join(''), `${n} frames, world ${world}`).toBe(serializeRecord(b.build(events, pain)));
          const t = loop * 10_000 + tMs;
          const f = frame && !world ? { ...frame, world: undefined } : frame;
          b.add(f ? { ...f, tMs: t } : null, t);
          n++;
        }
      }
      expect(parseRecord(b.text(events, pain)).ok).toBe(true);
    }
  });

  it('a record saved as parts (what the live recorder does) loads, lists and exports like one saved whole', async () => {
    const b = new RecordBuilder({ ...record.header, startedAt: '2026-11-20T09:00:00.000Z' });
    for (const { frame, tMs } of recordFrames(record)) b.add(frame, tMs);
    const store = await openStore();
    const whole = b.build(out.events, []);
    expect((await store.save('parts', whole, true, b.textParts(out.events, []))).ok).toBe(true);
    expect((await store.save('whole', whole, true)).ok).toBe(true);
    const [p, w] = [await store.get('parts'), await store.get('whole')];
    expect(p.ok && w.ok && p.value).toEqual(w.ok && w.value);
    expect(p.ok && replay(exercises.bridge, p.value).reps).toBe(out.reps);
    const exported = await store.exportAll();
    expect(exported.ok && JSON.parse(exported.value).sessions).toHaveLength(2);
  });

  it('a 10-minute session is small (measured, logged)', () => {
    // Loop the real 15-fps stream to 10 minutes: real keypoint jitter, real nulls.
    const frames = recordFrames(record);
    const span = (frames.at(-1)?.tMs ?? 0) + 67;
    const b = new RecordBuilder({ ...record.header, startedAt: '2026-11-20T09:00:00.000Z' });
    let n = 0;
    for (let loop = 0; loop * span < 600_000; loop++) {
      for (const { frame, tMs } of frames) {
        const t = loop * span + tMs;
        if (t >= 600_000) break;
        b.add(frame ? { ...frame, tMs: t } : null, t);
        n++;
      }
    }
    const session = createSession(exercises.bridge, record.header.prescription);
    for (const f of recordFrames(b.build())) session.push(f.frame, f.tMs);
    session.end();
    const json = serializeRecord(b.build(session.events));
    const mb = json.length / 1e6;
    console.log(`10-minute record: ${n} frames, ${mb.toFixed(2)} MB JSON (${Math.round(json.length / n)} B/frame)`);
    expect(parseRecord(json).ok).toBe(true);
    expect(mb).toBeLessThan(10); // far under the 200 MB import cap; the real figure is in the log
  });
});

describe('imports that are not session records', () => {
  it('a programme file offered to History is refused with a pointer', async () => {
    const store = await openStore();
    const text = serializeProgramme(makeProgramme([{ exercise: 'bridge', prescription: exercises.bridge.defaults }], '2026-11-20T10:00:00.000Z'));
    const r = await store.import(text, () => 'x');
    expect(!r.ok && r.error.message).toMatch(/programme/i);
    expect((await store.list()).ok && (await store.list())).toEqual({ ok: true, value: [] });
  });

  it('file size is checked before reading', () => {
    expect(checkImportSize(0).ok).toBe(false);
    expect(checkImportSize(300_000_000).ok).toBe(false);
    expect(checkImportSize(2_000_000).ok).toBe(true);
  });
});
