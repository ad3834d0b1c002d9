/**
 * Keeps the consented video of one set in the SessionStore while it records: chunks written in
 * order, the first failed write stops that video (a gap would break the file), and the clip is
 * marked finished when the recorder stops (by the coach, or by itself when the camera goes).
 * One keeper per set, so a set that is ending never mixes with the next one.
 */
import { startClip, type ClipRecorder } from '../../source/clip';
import { sharedStore } from '../../storage/shared';
import type { Result, SessionStore } from '../../storage/store';

/** The consented video of a set: off, being kept (bytes so far), kept, or stopped by a problem. */
export type ClipStatus =
  | { state: 'off' }
  | { state: 'recording' | 'saved'; id: string; bytes: number }
  | { state: 'error'; message: string };

export class ClipKeeper {
  status: ClipStatus = { state: 'off' };
  private rec: ClipRecorder | null = null;
  private writes: Promise<unknown> = Promise.resolve();
  private failed = false;

  /**
   * Start recording `stream` for session `id`; video time 0 is session time `startT`.
   * `status` tells how it started; `onstatus` hears every later change (bytes kept, saved, or
   * why it stopped), never during construction.
   */
  constructor(
    readonly id: string,
    stream: MediaStream,
    startT: number,
    private readonly onstatus: (s: ClipStatus) => void,
    private readonly store: () => Promise<Result<SessionStore>> = sharedStore,
  ) {
    let mimeType = 'video/webm';
    const started = startClip(
      stream,
      (blob, seq) => this.write(blob, seq, mimeType, startT),
      () => void this.ended(),
    );
    if (!started.ok) {
      this.failed = true;
      this.status = { state: 'error', message: started.message };
      return;
    }
    mimeType = started.recorder.mimeType;
    this.rec = started.recorder;
    this.status = { state: 'recording', id, bytes: 0 };
  }

  pause(): void {
    this.rec?.pause();
  }

  resume(): void {
    this.rec?.resume();
  }

  /** Stop recording; the last chunk is written and the clip marked finished. */
  async stop(): Promise<void> {
    await this.rec?.stop();
    await this.writes;
  }

  private set(s: ClipStatus): void {
    this.status = s;
    this.onstatus(s);
  }

  private write(blob: Blob, seq: number, mimeType: string, startT: number): void {
    this.writes = this.writes.then(async () => {
      if (this.failed) return;
      const opened = await this.store();
      const r = opened.ok ? await opened.value.addClipChunk(this.id, seq, await blob.arrayBuffer(), { mimeType, startT }) : opened;
      if (!r.ok) {
        this.failed = true;
        this.set({ state: 'error', message: `The video is no longer being kept: ${r.error.message} Counting goes on.` });
        void this.rec?.stop();
      } else if (this.status.state === 'recording') {
        this.set({ state: 'recording', id: this.id, bytes: r.value.bytes });
      }
    });
  }

  private async ended(): Promise<void> {
    await this.writes;
    if (this.failed) return;
    const opened = await this.store();
    const r = opened.ok ? await opened.value.finishClip(this.id) : opened;
    this.set(r.ok ? { state: 'saved', id: this.id, bytes: r.value?.bytes ?? 0 } : { state: 'error', message: r.error.message });
  }
}
