/**
 * The clinic store's databases in the app: PouchDB on IndexedDB (pouchdb-browser) locally, and the
 * patient's database on the clinic's CouchDB over http(s). Loaded only by the clinic screens
 * (not built yet), so the app's other screens do not carry PouchDB.
 */
import PouchDB from 'pouchdb-browser';
import type { PouchDatabase } from './pouch-types';

/** The local copy of one patient's database (on the patient's device, or one per patient on the physio's). */
export function openLocal(name: string): PouchDatabase {
  // No auto-compaction: an older revision's body is what ClinicStore falls back to when a newer
  // one, written by a hostile or broken server, is refused.
  return new PouchDB(`rootwell-clinic-${name}`, { adapter: 'idb', auto_compaction: false });
}

/** A database on the clinic's CouchDB (its address, then `/patient-…`), with its credentials. */
export function openRemote(url: string, auth: { username: string; password: string }): PouchDatabase {
  return new PouchDB(url, { auth, skip_setup: true });
}
