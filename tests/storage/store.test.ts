// The IndexedDB store on fake-indexeddb: save while running, history, delete, import/export,
// and bad files that must change nothing.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { RecordBuilder, serializeRecord, type SessionRecord } from '../../src/core/session';
import { emptyJoints, type PoseFrame } from '../../src/core/pose';
import { exercises } from '../../src/exercises';
import { SessionStore, exportHistory, parseImport } from '../../src/storage/store';

function makeRecord(startedAt: string, seconds: number, name = 'bridge'): SessionRecord {
  const b = new RecordBuilder({ appVersion: '0.1.0', model: 'blazepose-full', exercise: name, prescription: exercises.bridge.defaults, startedAt });
  for (let t = 0; t <= seconds * 1000; t += 100) {
    const joints = emptyJoints();
    joints.leftHip = { x: 100 + t / 100, y: 200, score: 0.9 };
    const f: PoseFrame = { tMs: t, width: 640, height: 360, joints };
    b.add(t % 1000 === 500 ? null : f, t);
  }
  return b.build();
}

let n = 0;
const nextId = () => `s${++n}`;

describe('SessionStore', () => {
  let store: SessionStore;
  beforeEach(async () => {
    const opened = await SessionStore.open(new IDBFactory());
    if (!opened.ok) throw new Error(opened.error.message);
    store = opened.value;
  });

  it('saves a running set, then the finished one, and lists history newest first', async () => {
    const early = makeRecord('2026-11-20T09:00:00.000Z', 2);
    expect((await store.save('a', early, false)).ok).toBe(true);
    const done = makeRecord('2026-11-20T09:00:00.000Z', 6);
    const saved = await store.save('a', done, true);
    expect(saved.ok && saved.value.durationS).toBe(6);
    await store.save('b', makeRecord('2026-11-21T09:00:00.000Z', 1), true);
    const list = await store.list();
    expect(list.ok && list.value.map((s) => [s.id, s.complete])).toEqual([
      ['b', true],
      ['a', true],
    ]);
    const back = await store.get('a');
    expect(back.ok && serializeRecord(back.value)).toBe(serializeRecord(done));
  });

  it('deletes', async () => {
    await store.save('a', makeRecord('2026-11-20T09:00:00.000Z', 1), true);
    await store.delete('a');
    const got = await store.get('a');
    expect(got.ok).toBe(false);
    if (!got.ok) expect(got.error.kind).toBe('not-found');
  });

  it('exports a history and imports it back', async () => {
    await store.save('a', makeRecord('2026-11-20T09:00:00.000Z', 1), true);
    await store.save('b', makeRecord('2026-11-21T09:00:00.000Z', 2), true);
    const file = await store.exportAll();
    if (!file.ok) throw new Error(file.error.message);
    const other = await SessionStore.open(new IDBFactory());
    if (!other.ok) throw new Error(other.error.message);
    const imported = await other.value.import(file.value, nextId);
    expect(imported.ok && imported.value.length).toBe(2);
    const list = await other.value.list();
    expect(list.ok && list.value.map((s) => s.durationS)).toEqual([2, 1]);
  });

  const good = serializeRecord(makeRecord('2026-11-20T09:00:00.000Z', 1));
  it.each([
    ['a truncated record', good.slice(0, good.length / 2)],
    ['a wrong version', good.replace('"schemaVersion":1', '"schemaVersion":99')],
    ['script in a name field', good.replace('"exercise":"bridge"', '"exercise":"<img src=x onerror=alert(1)>"')],
    ['not JSON at all', 'PK\u0003\u0004 binary junk'],
    ['a history with one bad session', exportHistory([JSON.parse(good) as SessionRecord, { schemaVersion: 1 } as unknown as SessionRecord])],
  ])('%s gives a clear error and changes nothing stored', async (_name, text) => {
    await store.save('keep', makeRecord('2026-11-19T09:00:00.000Z', 1), true);
    const before = await store.list();
    const r = await store.import(text, nextId);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('bad-file');
      expect(r.error.message.length).toBeGreaterThan(10);
    }
    expect(await store.list()).toEqual(before);
  });

  it('a huge file is refused before parsing', () => {
    const r = parseImport(' '.repeat(210_000_001));
    expect(r.ok).toBe(false);
  });

  it('no IndexedDB (private window) is a clear error value', async () => {
    const r = await SessionStore.open(null);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/private window/);
  });
});
