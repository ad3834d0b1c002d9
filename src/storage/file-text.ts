/**
 * Exported files, plain or gzip-compressed. A week of sets is tens of MB of JSON (about 0.3 MB a
 * minute of exercise, bench/accuracy.md); gzip makes it about three times smaller, small enough
 * to send by e-mail. Compression uses the browser's own CompressionStream (no library), and an
 * import is recognised by its first bytes, not its name.
 *
 * Reading is capped as it unpacks: a small file that would unpack to gigabytes (a "zip bomb")
 * stops at the cap with a clear message instead of freezing the tab, holding one block at a time
 * (a first version kept what it had unpacked; in a full CI run it failed before reaching the
 * cap, most likely for memory, and reported the bomb as a damaged file).
 */
import type { Result } from './store';
import { storageError } from './errors';

/** The first two bytes of every gzip file. */
const GZIP_MAGIC = [0x1f, 0x8b] as const;
const UNREADABLE = storageError('bad-file', 'unreadable', 'This file could not be read.');

/** Gzip text into a file body. */
export async function gzipText(text: string): Promise<Blob> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).blob();
}

/** True when the file starts like a gzip file. */
export async function isGzip(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  return head.length === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

/**
 * A file's text, unpacked first when it is gzip. At most `maxChars` characters are read;
 * more is an error. Never throws.
 */
export async function readTextFile(file: Blob, maxChars: number): Promise<Result<string>> {
  const tooLarge: Result<string> = {
    ok: false,
    error: storageError('bad-file', 'unpacksTooLarge', `This file unpacks to more than ${Math.round(maxChars / 1e6)} MB: too large to be a Rootwell export.`, {
      n: Math.round(maxChars / 1e6),
    }),
  };
  let gz: boolean;
  try {
    gz = await isGzip(file);
  } catch {
    return { ok: false, error: UNREADABLE };
  }
  if (!gz) {
    try {
      return { ok: true, value: await file.text() };
    } catch {
      return { ok: false, error: UNREADABLE };
    }
  }
  // First unpack without keeping anything, only counting: a bomb is refused at the cap having
  // held one block in memory, never the 200 MB before it. Then unpack again, for the text.
  const unpack = () => file.stream().pipeThrough(new DecompressionStream('gzip'));
  const damaged: Result<string> = {
    ok: false,
    error: storageError('bad-file', 'gzDamaged', 'This compressed file is damaged or cut short: it could not be unpacked.'),
  };
  const reader = unpack().getReader();
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxChars) {
        await reader.cancel().catch(() => undefined);
        return tooLarge;
      }
    }
  } catch {
    return damaged;
  }
  try {
    // UTF-8: never more characters than bytes, so the text is within the cap too.
    return { ok: true, value: await new Response(unpack()).text() };
  } catch {
    return damaged;
  }
}
