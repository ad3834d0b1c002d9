/**
 * Small preferences kept in the browser's localStorage (settings, the safety screen, the
 * programme in force). One place for the three things every user of it needs: the store
 * itself when there is one, reading stored JSON through a schema, and writing without throwing.
 */
import * as v from 'valibot';

/** The browser's localStorage, or null where there is none (Node, a browser that blocks it). */
export function localStore(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Stored JSON text read through a schema: its output, or null when missing, damaged or invalid. */
export function parseStored<T>(raw: string | null, schema: v.GenericSchema<unknown, T>): T | null {
  if (!raw) return null;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  const r = v.safeParse(schema, data);
  return r.success ? r.output : null;
}

/** Store a value as JSON; false when the browser refuses (no storage, private mode, full). */
export function writeStored(key: string, value: unknown, store: Storage | null = localStore()): boolean {
  if (!store) return false;
  try {
    store.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}
