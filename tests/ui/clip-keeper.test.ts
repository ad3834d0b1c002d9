// The set video's keeper without a browser: a fake MediaRecorder hands out chunks, fake-indexeddb
// stores them. Order, finishing, pause/resume, and a full disk that stops the video (a gap would
// break the file) while the chunks before it stay.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClipKeeper, type ClipStatus } from '../../src/ui/state/clip-keeper';
import { SessionStore } from '../../src/storage/store';

class FakeRecorder extends EventTarget {
  static last: FakeRecorder | null = null;
  static isTypeSupported = (t: string) => t.startsWith('video/webm');
  state: 'inactive' | 'recording' | 'paused' = 'inactive';
  readonly mimeType: string;
  constructor(_s: unknown, o: { mimeType: string }) {
    super();
    this.mimeType = o.mimeType;
    FakeRecorder.last = this;
  }
  start() {
    this.state = 'recording';
  }
  pause() {
    this.state = 'paused';
  }
  resume() {
    this.state = 'recording';
  }
  stop() {
    this.state = 'inactive';
    this.emit(new Uint8Array([255]));
    this.dispatchEvent(new Event('stop'));
  }
  emit(bytes: Uint8Array) {
    const e = new Event('dataavailable') as Event & { data: Blob };
    e.data = new Blob([bytes as BlobPart]);
    this.dispatchEvent(e);
  }
}

const g = globalThis as Record<string, unknown>;
const stream = { getVideoTracks: () => [{}] } as unknown as MediaStream;
const flush = () => new Promise((r) => setTimeout(r, 20));

describe('ClipKeeper', () => {
  let store: SessionStore;
  let saved: Record<string, unknown>;
  beforeEach(async () => {
    saved = { MediaRecorder: g.MediaRecorder, MediaStream: g.MediaStream };
    g.MediaRecorder = FakeRecorder;
    g.MediaStream = class {
      constructor(readonly tracks: unknown[]) {}
    };
    const opened = await SessionStore.open(new IDBFactory());
    if (!opened.ok) throw new Error(opened.error.message);
    store = opened.value;
  });
  afterEach(() => Object.assign(g, saved));

  it('writes the chunks in order, follows pause/resume, and is finished when it stops', async () => {
    const seen: ClipStatus[] = [];
    const k = new ClipKeeper('s1', stream, 500, (s) => seen.push(s), async () => ({ ok: true, value: store }));
    expect(k.status).toEqual({ state: 'recording', id: 's1', bytes: 0 });
    const rec = FakeRecorder.last!;
    rec.emit(new Uint8Array([1, 2]));
    rec.emit(new Uint8Array([3]));
    k.pause();
    expect(rec.state).toBe('paused');
    k.resume();
    expect(rec.state).toBe('recording');
    await k.stop();
    await flush();
    const clip = await store.getClip('s1');
    if (!clip.ok || !clip.value) throw new Error('no clip');
    expect([...new Uint8Array(await clip.value.blob.arrayBuffer())]).toEqual([1, 2, 3, 255]);
    expect(clip.value.meta).toMatchObject({ startT: 500, complete: true, chunks: 3 });
    expect(seen.at(-1)).toEqual({ state: 'saved', id: 's1', bytes: 4 });
  });

  it('a failed write stops the video; later chunks are not written and it is not marked finished', async () => {
    const seen: ClipStatus[] = [];
    let full = false;
    const failing = {
      addClipChunk: (...a: Parameters<SessionStore['addClipChunk']>) =>
        full ? Promise.resolve({ ok: false as const, error: { kind: 'full' as const, message: 'The device is out of space.' } }) : store.addClipChunk(...a),
      finishClip: (id: string) => store.finishClip(id),
    } as unknown as SessionStore;
    const k = new ClipKeeper('s2', stream, 0, (s) => seen.push(s), async () => ({ ok: true, value: failing }));
    const rec = FakeRecorder.last!;
    rec.emit(new Uint8Array([1]));
    await flush();
    full = true;
    rec.emit(new Uint8Array([2]));
    await flush();
    expect(rec.state).toBe('inactive'); // stopped by the keeper
    full = false;
    rec.emit(new Uint8Array([3]));
    await k.stop();
    await flush();
    expect(seen.at(-1)).toMatchObject({ state: 'error' });
    expect((seen.at(-1) as { message: string }).message).toMatch(/no longer being kept.*out of space/);
    const clip = await store.getClip('s2');
    if (!clip.ok || !clip.value) throw new Error('no clip');
    expect([...new Uint8Array(await clip.value.blob.arrayBuffer())]).toEqual([1]);
    expect(clip.value.meta.complete).toBe(false);
  });

  it('a browser that cannot record says so and never throws', () => {
    g.MediaRecorder = undefined;
    const k = new ClipKeeper('s3', stream, 0, () => undefined, async () => ({ ok: true, value: store }));
    expect(k.status.state).toBe('error');
  });
});
