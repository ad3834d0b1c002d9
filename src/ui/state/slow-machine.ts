/**
 * A slow computer: when the live frame rate stays under a threshold for a few seconds, offer a
 * lighter pose model. Pure (time passed in), unit-tested; the coach feeds it its measured fps.
 */
import { modelsByCost, type ModelTable, type MODEL_TABLE } from '../../estimate/model-table';

/** Under this many analysed frames per second, counting gets unreliable. source: starting point (reps last ≥ 0.8 s; the core was tuned on 15-fps records) */
export const SLOW_FPS = 8;
/** The rate must stay low this long (ms) before we say so. source: starting point */
export const SLOW_FOR_MS = 4000;
/**
 * After the offer has shown this long (ms) with no answer, the coach switches by itself: a
 * patient lying on the floor 2-3 m from the laptop cannot press a button. source: starting point
 */
export const AUTO_SWITCH_MS = 10_000;
/** Ignore the first moments after a (re)start: warm-up frames are slow everywhere. source: starting point */
export const WARMUP_MS = 3000;

/**
 * The next lighter model (the model table's cost order, measured in bench/pose-models.md), or null
 * when this is already the lightest (or not a tfjs model). `table`: tests add rows; default the real one.
 */
export function lighterModel<T extends ModelTable = typeof MODEL_TABLE>(model: T[number]['id'], table?: T): T[number]['id'] | null {
  const byCost = modelsByCost(table);
  const i = byCost.indexOf(model);
  return i > 0 ? byCost[i - 1]! : null;
}

export class SlowWatch {
  private startMs: number | null = null;
  private lowSinceMs: number | null = null;

  /** Start over (new model, new source). */
  reset(): void {
    this.startMs = null;
    this.lowSinceMs = null;
  }

  /** Feed the current fps at wall time `nowMs`; true once it has been too slow for long enough. */
  update(fps: number, nowMs: number): boolean {
    this.startMs ??= nowMs;
    if (nowMs - this.startMs < WARMUP_MS || fps <= 0) return false;
    if (fps >= SLOW_FPS) {
      this.lowSinceMs = null;
      return false;
    }
    this.lowSinceMs ??= nowMs;
    return nowMs - this.lowSinceMs >= SLOW_FOR_MS;
  }
}
