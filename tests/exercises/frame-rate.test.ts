/**
 * The real recordings (15 fps) replayed as a slower computer or a later start would deliver
 * them. A live session analyses whatever frames the machine keeps up with, from whatever frame
 * the camera happened to start on; the count must not depend on either.
 *
 * - Frame rate: every 2nd or 3rd frame (7.5 and 5 fps), each possible phase, the first frame
 *   always kept (a clip that starts mid-movement is the clip's edge, not the frame rate). 5 fps is
 *   the floor: under 8 fps the coach offers a lighter model (src/ui/state/slow-machine.ts).
 * - Start: the first 1-15 frames dropped, as long as they end before the first rep or hold began
 *   (dropping part of a rep is meant to lose it).
 *
 * - Irregular frames: each frame after the first kept with probability 1/2 (7.5 fps on average,
 *   gaps of several frames), 10 fixed seeds per clip. Reported, and held to a floor: at least
 *   97 % of these trials give the hand count (before the fixes below: 92.0 %; after: 99.0 %).
 *
 * The clips in known-failures.ts are left out (they do not pass at full rate). Found this way and
 * fixed: the rep counter timed its dwell from the first sample past the line (a top seen in one
 * frame at 4 fps was a "partial"), and the thigh-length memory latched on an odd first frame
 * (knee-to-chest: 0 of 3 holds when started one frame later).
 */
import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/core/pipeline';
import { decodeFrames } from '../../src/core/session/frames';
import { replay } from '../../src/core/session/record';
import { EXERCISE_IDS, exercises } from '../../src/exercises';
import { fixtures, type Expected, type Fixture } from '../fixtures';
import { KNOWN_FAILURES } from './known-failures';

type Id = (typeof EXERCISE_IDS)[number];

interface Result {
  reps: number;
  holds: number[];
}

function replayFrames(id: Id, fx: Fixture, keep: (i: number) => boolean): Result {
  const session = createSession(exercises[id], fx.record.header.prescription as never);
  decodeFrames(fx.record.frames).forEach((fr, i) => {
    if (keep(i)) session.push(fr.frame, fr.tMs);
  });
  session.end();
  const ev = session.events;
  return {
    reps: ev.filter((e) => e.type === 'rep').length,
    holds: ev.flatMap((e) => (e.type === 'hold' ? [e.hold.seconds] : [])),
  };
}

function expectMatches(r: Result, e: Expected, what: string): void {
  if (e.reps !== undefined) expect(r.reps, `${what}: reps`).toBe(e.reps);
  if (e.repsAtMost !== undefined) expect(r.reps, `${what}: reps`).toBeLessThanOrEqual(e.repsAtMost);
  if (e.holds) {
    expect(r.holds, `${what}: holds`).toHaveLength(e.holds.length);
    e.holds.forEach((h, i) => expect(Math.abs(r.holds[i]! - h.seconds), `${what}: hold ${i + 1}`).toBeLessThanOrEqual(1));
  }
}

/** A small deterministic generator (Park-Miller), so a failure can be replayed. */
function lcg(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 16807) % 2147483647;
    return x / 2147483647;
  };
}

function matches(r: Result, e: Expected): boolean {
  if (e.reps !== undefined && r.reps !== e.reps) return false;
  if (e.repsAtMost !== undefined && r.reps > e.repsAtMost) return false;
  if (e.holds && (r.holds.length !== e.holds.length || e.holds.some((h, i) => Math.abs(r.holds[i]! - h.seconds) > 1))) return false;
  return true;
}

describe('irregular frames (half of them lost at random)', () => {
  it('give the hand count in at least 97 % of trials over every clip', () => {
    let ok = 0;
    let all = 0;
    const misses: string[] = [];
    for (const id of EXERCISE_IDS) {
      for (const fx of fixtures(id).filter((f) => !KNOWN_FAILURES[`${id}:${f.name}`])) {
        for (let seed = 1; seed <= 10; seed++) {
          const rnd = lcg(seed * 7919);
          const r = replayFrames(id, fx, (i) => i === 0 || rnd() >= 0.5);
          all += 1;
          if (matches(r, fx.expected)) ok += 1;
          else misses.push(`${id}:${fx.name} seed ${seed} → ${r.reps} reps, holds ${r.holds.join('/')}`);
        }
      }
    }
    console.log(`[frame-rate] irregular 7.5 fps: ${ok} of ${all} trials give the hand count (${((100 * ok) / all).toFixed(1)} %)${misses.length ? `; misses: ${misses.join('; ')}` : ''}`);
    expect(ok / all).toBeGreaterThanOrEqual(0.97);
  });
});

for (const id of EXERCISE_IDS) {
  const list = fixtures(id).filter((fx) => !KNOWN_FAILURES[`${id}:${fx.name}`]);
  describe.skipIf(list.length === 0)(`${id} on a slower computer or a later start`, () => {
    for (const fx of list) {
      it(`${fx.name} at 7.5 and 5 fps`, () => {
        for (const step of [2, 3]) {
          for (let phase = 0; phase < step; phase++) {
            const r = replayFrames(id, fx, (i) => i === 0 || i % step === phase);
            expectMatches(r, fx.expected, `every ${step}th frame from frame ${phase}`);
          }
        }
      });

      it(`${fx.name} started up to 15 frames later, before the first rep or hold`, () => {
        const full = replay(exercises[id], fx.record);
        const frames = decodeFrames(fx.record.frames);
        const starts = [...full.repDetails.map((r) => r.startS), ...(exercises[id].kind === 'hold' ? full.holds.map((h) => h.startS) : [])];
        // A rep-counted hold (press-up) starts with its rep; with no rep there is no safe start.
        const firstS = exercises[id].kind !== 'hold' && full.repDetails.length === 0 && full.holds.length > 0 ? 0 : Math.min(Infinity, ...starts);
        let tried = 0;
        for (const skip of [1, 2, 3, 5, 8, 12, 15]) {
          if (skip >= frames.length || frames[skip]!.tMs / 1000 >= firstS - 0.1) break;
          expectMatches(replayFrames(id, fx, (i) => i >= skip), fx.expected, `from frame ${skip}`);
          tried += 1;
        }
        // A clip whose first rep starts at once has nothing to drop: say so rather than pass silently.
        if (tried === 0) expect(firstS, 'nothing could be dropped before the first rep').toBeLessThan(frames[1]!.tMs / 1000 + 0.1);
      });
    }
  });
}
