/**
 * One-Euro filter, Casiez, Roussel & Vogel (CHI 2012), the variant of the reference
 * implementations in casiez/OneEuroFilter: the derivative is taken against the previous
 * *filtered* value and smoothed by its own low-pass at `dCutoffHz`; the first sample passes
 * through and seeds the derivative filter with 0. Timestamp-driven: the sampling rate is
 * re-estimated from each pair of timestamps, so 10 fps and 30 fps streams are filtered
 * consistently. Pinned by tests/core/one-euro.test.ts against the reference groundTruth.csv.
 */

/** Parameters of one filter (Hz, Hz, 1/unit, Hz). */
export interface OneEuroParams {
  minCutoffHz: number;
  beta: number;
  dCutoffHz: number;
}

function alpha(rateHz: number, cutoffHz: number): number {
  const tau = 1 / (2 * Math.PI * cutoffHz);
  const te = 1 / rateHz;
  return 1 / (1 + tau / te);
}

/** A scalar One-Euro filter; `filter(value, tS)` with time in seconds. */
export class OneEuroFilter {
  private x: number | null = null;
  private dx = 0;
  private lastT: number | null = null;
  private rateHz: number;

  /** `rateHz` is only used for the second sample when timestamps are equal or missing. */
  constructor(
    readonly params: OneEuroParams,
    rateHz = 30,
  ) {
    this.rateHz = rateHz;
  }

  /** Filter one sample taken at time `tS` (seconds). */
  filter(value: number, tS: number): number {
    if (this.lastT !== null && tS > this.lastT) this.rateHz = 1 / (tS - this.lastT);
    this.lastT = tS;
    if (this.x === null) {
      this.x = value;
      this.dx = 0;
      return value;
    }
    const d = (value - this.x) * this.rateHz;
    this.dx = this.dx + alpha(this.rateHz, this.params.dCutoffHz) * (d - this.dx);
    const cutoff = this.params.minCutoffHz + this.params.beta * Math.abs(this.dx);
    this.x = this.x + alpha(this.rateHz, cutoff) * (value - this.x);
    return this.x;
  }

  /** Forget everything: the next sample passes through unfiltered. */
  reset(): void {
    this.x = null;
    this.dx = 0;
    this.lastT = null;
  }

  get initialized(): boolean {
    return this.x !== null;
  }
}
