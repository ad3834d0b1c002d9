/**
 * The patient's side of pairing (../pairing.ts is the entry): redeem a code, check a stored link.
 *
 * Redeeming (`redeemInvite`): sign in with the derived password, read `pairing`, open `sealed`
 * (refused if changed), refuse when expired, unwrap the database key, then claim the invite:
 * change the CouchDB password to a fresh random one (the code never signs in again; of two
 * devices racing with one code, the second gets CouchDB's revision conflict, 'wrong-code').
 * Then, best effort (the device is paired whatever fails): make the patient's ECDH pair, write
 * `patient-key` (the public key plus a proof: the same key encrypted with the database key,
 * which the server cannot forge), and delete the wrapped key from `pairing`. The link the
 * patient's app keeps (PatientLink) holds the new password and the database key. Were the answer
 * to the password change lost, the new password is tried before giving up.
 */
import { decryptDoc, encryptDoc, exportPublicKey, generateKeyPair, importPublicKey, unwrapDatabaseKey } from '../e2e';
import { checkPairingCode, derive, randomPassword } from './code';
import { type Answer, couch, docPath, PairingError, unexpected, userDocId } from './couch';
import { PAIRING_ID, PATIENT_KEY_ID, proofAad, sealAad, type Sealed } from './documents';

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
  if (changed.status !== 201) {
    // A claim refused some other way in a race (the server's own conflict handling): if the code
    // no longer signs in, another device has it.
    const still = await couch(server, 'GET', '/_session', first).catch(() => null);
    if (still?.status === 401) throw new PairingError('wrong-code', 'Another device redeemed this code at the same time.');
    throw unexpected('PUT own user', changed);
  }
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
