// Consented set videos in the store (fake-indexeddb): chunks appended in order and read back as
// one file, finished, attached by a physio, deleted with their session, and a full disk reported.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { RecordBuilder } from '../../src/core/session';
import { exercises } from '../../src/exercises';
import { SessionStore } from '../../src/storage/store';

const bytes = (...v: number[]) => new Uint8Array(v).buffer;

function record() {
  const b = new RecordBuilder({ appVersion: '0.1.0', model: 'blazepose-full', exercise: 'bridge', prescription: exercises.bridge.defaults, startedAt: '2026-12-01T09:00:00.000Z' });
  b.add(null, 0);
  b.add(null, 100);
  return b.build();
}

describe('set videos (clips)', () => {
  let store: SessionStore;
  let factory: IDBFactory;
  beforeEach(async () => {
    factory = new IDBFactory();
    const opened = await SessionStore.open(factory);
    if (!opened.ok) throw new Error(opened.error.message);
    store = opened.value;
  });

  it('appends chunks and reads them back as one file in order', async () => {
    const start = { mimeType: 'video/webm', startT: 40 };
    await store.addClipChunk('a', 0, bytes(1, 2), start);
    await store.addClipChunk('a', 1, bytes(3), start);
    const m = await store.addClipChunk('a', 2, bytes(4, 5, 6), start);
    expect(m.ok && { chunks: m.value.chunks, bytes: m.value.bytes, complete: m.value.complete, startT: m.value.startT }).toEqual({ chunks: 3, bytes: 6, complete: false, startT: 40 });
    const got = await store.getClip('a');
    if (!got.ok || !got.value) throw new Error('no clip');
    expect(got.value.blob.type).toBe('video/webm');
    expect([...new Uint8Array(await got.value.blob.arrayBuffer())]).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await store.finishClip('a')).ok).toBe(true);
    const after = await store.getClip('a');
    expect(after.ok && after.value?.meta.complete).toBe(true);
    // Another session's chunks are not mixed in.
    await store.addClipChunk('b', 0, bytes(9), start);
    const a2 = await store.getClip('a');
    expect(a2.ok && a2.value?.blob.size).toBe(6);
  });

  it('a session without a video has none, and the list of clips says which have one', async () => {
    expect(await store.getClip('nope')).toEqual({ ok: true, value: null });
    await store.addClipChunk('x', 0, bytes(1), { mimeType: 'video/webm', startT: 0 });
    const list = await store.clips();
    expect(list.ok && list.value.map((c) => c.id)).toEqual(['x']);
  });

  it('deleting a session deletes its video; deleting the video keeps the session', async () => {
    await store.save('s1', record(), true);
    await store.save('s2', record(), true);
    for (const id of ['s1', 's2']) await store.addClipChunk(id, 0, bytes(1, 2, 3), { mimeType: 'video/webm', startT: 0 });
    await store.delete('s1');
    expect(await store.getClip('s1')).toEqual({ ok: true, value: null });
    await store.deleteClip('s2');
    expect(await store.getClip('s2')).toEqual({ ok: true, value: null });
    expect((await store.get('s2')).ok).toBe(true);
  });

  it('a physio attaches a video file to a stored session (replacing any earlier one), not to a missing one', async () => {
    await store.save('s1', record(), true);
    await store.addClipChunk('s1', 0, bytes(7, 7), { mimeType: 'video/webm', startT: 0 });
    const put = await store.putClip('s1', bytes(1, 2, 3, 4), 'video/mp4', 0);
    expect(put.ok && put.value).toMatchObject({ chunks: 1, bytes: 4, complete: true, mimeType: 'video/mp4' });
    const got = await store.getClip('s1');
    expect(got.ok && got.value?.blob.size).toBe(4);
    const missing = await store.putClip('ghost', bytes(1), 'video/webm', 0);
    expect(!missing.ok && missing.error.kind).toBe('not-found');
  });

  it('a full disk while a chunk is written is a "full" error; the chunks before it stay', async () => {
    const start = { mimeType: 'video/webm', startT: 0 };
    await store.addClipChunk('a', 0, bytes(1, 2), start);
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    try {
      const r = await store.addClipChunk('a', 1, bytes(3), start);
      expect(!r.ok && r.error.kind).toBe('full');
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    const got = await store.getClip('a');
    expect(got.ok && got.value?.blob.size).toBe(2);
    expect(got.ok && got.value?.meta.chunks).toBe(1);
  });

  it('opens a version-1 database (sessions only) and adds the clip stores, keeping the sessions', async () => {
    const f = new IDBFactory();
    await new Promise<void>((res, rej) => {
      const rq = f.open('rootwell', 1);
      rq.onupgradeneeded = () => rq.result.createObjectStore('sessions', { keyPath: 'id' });
      rq.onsuccess = () => {
        const tx = rq.result.transaction('sessions', 'readwrite');
        tx.objectStore('sessions').put({ id: 'old', summary: { id: 'old', exercise: 'bridge', startedAt: '2026-01-01T00:00:00.000Z', durationS: 1, reps: 0, complete: true }, json: '{}' });
        tx.oncomplete = () => (rq.result.close(), res());
      };
      rq.onerror = () => rej(rq.error);
    });
    const opened = await SessionStore.open(f);
    if (!opened.ok) throw new Error(opened.error.message);
    const list = await opened.value.list();
    expect(list.ok && list.value.map((s) => s.id)).toEqual(['old']);
    expect((await opened.value.addClipChunk('old', 0, bytes(1), { mimeType: 'video/webm', startT: 0 })).ok).toBe(true);
  });
});
