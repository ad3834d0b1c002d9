/**
 * PSFS rounds kept on this device (localStorage, through the same helpers as the settings and
 * the safety screen: small, read through a schema, writes never throw). They travel in the
 * history export (`psfs`, beside `sessions`) and come back with an import.
 */
import * as v from 'valibot';
import { mergeRounds, PsfsRoundsSchema, type PsfsRound } from '../core/outcome/psfs';
import { localStore, parseStored, writeStored } from './local';
import { storageError, type StorageError } from './errors';

export const PSFS_KEY = 'rootwell.psfs.v1';

const StoredSchema = v.object({ rounds: PsfsRoundsSchema });

/** Every stored round, oldest first; missing or damaged storage reads as none. */
export function loadRounds(store: Storage | null = localStore()): PsfsRound[] {
  const got = parseStored(store?.getItem(PSFS_KEY) ?? null, StoredSchema);
  return got ? mergeRounds([], got.rounds) : [];
}

/** Keep a new round (or replace the one with its id). false: the browser refused (private mode, full). */
export function saveRound(round: PsfsRound, store: Storage | null = localStore()): boolean {
  const rounds = loadRounds(store).filter((r) => r.id !== round.id);
  return writeStored(PSFS_KEY, { rounds: mergeRounds(rounds, [round]) }, store);
}

/** Add imported rounds to what is stored (by id: nothing stored is replaced). How many were new; null when refused. */
export function importRounds(incoming: readonly PsfsRound[], store: Storage | null = localStore()): number | null {
  const before = loadRounds(store);
  const merged = mergeRounds(before, incoming);
  const added = merged.length - before.length;
  if (added === 0) return 0;
  return writeStored(PSFS_KEY, { rounds: merged }, store) ? added : null;
}

/**
 * The PSFS rounds in a history export's text, validated: [] when the file has none, an error
 * message when they are damaged (the sessions are validated on their own by parseImport).
 */
export function roundsFromExport(text: string): { ok: true; rounds: PsfsRound[] } | { ok: false; error: StorageError } {
  // exportHistory writes "psfs" right after "rootwellHistory", so a file without it is not parsed twice.
  if (!/^\s*\{\s*"rootwellHistory"\s*:\s*1\s*,\s*"psfs"\s*:/.test(text.slice(0, 80))) return { ok: true, rounds: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: storageError('bad-file', 'notJson', 'This file is damaged or cut short (not valid JSON).') };
  }
  const r = v.safeParse(PsfsRoundsSchema, (data as { psfs?: unknown }).psfs);
  if (!r.success) {
    const issue = r.issues[0]?.message ?? 'invalid';
    return { ok: false, error: storageError('bad-file', 'psfsDamaged', `The function scores (PSFS) in this file are damaged: ${issue}.`, { issue }) };
  }
  return { ok: true, rounds: r.output };
}
