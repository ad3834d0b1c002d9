/**
 * Pairing a patient's device with their physiotherapist's clinic (issue 10), over the clinic's
 * CouchDB. Browser APIs only (fetch + WebCrypto): it runs in the app and in Node 20 tests.
 *
 * Roles. The physio is the clinic CouchDB's **server admin** (PhysioAccount: the server's base URL,
 * the admin's name and password, and the physio's ECDH P-256 key pair, ./e2e.ts). Each patient
 * has one database `rw-<patientId>` and one CouchDB user `rw-patient-<patientId>`; the database's
 * `_security` is `{ admins: [physio], members: [that user] }`, so the patient reads and writes
 * that database only, and the physio all of them.
 *
 * The code. `invitePatient` draws 23 random Crockford base32 characters (115 bits) plus one check
 * character (Damm's algorithm over GF(32): every single mistyped character and every swap of
 * two different neighbours is caught before any request), shown as six groups of four: `K7QM-2X9D-PR4T-ZN8W-HC3J-6VBF`.
 * Reading it back forgives case, spaces, dashes, and I/L for 1 and O for 0. Everything the
 * patient needs comes from the code by HKDF-SHA-256 (one `info` string each, none shared with any
 * other key in the app):
 * - the patient id (80 bits, as 16 lowercase base32 characters): the database and user names;
 * - the user's first password (256 bits), which the server sees when the patient signs in with
 *   it, as a server sees any password (it stores a pbkdf2 hash);
 * - the pairing key (AES-GCM-256), which the server never sees.
 * One-way derivation: knowing the id and the password tells nothing of the pairing key.
 *
 * What the server holds for a pending invite, in the patient's database:
 * - `pairing`: `{ type: 'pairing', v: 1, expiresAt, wrappedKey, sealed }`. `wrappedKey` is the
 *   patient's random database key wrapped with the pairing key (bound to the database name);
 *   `sealed` is `{ physioPublicKey, expiresAt, dbName }` encrypted with the pairing key, so the
 *   server can neither read nor swap the physio's public key nor move the expiry. `expiresAt` in
 *   the clear is only for the physio's clean-up.
 * - `physio-key`: the physio's public key, the database key wrapped for the physio (ECDH of the
 *   physio's own pair, so after a reload the physio gets every patient's key back from the server
 *   with their private key alone), and the label and dates encrypted with the database key.
 * The server never sees the code, the pairing key, the database key or the label.
 *
 * Redeeming (the patient, `redeemInvite`): sign in with the derived password, read `pairing`,
 * open `sealed` (refused if changed), refuse when expired, unwrap the database key, then claim
 * the invite: change the CouchDB password to a fresh random one (the code never signs in again;
 * of two devices racing with one code, the second gets CouchDB's revision conflict,
 * 'wrong-code'). Then, best effort (the device is paired whatever fails): make the patient's ECDH
 * pair, write `patient-key` (the public key plus a proof: the same key encrypted with the
 * database key, which the server cannot forge), and delete the wrapped key from `pairing`. The
 * link the patient's app keeps (PatientLink) holds the new password and the database key. Were
 * the answer to the password change lost, the new password is tried before giving up.
 *
 * Completing (the physio, `completePairing`): the invite is claimed once the patient's user
 * document has moved past its first revision (the password change). Then it deletes `pairing`,
 * checks the proof in `patient-key` with the database key, and wraps the database key for the
 * patient's public key (ECDH, for a later key change without a new code). 'waiting' until then;
 * an invite past its expiry that nobody claimed is removed (user and database) and reported as
 * 'expired'; `sweepExpiredInvites` does the same for every patient.
 *
 * Revoking (`revokePatient`): the patient leaves `_security` (members: server admins only), their
 * CouchDB user is deleted and any pending `pairing` document with it. Their next request is
 * refused (401 or 403): `checkPatientLink` and the sync say 'revoked'; they learn nothing else.
 * The database stays for the physio's records.
 *
 * Lost key. A patient who loses their device (and with it the stored link) cannot get the
 * database key back from the server: the physio revokes that link and invites again (a new
 * code, a new database; the old records stay with the physio). A physio who loses their key pair
 * loses access to every patient's key on the server: there is no back door.
 *
 * Errors are `PairingError`s with a `kind`: 'wrong-code' (a typo, an unknown code, or one already
 * used), 'expired', 'revoked', 'offline' (no answer: network, server down, timeout), 'denied' (the
 * server refused the credentials or rights: the physio's admin account, or a patient user that
 * exists but may not read its database), 'server' (an answer this code did not expect, or data
 * changed on the server). `PAIRING_MESSAGES` has one short English sentence per kind; the UI
 * translates by kind.
 */
import {
  decryptDoc,
  deriveSharedKey,
  encryptDoc,
  exportPublicKey,
  generateDatabaseKey,
  generateKeyPair,
  importPublicKey,
  toBase64,
  unwrapDatabaseKey,
  wrapDatabaseKey,
} from './e2e';

export interface PhysioAccount {
  /** Base URL of the clinic's CouchDB (`http://127.0.0.1:5984`) or a same-origin path (`/clinic`). */
  server: string;
  /** The CouchDB server admin's name and password. */
  name: string;
  password: string;
  keys: CryptoKeyPair;
}

export interface PatientInvite {
  patientId: string;
  dbName: string;
  /** The code to give the patient, formatted (`XXXX-XXXX-XXXX-XXXX-XXXX-XXXX`). */
  code: string;
  /** `<app address>#pair=<server>|<code>`. */
  link: string;
  /** ISO 8601. */
  expiresAt: string;
  label: string;
}

export interface PatientLink {
  server: string;
  patientId: string;
  dbName: string;
  /** The patient's CouchDB user name and (new, random) password. */
  name: string;
  password: string;
  /** The patient database's key (AES-GCM-256, not extractable). */
  dbKey: CryptoKey;
  physioPublicKey: JsonWebKey;
  /** The patient's ECDH key pair made at pairing (its public half is on the server). */
  keys?: CryptoKeyPair;
}

export type PairingErrorKind = 'wrong-code' | 'expired' | 'revoked' | 'offline' | 'denied' | 'server';

/** One short English sentence per kind (the UI translates by kind). */
export const PAIRING_MESSAGES: Record<PairingErrorKind, string> = {
  'wrong-code': 'This pairing code is not right: check it for a typo, or ask your physiotherapist for a new one (each code works only once).',
  expired: 'This pairing code has expired: ask your physiotherapist for a new one.',
  revoked: 'Your physiotherapist has stopped sharing with this device: your sessions stay here, and a new code from them links it again.',
  offline: 'The clinic server cannot be reached: check the connection and try again.',
  denied: 'The clinic server refused this account: check the clinic account name and password.',
  server: 'The clinic server gave an unexpected answer: try again later, and tell your physiotherapist if it keeps happening.',
};

export class PairingError extends Error {
  override readonly name = 'PairingError';
  constructor(
    readonly kind: PairingErrorKind,
    /** What happened, for logs (English, not for the person). */
    readonly detail: string = '',
  ) {
    super(PAIRING_MESSAGES[kind]);
  }
}

// --- the code ---

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DATA_CHARS = 23;
const CODE_CHARS = DATA_CHARS + 1;
const GROUP = 4;
/** Default lifetime of an invite. */
export const DEFAULT_TTL_HOURS = 72;

/** Multiplication in GF(32) (x^5 + x^2 + 1). */
function gf32mul(a: number, b: number): number {
  let r = 0;
  for (let x = a, y = b; y; y >>= 1) {
    if (y & 1) r ^= x;
    x <<= 1;
    if (x & 32) x ^= 0b100101;
  }
  return r;
}

/**
 * Damm's check over the quasigroup x∘y = 2·x + y in GF(32), which is totally anti-symmetric: the
 * check character c makes the running value 0, so every single changed character and every
 * swap of two different neighbours (the check character included) gives a non-zero value.
 */
function damm32(values: readonly number[]): number {
  let interim = 0;
  for (const v of values) interim = gf32mul(2, interim) ^ v;
  return interim;
}
const checkValue = (data: readonly number[]): number => gf32mul(2, damm32(data));

/** Upper case, no separators, I/L → 1, O → 0. Not checked. */
function normalizeCode(text: string): string {
  return text
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

function formatCode(chars: string): string {
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += GROUP) groups.push(chars.slice(i, i + GROUP));
  return groups.join('-');
}

/**
 * Whether a typed code can be right, without any request: 'ok'; 'incomplete' (too short, so far
 * no wrong character); 'typo' (a character outside the alphabet, too long, or the check
 * character does not match).
 */
export function checkPairingCode(text: string): 'ok' | 'incomplete' | 'typo' {
  const c = normalizeCode(text);
  for (const ch of c) if (!ALPHABET.includes(ch)) return 'typo';
  if (c.length < CODE_CHARS) return 'incomplete';
  if (c.length > CODE_CHARS) return 'typo';
  const values = [...c].map((ch) => ALPHABET.indexOf(ch));
  return damm32(values) === 0 ? 'ok' : 'typo';
}

function newCode(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(DATA_CHARS));
  const values = [...bytes].map((b) => b & 31); // 256 is a multiple of 32: uniform
  values.push(checkValue(values));
  return values.map((v) => ALPHABET[v]).join('');
}

/**
 * A pairing link, or a bare code, to `{ server, code }` (the code formatted; `server` is '' for a
 * bare code: the app's own clinic server). Null when the text holds no code-shaped thing or the
 * server is not an http(s) URL or an absolute path. The check character is not judged here
 * (checkPairingCode, and redeemInvite says 'wrong-code').
 */
export function parsePairingLink(text: string): { server: string; code: string } | null {
  const t = text.trim();
  const at = t.indexOf('pair=');
  let server = '';
  let codePart = t;
  if (at >= 0) {
    const value = t.slice(at + 'pair='.length).split('&')[0] ?? '';
    const bar = value.lastIndexOf('|') >= 0 ? value.lastIndexOf('|') : value.toLowerCase().lastIndexOf('%7c');
    if (bar < 0) return null;
    const sepLen = value[bar] === '|' ? 1 : 3;
    try {
      server = decodeURIComponent(value.slice(0, bar));
      codePart = decodeURIComponent(value.slice(bar + sepLen));
    } catch {
      return null;
    }
    if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(server) && !/^\/[^\s/?#][^\s?#]*$/.test(server) && server !== '') return null;
    server = server.replace(/\/+$/, '');
  }
  const code = normalizeCode(codePart);
  if (code.length !== CODE_CHARS || [...code].some((ch) => !ALPHABET.includes(ch))) return null;
  return { server, code: formatCode(code) };
}

// --- derivation ---

const enc = (s: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(s);
const HKDF_SALT = enc('rootwell-clinic-pairing-v1');
const INFO_ID = 'rootwell pairing v1 | patient id';
const INFO_PASSWORD = 'rootwell pairing v1 | couchdb password';
const INFO_KEY = 'rootwell pairing v1 | pairing key';

interface Derived {
  patientId: string;
  dbName: string;
  user: string;
  password: string;
  pairingKey: CryptoKey;
}

function base64url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base32(bytes: Uint8Array, chars: number): string {
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += ALPHABET[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
  }
  return out;
}

export const dbNameFor = (patientId: string): string => `rw-${patientId}`;
export const userNameFor = (patientId: string): string => `rw-patient-${patientId}`;

async function derive(code: string): Promise<Derived> {
  const s = globalThis.crypto.subtle;
  const data = normalizeCode(code).slice(0, DATA_CHARS);
  const ikm = await s.importKey('raw', enc(data), 'HKDF', false, ['deriveBits', 'deriveKey']);
  const bits = (info: string, n: number) => s.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: HKDF_SALT, info: enc(info) }, ikm, n);
  const patientId = base32(new Uint8Array(await bits(INFO_ID, 80)), 16).toLowerCase();
  const password = base64url(new Uint8Array(await bits(INFO_PASSWORD, 256)));
  const pairingKey = await s.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: HKDF_SALT, info: enc(INFO_KEY) },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'],
  );
  return { patientId, dbName: dbNameFor(patientId), user: userNameFor(patientId), password, pairingKey };
}

const randomPassword = (): string => base64url(globalThis.crypto.getRandomValues(new Uint8Array(32)));

// --- HTTP ---

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

const REQUEST_TIMEOUT_MS = 20_000;

function basicAuth(name: string, password: string): string {
  return `Basic ${toBase64(enc(`${name}:${password}`))}`;
}

/** One CouchDB request. Network failure or timeout: PairingError('offline'). Never throws otherwise. */
async function couch(server: string, method: string, path: string, auth: { name: string; password: string }, body?: unknown): Promise<Answer> {
  const url = `${server.replace(/\/+$/, '')}${path}`;
  let r: Response;
  try {
    r = await fetch(url, {
      method,
      headers: { Authorization: basicAuth(auth.name, auth.password), Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      // Basic only: a session cookie of another account in the same browser must not be used.
      credentials: 'omit',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (e) {
    throw new PairingError('offline', `${method} ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  let parsed: unknown = null;
  try {
    parsed = await r.json();
  } catch {
    /* not JSON: an empty body or a proxy's page */
  }
  const obj = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { value: parsed };
  return { status: r.status, body: obj };
}

const docPath = (db: string, id: string): string => `/${encodeURIComponent(db)}/${encodeURIComponent(id)}`;
const userDocId = (name: string): string => `org.couchdb.user:${name}`;

function unexpected(what: string, a: Answer): PairingError {
  if (a.status === 401 || a.status === 403) return new PairingError('denied', `${what}: ${a.status} ${String(a.body.reason ?? '')}`);
  return new PairingError('server', `${what}: ${a.status} ${String(a.body.reason ?? a.body.error ?? '')}`);
}

/** For the physio's requests: anything but the expected statuses is an error ('denied' for 401/403). */
async function adminCall(physio: PhysioAccount, method: string, path: string, ok: number[], body?: unknown): Promise<Answer> {
  const a = await couch(physio.server, method, path, physio, body);
  if (!ok.includes(a.status)) throw unexpected(`${method} ${path}`, a);
  return a;
}

// --- documents ---

const PAIRING_ID = 'pairing';
const PHYSIO_KEY_ID = 'physio-key';
const PATIENT_KEY_ID = 'patient-key';
const sealAad = (db: string) => `rootwell pairing v1 | sealed | ${db}`;
const metaAad = (db: string) => `rootwell pairing v1 | physio meta | ${db}`;
const proofAad = (db: string) => `rootwell pairing v1 | patient key | ${db}`;

interface Sealed {
  physioPublicKey: JsonWebKey;
  expiresAt: string;
  dbName: string;
}

interface PatientMeta {
  label: string;
  createdAt: string;
  expiresAt: string;
}

function jwkEqual(a: unknown, b: unknown): boolean {
  const x = a as JsonWebKey | null;
  const y = b as JsonWebKey | null;
  return !!x && !!y && x.kty === y.kty && x.crv === y.crv && x.x === y.x && x.y === y.y;
}

function validPatientId(patientId: string): boolean {
  return /^[0-9a-z]{16}$/.test(patientId);
}

function appAddress(): string {
  const loc = (globalThis as { location?: { origin?: string; pathname?: string } }).location;
  return loc?.origin && loc.origin !== 'null' ? `${loc.origin}${loc.pathname ?? '/'}` : '';
}

// --- the physio ---

/**
 * Create a patient: their database (with `_security`), their one-time user, and the pairing
 * document. Returns the invite to show (code, link) and the database key (the physio's copy is
 * also on the server, wrapped for the physio: `openPatient`).
 */
export async function invitePatient(physio: PhysioAccount, label: string, now: Date, ttlHours: number = DEFAULT_TTL_HOURS): Promise<PatientInvite & { dbKey: CryptoKey }> {
  if (!(ttlHours > 0) || !Number.isFinite(ttlHours)) throw new RangeError('ttlHours must be a positive number of hours.');
  const code = newCode();
  const d = await derive(code);
  const dbKey = await generateDatabaseKey();
  const createdAt = now.toISOString();
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000).toISOString();
  const physioPublicKey = await exportPublicKey(physio.keys.publicKey);
  const selfKey = await deriveSharedKey(physio.keys.privateKey, physio.keys.publicKey, d.dbName);

  await adminCall(physio, 'PUT', `/${d.dbName}`, [201]);
  try {
    await adminCall(physio, 'PUT', `/${d.dbName}/_security`, [200], {
      admins: { names: [physio.name], roles: [] },
      members: { names: [d.user], roles: [] },
    });
    const meta: PatientMeta = { label, createdAt, expiresAt };
    await adminCall(physio, 'PUT', docPath(d.dbName, PHYSIO_KEY_ID), [201], {
      type: PHYSIO_KEY_ID,
      physioPublicKey,
      wrappedKey: await wrapDatabaseKey(dbKey, selfKey, d.dbName),
      meta: await encryptDoc(dbKey, meta, metaAad(d.dbName)),
    });
    const sealed: Sealed = { physioPublicKey, expiresAt, dbName: d.dbName };
    await adminCall(physio, 'PUT', docPath(d.dbName, PAIRING_ID), [201], {
      type: PAIRING_ID,
      v: 1,
      expiresAt,
      wrappedKey: await wrapDatabaseKey(dbKey, d.pairingKey, d.dbName),
      sealed: await encryptDoc(d.pairingKey, sealed, sealAad(d.dbName)),
    });
    // The user last: until it exists, a half-made invite cannot be redeemed.
    await adminCall(physio, 'PUT', `/_users/${encodeURIComponent(userDocId(d.user))}`, [201], { _id: userDocId(d.user), name: d.user, password: d.password, roles: [], type: 'user' });
  } catch (e) {
    await couch(physio.server, 'DELETE', `/${d.dbName}`, physio).catch(() => undefined);
    throw e;
  }
  const formatted = formatCode(code);
  return {
    patientId: d.patientId,
    dbName: d.dbName,
    code: formatted,
    link: `${appAddress()}#pair=${encodeURIComponent(physio.server)}|${formatted}`,
    expiresAt,
    label,
    dbKey,
  };
}

/** The physio's copy of a patient's database key and label, from the server (after a reload). */
export async function openPatient(physio: PhysioAccount, patientId: string): Promise<{ patientId: string; dbName: string; dbKey: CryptoKey; label: string; createdAt: string; expiresAt: string }> {
  if (!validPatientId(patientId)) throw new PairingError('server', `Not a patient id: ${patientId.slice(0, 40)}`);
  const db = dbNameFor(patientId);
  const a = await couch(physio.server, 'GET', docPath(db, PHYSIO_KEY_ID), physio);
  if (a.status === 404) throw new PairingError('revoked', `${db} has no physio key (deleted)`);
  if (a.status !== 200) throw unexpected(`GET ${db}/${PHYSIO_KEY_ID}`, a);
  try {
    const selfKey = await deriveSharedKey(physio.keys.privateKey, physio.keys.publicKey, db);
    const dbKey = await unwrapDatabaseKey(a.body.wrappedKey, selfKey, db, { extractable: true });
    const meta = (await decryptDoc(dbKey, a.body.meta, metaAad(db))) as PatientMeta;
    return { patientId, dbName: db, dbKey, label: String(meta.label), createdAt: String(meta.createdAt), expiresAt: String(meta.expiresAt) };
  } catch (e) {
    throw new PairingError('server', `The physio key of ${db} does not open with this key pair: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Every patient id on the server (databases named `rw-…`). */
export async function listPatients(physio: PhysioAccount): Promise<string[]> {
  const a = await adminCall(physio, 'GET', '/_all_dbs', [200]);
  const all = Array.isArray(a.body.value) ? (a.body.value as unknown[]) : [];
  return all
    .filter((n): n is string => typeof n === 'string' && /^rw-[0-9a-z]{16}$/.test(n))
    .map((n) => n.slice(3))
    .sort();
}

async function deleteUser(physio: PhysioAccount, user: string): Promise<void> {
  const path = `/_users/${encodeURIComponent(userDocId(user))}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    const got = await adminCall(physio, 'GET', path, [200, 404]);
    if (got.status === 404) return;
    const del = await adminCall(physio, 'DELETE', `${path}?rev=${encodeURIComponent(String(got.body._rev))}`, [200, 404, 409]);
    if (del.status !== 409) return;
  }
  throw new PairingError('server', `The user ${user} kept changing while being deleted.`);
}

/** Remove an invite nobody redeemed: its user and its database. */
async function dropInvite(physio: PhysioAccount, patientId: string): Promise<void> {
  await deleteUser(physio, userNameFor(patientId));
  await adminCall(physio, 'DELETE', `/${dbNameFor(patientId)}`, [200, 404]);
}

/**
 * The physio's side after the patient redeemed: checks the patient's public key (its proof was
 * made with the database key), wraps the database key for it, deletes the pairing document.
 * 'waiting' until the patient redeemed; an invite expired unredeemed is removed and throws
 * PairingError('expired'); a patient revoked (or whose database is gone) throws 'revoked'.
 * Idempotent.
 */
export async function completePairing(physio: PhysioAccount, patientId: string, now: Date = new Date()): Promise<'waiting' | 'paired'> {
  if (!validPatientId(patientId)) throw new PairingError('server', `Not a patient id: ${patientId.slice(0, 40)}`);
  const db = dbNameFor(patientId);
  const sec = await adminCall(physio, 'GET', `/${db}/_security`, [200, 404]);
  if (sec.status === 404) throw new PairingError('revoked', `${db} does not exist`);
  const members = (sec.body.members as { names?: unknown } | undefined)?.names;
  if (!Array.isArray(members) || !members.includes(userNameFor(patientId))) throw new PairingError('revoked', `${userNameFor(patientId)} is no longer a member of ${db}`);
  // Claimed = the patient changed the password the code gave (the user document's revision moved on).
  const user = await adminCall(physio, 'GET', `/_users/${encodeURIComponent(userDocId(userNameFor(patientId)))}`, [200, 404]);
  if (user.status === 404) throw new PairingError('revoked', `${userNameFor(patientId)} does not exist`);
  if (String(user.body._rev).startsWith('1-')) {
    const pairing = await adminCall(physio, 'GET', docPath(db, PAIRING_ID), [200, 404]);
    const expiresAt = Date.parse(String(pairing.body.expiresAt));
    if (pairing.status === 200 && !(now.getTime() < expiresAt)) {
      await dropInvite(physio, patientId);
      throw new PairingError('expired', `The invite ${db} expired on ${String(pairing.body.expiresAt)} unredeemed: removed.`);
    }
    return 'waiting';
  }
  const pairing = await adminCall(physio, 'GET', docPath(db, PAIRING_ID), [200, 404]);
  if (pairing.status === 200) await adminCall(physio, 'DELETE', `${docPath(db, PAIRING_ID)}?rev=${encodeURIComponent(String(pairing.body._rev))}`, [200, 404, 409]);
  const key = await adminCall(physio, 'GET', docPath(db, PATIENT_KEY_ID), [200, 404]);
  if (key.status === 404 || key.body.wrappedKey !== undefined) return 'paired';
  const { dbKey } = await openPatient(physio, patientId);
  let patientPublic: CryptoKey;
  try {
    const proof = await decryptDoc(dbKey, key.body.proof, proofAad(db));
    if (!jwkEqual((proof as { publicKey?: unknown }).publicKey, key.body.publicKey)) throw new Error('the proof names another key');
    patientPublic = await importPublicKey(key.body.publicKey);
  } catch (e) {
    throw new PairingError('server', `The patient key in ${db} is not the patient's: ${e instanceof Error ? e.message : String(e)}`);
  }
  const shared = await deriveSharedKey(physio.keys.privateKey, patientPublic, db);
  const updated = { ...key.body, wrappedKey: await wrapDatabaseKey(dbKey, shared, db), physioPublicKey: await exportPublicKey(physio.keys.publicKey) };
  await adminCall(physio, 'PUT', docPath(db, PATIENT_KEY_ID), [201, 409], updated);
  return 'paired';
}

/** Remove every invite that expired unredeemed (user and database). Returns their patient ids. */
export async function sweepExpiredInvites(physio: PhysioAccount, now: Date): Promise<string[]> {
  const removed: string[] = [];
  for (const id of await listPatients(physio)) {
    const pairing = await adminCall(physio, 'GET', docPath(dbNameFor(id), PAIRING_ID), [200, 404]);
    if (pairing.status !== 200 || pairing.body.wrappedKey === undefined) continue;
    const user = await adminCall(physio, 'GET', `/_users/${encodeURIComponent(userDocId(userNameFor(id)))}`, [200, 404]);
    if (user.status === 200 && !String(user.body._rev).startsWith('1-')) continue; // claimed
    if (now.getTime() >= Date.parse(String(pairing.body.expiresAt))) {
      await dropInvite(physio, id);
      removed.push(id);
    }
  }
  return removed;
}

/**
 * Stop sharing with a patient: they leave `_security` (members: server admins only), their
 * CouchDB user and any pending pairing document are deleted. The database and its records stay.
 */
export async function revokePatient(physio: PhysioAccount, patientId: string): Promise<void> {
  if (!validPatientId(patientId)) throw new PairingError('server', `Not a patient id: ${patientId.slice(0, 40)}`);
  const db = dbNameFor(patientId);
  const sec = await adminCall(physio, 'PUT', `/${db}/_security`, [200, 404], {
    admins: { names: [physio.name], roles: [] },
    members: { names: [], roles: ['_admin'] },
  });
  await deleteUser(physio, userNameFor(patientId));
  if (sec.status === 200) {
    const pairing = await adminCall(physio, 'GET', docPath(db, PAIRING_ID), [200, 404]);
    if (pairing.status === 200) await adminCall(physio, 'DELETE', `${docPath(db, PAIRING_ID)}?rev=${encodeURIComponent(String(pairing.body._rev))}`, [200, 404, 409]);
  }
}

// --- the patient ---

/**
 * Redeem a code on the patient's device. `server`: the clinic server's base URL (from the link,
 * or the app's own). Throws a PairingError: 'wrong-code' (typo: before any request; unknown,
 * already used, or removed), 'expired', 'revoked', 'offline', 'denied', 'server'.
 */
export async function redeemInvite(server: string, code: string, now: Date): Promise<PatientLink> {
  if (checkPairingCode(code) !== 'ok') throw new PairingError('wrong-code', 'The check character does not match (a typo).');
  const d = await derive(code);
  const first = { name: d.user, password: d.password };

  const got = await couch(server, 'GET', docPath(d.dbName, PAIRING_ID), first);
  if (got.status === 401) throw new PairingError('wrong-code', 'The code does not sign in (unknown, used, or removed).');
  if (got.status === 403) throw new PairingError('revoked', 'The code signs in but may not read its database.');
  if (got.status === 404) throw new PairingError('wrong-code', 'No pairing document: already used.');
  if (got.status !== 200) throw unexpected('GET pairing', got);
  if (got.body.wrappedKey === undefined) throw new PairingError('wrong-code', 'The pairing document was already used.');

  let sealed: Sealed;
  try {
    sealed = (await decryptDoc(d.pairingKey, got.body.sealed, sealAad(d.dbName))) as Sealed;
    if (sealed.dbName !== d.dbName || typeof sealed.expiresAt !== 'string') throw new Error('sealed for another database');
  } catch (e) {
    throw new PairingError('server', `The pairing document was changed on the server: ${e instanceof Error ? e.message : String(e)}`);
  }
  const expires = Date.parse(sealed.expiresAt);
  if (!(now.getTime() < expires)) throw new PairingError('expired', `Expired on ${sealed.expiresAt}.`);

  let dbKey: CryptoKey;
  let physioPublic: CryptoKey;
  try {
    dbKey = await unwrapDatabaseKey(got.body.wrappedKey, d.pairingKey, d.dbName);
    physioPublic = await importPublicKey(sealed.physioPublicKey);
  } catch (e) {
    throw new PairingError('server', `The pairing keys do not open: ${e instanceof Error ? e.message : String(e)}`);
  }
  void physioPublic;

  // The claim: a fresh random password, so the code never signs in again. CouchDB's revision
  // check makes it atomic: of two devices racing with one code, the second gets a conflict.
  const password = randomPassword();
  const userPath = `/_users/${encodeURIComponent(userDocId(d.user))}`;
  const userDoc = await couch(server, 'GET', userPath, first);
  if (userDoc.status === 401) throw new PairingError('wrong-code', 'The code stopped signing in (used on another device).');
  if (userDoc.status !== 200) throw unexpected('GET own user', userDoc);
  const { derived_key: _dk, salt: _salt, iterations: _it, password_scheme: _ps, password_sha: _sha, ...rest } = userDoc.body;
  let changed: Answer;
  try {
    changed = await couch(server, 'PUT', userPath, first, { ...rest, password });
  } catch (e) {
    // No answer: the change may have happened. The new password tells.
    const probe = await couch(server, 'GET', '/_session', { name: d.user, password }).catch(() => null);
    if (probe?.status !== 200 || (probe.body.userCtx as { name?: unknown } | undefined)?.name !== d.user) throw e;
    changed = { status: 201, body: {} };
  }
  if (changed.status === 401 || changed.status === 409) throw new PairingError('wrong-code', 'Another device redeemed this code at the same time.');
  if (changed.status !== 201) throw unexpected('PUT own user', changed);
  const auth = { name: d.user, password };

  // From here on the device is paired, whatever fails: the rest is best effort, and the link is
  // returned. The patient's key pair, its public half on the server with a proof only a holder
  // of the database key can make (the physio wraps the key for it: a later key change needs no
  // new code).
  const keys = await generateKeyPair();
  const publicKey = await exportPublicKey(keys.publicKey);
  const keyDoc = { type: PATIENT_KEY_ID, publicKey, proof: await encryptDoc(dbKey, { publicKey }, proofAad(d.dbName)) };
  for (let attempt = 0; attempt < 3; attempt++) {
    const put = await couch(server, 'PUT', docPath(d.dbName, PATIENT_KEY_ID), auth, keyDoc).catch(() => null);
    if (put?.status === 201 || put?.status === 409) break;
  }
  // The wrapped key leaves the server (it opens only with the code, which no longer signs in;
  // the physio's completePairing deletes the document anyway).
  await couch(server, 'PUT', docPath(d.dbName, PAIRING_ID), auth, { _id: PAIRING_ID, _rev: got.body._rev, type: PAIRING_ID, v: 1, expiresAt: got.body.expiresAt, redeemed: true }).catch(() => undefined);
  return { server, patientId: d.patientId, dbName: d.dbName, name: d.user, password, dbKey, physioPublicKey: sealed.physioPublicKey, keys };
}

/**
 * Whether a stored link still works: 'paired', or a PairingError: 'revoked' (the user or its
 * rights were removed, or the database deleted), 'offline', 'server'.
 */
export async function checkPatientLink(link: Pick<PatientLink, 'server' | 'dbName' | 'name' | 'password'>): Promise<'paired'> {
  const a = await couch(link.server, 'GET', `/${encodeURIComponent(link.dbName)}`, link);
  if (a.status === 200) return 'paired';
  if (a.status === 401 || a.status === 403 || a.status === 404) throw new PairingError('revoked', `${a.status} ${String(a.body.reason ?? '')}`);
  throw unexpected('GET db', a);
}

// --- production ---

/**
 * The Apache CouchDB 3 settings a clinic needs (a file in `etc/local.d/`, or the same keys through
 * `/_node/_local/_config`), for the app served at `appOrigin` (the app's https origin). Omit
 * `appOrigin` when a reverse proxy serves the app and CouchDB on one origin (no CORS then).
 */
export function productionCouchConfig(appOrigin?: string): string {
  const lines = [
    '[chttpd]',
    '; no request from anonymous users (the app always sends Basic credentials)',
    'require_valid_user = true',
  ];
  if (appOrigin) lines.push('enable_cors = true');
  lines.push(
    '',
    '[couchdb]',
    '; new databases are closed to all but server admins until _security says otherwise (the 3.x default)',
    'default_security = admin_only',
    '; one document is one set, encrypted: a 10-minute set is about 4.3 MB, the default limit 8 MB',
    'max_document_size = 67108864',
    '',
    '[admins]',
    '; the physiotherapist is the only server admin (CouchDB replaces this with a hash on start)',
    '; physio = <a long password>',
  );
  if (appOrigin) {
    lines.push(
      '',
      '[cors]',
      `origins = ${appOrigin}`,
      'credentials = true',
      'methods = GET, PUT, POST, HEAD, DELETE',
      'headers = accept, authorization, content-type, origin, referer',
    );
  }
  return lines.join('\n') + '\n';
}
