/**
 * The physio's side of pairing (../pairing.ts is the entry): invite, complete, list, open, sweep
 * and revoke patients.
 *
 * Roles. The physio is the clinic CouchDB's **server admin** (PhysioAccount: the server's base URL,
 * the admin's name and password, and the physio's ECDH P-256 key pair, ../e2e.ts). Each patient
 * has one database `rw-<patientId>` and one CouchDB user `rw-patient-<patientId>`; the database's
 * `_security` is `{ admins: [physio], members: [that user] }`, so the patient reads and writes
 * that database only, and the physio all of them.
 *
 * Completing (`completePairing`): the invite is claimed once the patient's user document has
 * moved past its first revision (the password change). Then it deletes `pairing`, checks the
 * proof in `patient-key` with the database key, and wraps the database key for the patient's
 * public key (ECDH, for a later key change without a new code). 'waiting' until then; an invite
 * past its expiry that nobody claimed is removed (user and database) and reported as 'expired';
 * `sweepExpiredInvites` does the same for every patient.
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
 */
import { decryptDoc, deriveSharedKey, encryptDoc, exportPublicKey, generateDatabaseKey, importPublicKey, unwrapDatabaseKey, wrapDatabaseKey } from '../e2e';
import { dbNameFor, derive, formatCode, newCode, userNameFor } from './code';
import { adminCall, couch, docPath, PairingError, type PhysioAccount, unexpected, userDocId } from './couch';
import { metaAad, PAIRING_ID, PATIENT_KEY_ID, type PatientMeta, PHYSIO_KEY_ID, proofAad, sealAad, type Sealed } from './documents';

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

/** Default lifetime of an invite. */
export const DEFAULT_TTL_HOURS = 72;

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
