/**
 * Recorded keypoint streams from real clips (made by `npm run fixtures`, see
 * scripts/make-fixtures.ts) with the hand-counted expectations from MANIFEST.md. The loader lives
 * here so that the benches can use it (scripts/ never imports from tests/); the tests import it
 * through tests/fixtures/index.ts.
 *
 *   tests/fixtures/<exercise>/<clip>.json   a session record (raw quantised keypoints)
 *   tests/fixtures/<exercise>/expected.json { "<clip>": Expected }
 *   tests/fixtures/no-exercise/             negatives: every exercise must count 0 on them
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseRecord, type SessionRecord } from '../../src/core/session/record';

export interface Expected {
  /** Complete reps (exact). */
  reps?: number;
  /** For confusers with an uncertain count: at most this many. */
  repsAtMost?: number;
  repsBySide?: { left?: number; right?: number; both?: number };
  /** Holds in order, seconds (compared within ±1 s). */
  holds?: { seconds: number; side?: 'left' | 'right' | 'both' }[];
  note: string;
}

export interface Fixture {
  /** `<folder>/<clip>` */
  name: string;
  folder: string;
  clip: string;
  record: SessionRecord;
  expected: Expected;
  negative: boolean;
}

/** tests/fixtures/ (the data stays with the tests; this loader is shared with the benches). */
const DIR = resolve(import.meta.dirname, '..', '..', 'tests', 'fixtures');

function load(folder: string, negative: boolean): Fixture[] {
  const dir = join(DIR, folder);
  const expFile = join(dir, 'expected.json');
  if (!existsSync(expFile)) return [];
  const expected = JSON.parse(readFileSync(expFile, 'utf8')) as Record<string, Expected>;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'expected.json')
    .sort()
    .flatMap((f) => {
      const clip = f.slice(0, -5);
      const exp = expected[clip];
      if (!exp) return [];
      const parsed = parseRecord(readFileSync(join(dir, f), 'utf8'));
      if (!parsed.ok) throw new Error(`${folder}/${f}: ${parsed.error.message}`);
      const e: Expected = negative ? { reps: 0, holds: [], note: exp.note } : exp;
      return [{ name: `${folder}/${clip}`, folder, clip, record: parsed.record, expected: e, negative }];
    });
}

/** Every recorded clip for an exercise, plus the no-exercise negatives (expected: nothing counted). */
export function fixtures(exerciseId: string, options: { negatives?: boolean } = {}): Fixture[] {
  return [...load(exerciseId, false), ...(options.negatives === false ? [] : load('no-exercise', true))];
}
