// Exported files, plain or gzip: the round trip, and every way a compressed file can be bad.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipText, isGzip, readTextFile } from '../../src/storage/file-text';
import { parseImport } from '../../src/storage/store';
import { serializeRecord } from '../../src/core/session';
import { fixtures } from '../fixtures';

const record = fixtures('bridge', { negatives: false })[0]!.record;
const history = JSON.stringify({ rootwellHistory: 1, sessions: [record, record] });

describe('exported files, plain or gzip', () => {
  it('a compressed history unpacks to the same text, about a third of the size, and imports', async () => {
    const gz = await gzipText(history);
    expect(await isGzip(gz)).toBe(true);
    expect(gz.size).toBeLessThan(history.length / 2.5);
    const back = await readTextFile(gz, 10_000_000);
    expect(back.ok && back.value).toBe(history);
    const parsed = parseImport(back.ok ? back.value : '');
    expect(parsed.ok && parsed.value.map((r) => serializeRecord(r))).toEqual([serializeRecord(record), serializeRecord(record)]);
    // Made by another tool (gzip on the command line) it reads the same.
    const other = await readTextFile(new Blob([gzipSync(history)]), 10_000_000);
    expect(other.ok && other.value).toBe(history);
  });

  it('a plain file is read as it is', async () => {
    const r = await readTextFile(new Blob([history]), 10_000_000);
    expect(r.ok && r.value).toBe(history);
    expect(await isGzip(new Blob([history]))).toBe(false);
  });

  it('a small file that would unpack to far more than the cap stops at the cap with a clear message', async () => {
    // 64 MB of spaces packs into ~64 kB: refused once 1 MB has unpacked, long before the rest.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(200_000);
    const r = await readTextFile(new Blob([bomb]), 1_000_000);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/unpacks to more than 1 MB/);
  });

  it('a cut-short or damaged compressed file says so and never throws', async () => {
    const gz = new Uint8Array(await (await gzipText(history)).arrayBuffer());
    const cut = await readTextFile(new Blob([gz.slice(0, Math.floor(gz.length / 2))]), 10_000_000);
    expect(!cut.ok && cut.error.message).toMatch(/damaged or cut short/);
    const junk = new Uint8Array(4096).map((_, i) => (i < 2 ? [0x1f, 0x8b][i]! : (i * 73) % 256));
    const bad = await readTextFile(new Blob([junk]), 10_000_000);
    expect(!bad.ok && bad.error.message).toMatch(/damaged or cut short/);
  });
});
