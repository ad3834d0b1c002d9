/**
 * Decides which cue is spoken, so the voice never chatters: one cue at a time, a quiet gap
 * between cues, and the same cue not repeated too soon. Pure: time is passed in.
 */
export interface CueGateOptions {
  /** Minimum ms between any two spoken cues. source: starting point, physio can override */
  minGapMs?: number;
  /** Minimum ms before the same cue id is spoken again. source: starting point, physio can override */
  repeatMs?: number;
}

export class CueGate {
  private lastAt = -Infinity;
  private lastById = new Map<string, number>();
  private readonly minGapMs: number;
  private readonly repeatMs: number;

  constructor(opts: CueGateOptions = {}) {
    this.minGapMs = opts.minGapMs ?? 3000;
    this.repeatMs = opts.repeatMs ?? 10000;
  }

  /**
   * Should cue `id` be spoken at `nowMs`? `speaking` is true while the voice is still talking,
   * in which case nothing new starts (a higher-priority cue waits for the next frame).
   */
  offer(id: string, nowMs: number, speaking = false): boolean {
    if (speaking) return false;
    if (nowMs - this.lastAt < this.minGapMs) return false;
    const prev = this.lastById.get(id);
    if (prev !== undefined && nowMs - prev < this.repeatMs) return false;
    this.lastAt = nowMs;
    this.lastById.set(id, nowMs);
    return true;
  }

  reset(): void {
    this.lastAt = -Infinity;
    this.lastById.clear();
  }
}
