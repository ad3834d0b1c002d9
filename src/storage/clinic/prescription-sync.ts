/**
 * The prescription through sync (issue 10): the physio writes the patient's programme as one
 * encrypted document (`prescription`, type 'prescription') in the patient's database; the
 * patient's app pulls it and Today's programme follows it (applyPulled).
 *
 * Conflicts. The document can change on two devices while either is offline (two physio
 * computers; a physio's copy edited offline). CouchDB then keeps both versions as conflicting
 * revisions and picks a winner by its own rule (the revision hash): arbitrary for a person.
 * Here the version in force is decided by what the versions say: the newest `updatedAt`, and on
 * a tie the larger `device` id; every replica picks the same one, whatever order they synced in.
 * The others are never dropped silently: `readPrescription` returns them (`losers`), and
 * `resolvePrescription` (called by a writer) writes the chosen version again with the losers in
 * its `log` (kept with the document, the last 20), then deletes the losing revisions.
 */
import * as v from 'valibot';
import { parseProgramme, serializeProgramme, type Programme } from '../programme-file';
import { openEncrypted, putEncrypted } from './summary';
import type { PouchDatabase, PouchDoc } from './pouch-types';

export const PRESCRIPTION_ID = 'prescription';
export const MAX_LOG = 20;

const iso = v.pipe(v.string(), v.maxLength(40), v.isoTimestamp());
const device = v.pipe(v.string(), v.maxLength(80), v.regex(/^[A-Za-z0-9_.:-]+$/));
const VersionSchema = v.object({ programme: v.pipe(v.string(), v.maxLength(200_000)), updatedAt: iso, device });
const DocSchema = v.object({ v: v.literal(1), ...VersionSchema.entries, log: v.optional(v.pipe(v.array(v.object({ ...VersionSchema.entries, replacedBy: iso })), v.maxLength(MAX_LOG))) });

/** One version of the prescription. */
export interface PrescriptionVersion {
  programme: Programme;
  updatedAt: string;
  device: string;
}

/** A version that lost a conflict, and the version (by its updatedAt) that replaced it. */
export interface ConflictEntry extends PrescriptionVersion {
  replacedBy: string;
}

export interface PrescriptionState {
  current: PrescriptionVersion;
  /** Conflicting versions not resolved yet (each still a revision of the document). */
  losers: PrescriptionVersion[];
  /** Versions that lost a conflict and were resolved, oldest first. */
  log: ConflictEntry[];
}

type Doc = v.InferOutput<typeof DocSchema>;

/** Newest updatedAt first, ties: the larger device id first. Deterministic on every replica. */
export function compareVersions(a: Pick<PrescriptionVersion, 'updatedAt' | 'device'>, b: Pick<PrescriptionVersion, 'updatedAt' | 'device'>): number {
  return b.updatedAt.localeCompare(a.updatedAt) || (a.device < b.device ? 1 : a.device > b.device ? -1 : 0);
}

function toVersion(x: { programme: string; updatedAt: string; device: string }): PrescriptionVersion | null {
  const p = parseProgramme(x.programme);
  return p.ok ? { programme: p.programme, updatedAt: x.updatedAt, device: x.device } : null;
}

async function openRev(db: PouchDatabase, key: CryptoKey, rev?: string): Promise<{ rev: string; doc: Doc } | null> {
  try {
    const raw = await db.get(PRESCRIPTION_ID, rev ? { rev } : {});
    const r = v.safeParse(DocSchema, await openEncrypted(raw, key, 'prescription'));
    return r.success ? { rev: raw._rev ?? '', doc: r.output } : null;
  } catch {
    return null;
  }
}

async function revisions(db: PouchDatabase, key: CryptoKey): Promise<{ rev: string; doc: Doc }[] | null> {
  let head: PouchDoc;
  try {
    head = await db.get(PRESCRIPTION_ID, { conflicts: true });
  } catch (e) {
    if ((e as { status?: number }).status === 404) return null;
    throw e;
  }
  const out: { rev: string; doc: Doc }[] = [];
  // The winning revision is the one just read; only conflicting ones need another request.
  const first = v.safeParse(DocSchema, await openEncrypted(head, key, 'prescription'));
  if (first.success) out.push({ rev: head._rev ?? '', doc: first.output });
  for (const rev of (head._conflicts as string[] | undefined) ?? []) {
    const o = await openRev(db, key, rev);
    if (o) out.push(o);
  }
  return out;
}

/** The prescription in force, the conflicting versions and the log; null when there is none (or none opens). */
export async function readPrescription(db: PouchDatabase, key: CryptoKey): Promise<PrescriptionState | null> {
  const all = await revisions(db, key);
  if (!all?.length) return null;
  const versions = all.map((r) => ({ r, ver: toVersion(r.doc) })).filter((x): x is { r: { rev: string; doc: Doc }; ver: PrescriptionVersion } => x.ver !== null);
  versions.sort((a, b) => compareVersions(a.ver, b.ver));
  const win = versions[0];
  if (!win) return null;
  const logMap = new Map<string, ConflictEntry>();
  for (const x of versions) for (const e of x.r.doc.log ?? []) {
    const ver = toVersion(e);
    if (ver) logMap.set(`${e.updatedAt}|${e.device}`, { ...ver, replacedBy: e.replacedBy });
  }
  const same = (a: PrescriptionVersion, b: PrescriptionVersion) => a.updatedAt === b.updatedAt && a.device === b.device;
  const losers = versions.slice(1).map((x) => x.ver).filter((l) => !same(l, win.ver) && !logMap.has(`${l.updatedAt}|${l.device}`));
  const log = [...logMap.values()].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
  return { current: win.ver, losers, log };
}

function docOf(ver: PrescriptionVersion, log: readonly ConflictEntry[]): Doc {
  const entries = log.slice(-MAX_LOG).map((e) => ({ programme: serializeProgramme(e.programme), updatedAt: e.updatedAt, device: e.device, replacedBy: e.replacedBy }));
  return { v: 1, programme: serializeProgramme(ver.programme), updatedAt: ver.updatedAt, device: ver.device, ...(entries.length ? { log: entries } : {}) };
}

/** Delete every conflicting revision (after their versions were logged). */
async function dropConflicts(db: PouchDatabase): Promise<void> {
  const head = await db.get(PRESCRIPTION_ID, { conflicts: true });
  for (const rev of (head._conflicts as string[] | undefined) ?? []) {
    await db.put({ _id: PRESCRIPTION_ID, _rev: rev, _deleted: true }).catch(() => undefined);
  }
}

/**
 * Write a new prescription (the physio). Conflicting versions seen now go into the log (replaced
 * by this one) and their revisions are deleted. A concurrent write to the same server (409) is
 * retried on the newer revision.
 */
export async function writePrescription(db: PouchDatabase, key: CryptoKey, programme: Programme, updatedAt: string, deviceId: string): Promise<PrescriptionState> {
  for (let attempt = 0; ; attempt++) {
    const before = await readPrescription(db, key);
    const log = [...(before?.log ?? []), ...(before?.losers ?? []).map((l) => ({ ...l, replacedBy: updatedAt }))];
    const ver: PrescriptionVersion = { programme, updatedAt, device: deviceId };
    try {
      await putEncrypted(db, key, PRESCRIPTION_ID, 'prescription', docOf(ver, log));
      if (before?.losers.length) await dropConflicts(db);
      return { current: ver, losers: [], log: log.slice(-MAX_LOG) };
    } catch (e) {
      if ((e as { status?: number }).status !== 409 || attempt >= 3) throw e;
    }
  }
}

/**
 * Settle a conflict (any writer may, any number of times): the version in force is written again
 * with the losers in its log, and the losing revisions deleted. Returns the state after, or null
 * when there is no prescription.
 */
export async function resolvePrescription(db: PouchDatabase, key: CryptoKey): Promise<PrescriptionState | null> {
  const s = await readPrescription(db, key);
  if (!s || !s.losers.length) return s;
  const log = [...s.log, ...s.losers.map((l) => ({ ...l, replacedBy: s.current.updatedAt }))].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
  await putEncrypted(db, key, PRESCRIPTION_ID, 'prescription', docOf(s.current, log));
  await dropConflicts(db);
  return { current: s.current, losers: [], log: log.slice(-MAX_LOG) };
}
