// The CLI as a user runs it: a real clip through the real model, and every kind of bad input.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const DATA = resolve(ROOT, '..', 'shared', 'data');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

function analyze(...args: string[]) {
  const r = spawnSync(TSX, ['src/cli/analyze.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const DOCUMENTED = ['exercise', 'model', 'durationS', 'fps', 'trackedFraction', 'reps', 'repsBySide', 'repDetails', 'holds'];

describe('npm run analyze', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'rootwell-cli-'));

  it('counts the one-rep home bridge clip as the hand count says, with a plot, and stdout is pure JSON', () => {
    const plot = join(tmp, 'bridge.svg');
    const r = analyze(join(DATA, 'videos/glute_bridge/physioplus_bridging_home_side_1rep.mp4'), '--exercise', 'bridge', '--plot', plot);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(DOCUMENTED);
    expect(report.reps).toBe(1); // MANIFEST 1.1: 1 rep
    expect(report.trackedFraction).toBeGreaterThan(0.8);
    const svg = readFileSync(plot, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('#1 both');
  });

  it('replays the session record it saved to the same report as the video', () => {
    const video = join(DATA, 'videos/glute_bridge/physioplus_bridging_home_side_1rep.mp4');
    const rec = join(tmp, 'record.json');
    const fromVideo = analyze(video, '--exercise', 'bridge', '--record', rec);
    expect(fromVideo.code, fromVideo.stderr).toBe(0);
    const fromRecord = analyze(rec, '--exercise', 'bridge');
    expect(fromRecord.code, fromRecord.stderr).toBe(0);
    expect(JSON.parse(fromRecord.stdout)).toEqual(JSON.parse(fromVideo.stdout));
  });

  it.each([
    ['a missing file', ['no-such-clip.mp4', '--exercise', 'bridge'], 1, /file not found/],
    ['an unknown exercise', ['README.md', '--exercise', 'cartwheel'], 2, /unknown exercise "cartwheel"; choose one of: bridge/],
    ['no exercise', ['README.md'], 2, /missing --exercise/],
    ['an unknown model', [join(DATA, 'reference/pose_1.mp4'), '--exercise', 'bridge', '--model', 'yolo'], 2, /unknown model "yolo"/],
  ])('%s gives a clear message and a non-zero exit', (_name, args, code, msg) => {
    const r = analyze(...(args as string[]));
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    // One line saying what is wrong (a usage line may follow), never a stack trace.
    expect(r.stderr.split('\n')[0]).toMatch(msg as RegExp);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an undecodable video gives a clear message and a non-zero exit', () => {
    const bad = join(tmp, 'broken.mp4');
    writeFileSync(bad, 'this is not a video');
    const r = analyze(bad, '--exercise', 'bridge');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/could not read|undecodable|Invalid data/i);
  });

  it('a corrupt session record gives a clear message and a non-zero exit', () => {
    const bad = join(tmp, 'truncated.json');
    writeFileSync(bad, '{"schemaVersion":1,"header":{"appVersion":"0.1.0"');
    const r = analyze(bad, '--exercise', 'bridge');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/analyze: .*(damaged|not|JSON)/i);
  });

  it('a missing ffmpeg gives a clear message and a non-zero exit', () => {
    const r = spawnSync(TSX, ['src/cli/analyze.ts', join(DATA, 'reference/pose_1.mp4'), '--exercise', 'bridge'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, PATH: join(ROOT, 'node_modules', '.bin') + ':' + nodeOnlyBin() },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/ffmpeg|ffprobe/i);
  });
});

/** A PATH entry holding only node (node and ffmpeg share /usr/bin on Debian). */
function nodeOnlyBin(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rootwell-nodeonly-'));
  symlinkSync(process.execPath, join(dir, 'node'));
  return dir;
}
