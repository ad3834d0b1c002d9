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
  /** `kind`: what went wrong, for the words in another language; `message`: in English, with the cause. */
  | { state: 'error'; kind: ClipErrorKind; message: string };

/** The video stopped being kept mid-set, could not start, or could not be finished at the end. */
export type ClipErrorKind = 'stopped' | 'not-started' | 'not-finished';

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
      this.status = { state: 'error', kind: 'not-started', message: started.message };
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
        this.set({ state: 'error', kind: 'stopped', message: `The video is no longer being kept: ${r.error.message} Counting goes on.` });
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
    this.set(r.ok ? { state: 'saved', id: this.id, bytes: r.value?.bytes ?? 0 } : { state: 'error', kind: 'not-finished', message: r.error.message });
  }
}

/**
 * The consented video of the set in progress: started once, at the set's first live frame
 * (video time 0 = session time `t`), paused with the coach, stopped when the set ends. A problem
 * with the video never stops the counting: it becomes a status with a message.
 */
export class SetVideo {
  private keeper: ClipKeeper | null = null;
  /** The keeper whose status is shown: this set's, also after it stopped (for the summary). */
  private owner: ClipKeeper | null = null;
  private tried = false;

  constructor(private readonly onstatus: (s: ClipStatus) => void) {}

  /** Start keeping the video of `stream` for set `id`, unless this set already tried. */
  start(id: string, stream: MediaStream | null, t: number): void {
    if (this.tried) return;
    this.tried = true;
    if (!stream) return;
    try {
      const keeper: ClipKeeper = new ClipKeeper(id, stream, t, (st) => {
        if (this.owner === keeper) this.onstatus(st);
      });
      this.keeper = this.owner = keeper;
      this.onstatus(keeper.status);
    } catch (e) {
      this.onstatus({ state: 'error', kind: 'not-started', message: `The video could not be started (${e instanceof Error ? e.message : String(e)}). Counting works as usual.` });
    }
  }

  pause(): void {
    this.keeper?.pause();
  }

  resume(): void {
    this.keeper?.resume();
  }

  /** Stop recording; the status keeps being reported until reset(). */
  async stop(): Promise<void> {
    const keeper = this.keeper;
    this.keeper = null;
    await keeper?.stop();
  }

  /** A new set: nothing tried yet, and an old video's status is no longer shown. */
  reset(): void {
    this.tried = false;
    this.owner = null;
    this.onstatus({ state: 'off' });
  }
}
