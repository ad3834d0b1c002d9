/**
 * Model file integrity in the browser. A damaged weights file of the right length loads without
 * any tfjs error and gives a model that silently outputs nonsense; a short one fails deep inside
 * tfjs. Both become one clear EstimatorError('model-load-failed') here: every model file fetched
 * is checked against its SHA-256 in `${base}/checksums.json` (written by scripts/setup-models.mjs,
 * copied into the build). A damaged copy is also dropped from the offline cache, so "Try again"
 * fetches a fresh one. Where the checksums or WebCrypto are missing, files load unchecked.
 */
import { io } from '@tensorflow/tfjs-core';
import { EstimatorError } from './errors';
import type { ModelLocator } from './model-source';

export type Checksums = Record<string, string>;

/** Hex SHA-256 of bytes. */
export async function sha256Hex(buf: ArrayBuffer): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', buf));
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The checksum key of a model URL: its path below `base` ('/models/tfjs/x.bin' → 'tfjs/x.bin'). */
export function checksumKey(url: string, base: string): string | null {
  const path = new URL(url, 'file:///').pathname;
  const b = `${base.replace(/\/+$/, '')}/`;
  const bPath = new URL(b, 'file:///').pathname;
  return path.startsWith(bPath) ? decodeURIComponent(path.slice(bPath.length)) : null;
}

/** A fetch that rejects (EstimatorError) when a file's bytes do not match its checksum. */
export function verifyingFetch(base: string, sums: () => Promise<Checksums | null>, doFetch: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const res = await doFetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const key = checksumKey(url, base);
    const table = await sums();
    const want = key ? table?.[key] : undefined;
    if (!res.ok || !want) return res;
    const buf = await res.arrayBuffer();
    const got = await sha256Hex(buf);
    if (got !== want) {
      await dropFromCaches(url);
      throw new EstimatorError('model-load-failed', `model file ${key} is damaged (sha256 ${got.slice(0, 12)}…, expected ${want.slice(0, 12)}…)`);
    }
    return new Response(buf, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

async function dropFromCaches(url: string): Promise<void> {
  try {
    if (typeof caches === 'undefined') return;
    const abs = new URL(url, location.href).href;
    for (const k of await caches.keys()) await (await caches.open(k)).delete(abs, { ignoreSearch: true });
  } catch {
    /* no cache to clean */
  }
}

/** True where this check can run (browser with WebCrypto and fetch). */
export function canVerify(): boolean {
  return typeof fetch === 'function' && typeof crypto !== 'undefined' && typeof crypto.subtle?.digest === 'function' && typeof location !== 'undefined';
}

/** Wrap a URL locator so tfjs graph models load through verifyingFetch. */
export function verifiedLocator(inner: ModelLocator, base: string): ModelLocator {
  let table: Promise<Checksums | null> | null = null;
  const sums = (): Promise<Checksums | null> =>
    (table ??= fetch(`${base.replace(/\/+$/, '')}/checksums.json`)
      .then((r) => (r.ok ? (r.json() as Promise<Checksums>) : null))
      .catch(() => null));
  const fetchFunc = verifyingFetch(base, sums);
  return {
    ...inner,
    tfjs(name) {
      const src = inner.tfjs(name);
      return typeof src === 'string' ? io.http(src, { fetchFunc }) : src;
    },
  };
}
