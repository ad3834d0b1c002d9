/**
 * What this device keeps for the clinic, in its own IndexedDB database (`rootwell-clinic`): the
 * patient's link (PatientLink: the server, the database, the CouchDB user and password, and the
 * database key, a non-extractable CryptoKey kept as it is: IndexedDB stores CryptoKeys without
 * ever exposing their bytes) and the physio's ECDH key pair per server and account. Nothing here
 * leaves the device; failures are values (null / false), never exceptions.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { generateKeyPair } from './e2e';
import type { PatientLink } from './pairing';

interface Schema extends DBSchema {
  kv: { key: string; value: unknown };
}

const LINK = 'patient-link';
const physioKeyId = (server: string, name: string): string => `physio-keys|${server}|${name}`;

let opened: Promise<IDBPDatabase<Schema>> | null = null;
function db(): Promise<IDBPDatabase<Schema>> {
  opened ??= openDB<Schema>('rootwell-clinic', 1, { upgrade: (d) => void d.createObjectStore('kv') });
  opened.catch(() => (opened = null));
  return opened;
}

export async function loadLink(): Promise<PatientLink | null> {
  try {
    const v = (await (await db()).get('kv', LINK)) as PatientLink | undefined;
    return v && typeof v.dbName === 'string' && v.dbKey ? v : null;
  } catch {
    return null;
  }
}

export async function saveLink(link: PatientLink): Promise<boolean> {
  try {
    await (await db()).put('kv', link, LINK);
    return true;
  } catch {
    return false;
  }
}

export async function dropLink(): Promise<void> {
  try {
    await (await db()).delete('kv', LINK);
  } catch {
    /* nothing stored */
  }
}

/**
 * The physio's key pair for this server and account on this browser, made the first time (the
 * private key is not extractable). Another browser makes another pair, which cannot open the
 * patients invited from here (pairing.ts: no back door).
 */
export async function physioKeys(server: string, name: string): Promise<{ keys: CryptoKeyPair; created: boolean }> {
  const id = physioKeyId(server, name);
  try {
    const d = await db();
    const old = (await d.get('kv', id)) as CryptoKeyPair | undefined;
    if (old?.privateKey && old.publicKey) return { keys: old, created: false };
    const keys = await generateKeyPair();
    await d.put('kv', keys, id);
    return { keys, created: true };
  } catch {
    return { keys: await generateKeyPair(), created: true };
  }
}

const OPENED_KEY = 'rootwell.clinic.opened.v1';

/** Sessions opened from the clinic view on this computer (another patient's): never mirrored as this device's own. */
export function openedFromClinic(store: Storage | null = globalThis.localStorage ?? null): Set<string> {
  try {
    const v = JSON.parse(store?.getItem(OPENED_KEY) ?? '[]') as unknown;
    return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

export function markOpenedFromClinic(id: string, store: Storage | null = globalThis.localStorage ?? null): void {
  const all = openedFromClinic(store);
  all.add(id);
  try {
    store?.setItem(OPENED_KEY, JSON.stringify([...all].slice(-5000)));
  } catch {
    /* full: at worst this computer, if paired as a patient's, would share it with its own physio, encrypted */
  }
}

/** This device's id for the prescription's conflict rule (random, kept in localStorage). */
export function deviceId(store: Storage | null = globalThis.localStorage ?? null): string {
  const KEY = 'rootwell.clinic.device.v1';
  try {
    const old = store?.getItem(KEY);
    if (old && /^[A-Za-z0-9-]{8,80}$/.test(old)) return old;
    const id = `dev-${globalThis.crypto.randomUUID()}`;
    store?.setItem(KEY, id);
    return id;
  } catch {
    return 'dev-unknown';
  }
}

/** A clinic server's database as an absolute URL ('' or a path: this app's origin, through its /clinic proxy). */
export function databaseUrl(server: string, dbName: string, base: string = globalThis.location?.href ?? 'http://127.0.0.1/'): string {
  const s = (server || '/clinic').replace(/\/+$/, '');
  return new URL(`${s}/${encodeURIComponent(dbName)}`, base).href;
}
