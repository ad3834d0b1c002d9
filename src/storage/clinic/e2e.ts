/**
 * End-to-end encryption for the clinic (issue 10): what the CouchDB server stores is only
 * ciphertext. WebCrypto only (`globalThis.crypto.subtle`: browsers and Node 20 both have it); no
 * crypto library, no DOM.
 *
 * The keys:
 * - each party (the physio, each patient's device) has an **ECDH P-256 key pair**; only the public
 *   half ever leaves the device (as a JWK, exchanged at pairing);
 * - each patient database has one random **database key** (AES-GCM-256) that encrypts its
 *   documents;
 * - the database key is **wrapped** for each party with a key both ends can derive from ECDH:
 *   HKDF-SHA-256 over the ECDH secret, with an info string naming the database (a key derived
 *   for one database is useless for another), giving an AES-GCM-256 wrapping key. The wrapped
 *   key's AES-GCM additional data is the database name too, so a wrapped key moved to another
 *   database does not unwrap.
 *
 * Documents: `encryptDoc` = JSON → UTF-8 → AES-GCM with a fresh random 96-bit IV each time, as
 * `{ v: 1, iv, ct }` (base64). The optional additional data (the document's `_id` in sync.ts)
 * binds a ciphertext to its document: a server that swaps two documents' bodies is caught.
 * `decryptDoc` throws an `E2eError` (never a bare DOMException) on a wrong key, tampered data or
 * a malformed envelope.
 *
 * Lost key: a patient who loses their device (and so their private key) can no longer derive the
 * wrapping key; the physio still can, and can wrap the database key again for the patient's new
 * key pair at a new pairing. If both lose their keys, the records on the server are unreadable
 * for good: there is no back door, by design.
 */

/** Why decrypting or unwrapping failed. */
export type E2eErrorKind =
  /** AES-GCM authentication failed: the wrong key, or the data (or its additional data) changed. */
  | 'wrong-key-or-tampered'
  /** Not an envelope this code wrote (missing fields, bad base64, wrong IV length). */
  | 'malformed'
  /** An envelope version this app does not know (a newer app wrote it). */
  | 'unsupported-version'
  /** Decrypted, but the plaintext is not JSON (cannot happen without the key: a bug). */
  | 'not-json'
  /** A public key that is not an ECDH P-256 key. */
  | 'bad-public-key';

export class E2eError extends Error {
  override readonly name = 'E2eError';
  constructor(
    readonly kind: E2eErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** An encrypted document body. */
export interface EncryptedDoc {
  v: 1;
  /** 12 random bytes, base64. */
  iv: string;
  /** AES-GCM ciphertext with its 16-byte tag, base64. */
  ct: string;
}

/** A database key wrapped for one party. */
export interface WrappedKey {
  v: 1;
  alg: 'A256GCM';
  iv: string;
  ct: string;
}

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const IV_BYTES = 12;
/** HKDF salt: fixed and public (the ECDH secret is the secret); it names the scheme's version. */
const HKDF_SALT = new TextEncoder().encode('rootwell-clinic-e2e-v1');

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('WebCrypto is not available here (it needs a secure context: https or localhost).');
  return s;
}

// --- base64 (no Buffer: this runs in the browser too) ---

const CHUNK = 0x8000;

export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const bin = atob(text); // throws on characters outside the alphabet
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function decodeField(value: unknown, what: string): Uint8Array<ArrayBuffer> {
  if (typeof value !== 'string' || value.length === 0) throw new E2eError('malformed', `Encrypted data has no ${what}.`);
  try {
    return fromBase64(value);
  } catch {
    throw new E2eError('malformed', `Encrypted data's ${what} is not base64.`);
  }
}

const utf8 = (s: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(s);

// --- key pairs ---

/**
 * A new ECDH P-256 key pair. The private key is not extractable unless asked (it can still be
 * kept in IndexedDB: a CryptoKey is structured-cloneable).
 */
export async function generateKeyPair(options: { extractable?: boolean } = {}): Promise<CryptoKeyPair> {
  const pair = (await subtle().generateKey(ECDH, options.extractable ?? false, ['deriveBits'])) as CryptoKeyPair;
  return pair;
}

/** The public key as a JWK (what is exchanged at pairing). */
export async function exportPublicKey(publicKey: CryptoKey): Promise<JsonWebKey> {
  const jwk = await subtle().exportKey('jwk', publicKey);
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
}

/** A peer's public key from its JWK; an E2eError when it is not an ECDH P-256 public key. */
export async function importPublicKey(jwk: unknown): Promise<CryptoKey> {
  const j = jwk as JsonWebKey | null;
  if (typeof j !== 'object' || j === null || j.kty !== 'EC' || j.crv !== 'P-256' || typeof j.x !== 'string' || typeof j.y !== 'string' || 'd' in j) {
    throw new E2eError('bad-public-key', 'This is not a Rootwell public key (ECDH P-256).');
  }
  try {
    return await subtle().importKey('jwk', { kty: 'EC', crv: 'P-256', x: j.x, y: j.y, ext: true }, ECDH, true, []);
  } catch {
    throw new E2eError('bad-public-key', 'This public key is damaged (not a point on P-256).');
  }
}

/** The HKDF info string for a database: a key derived for one database is useless for another. */
export function contextInfo(database: string): string {
  return `rootwell clinic v1 | database ${database}`;
}

/**
 * The AES-GCM-256 key both parties derive: ECDH(my private, their public) → HKDF-SHA-256 (salt
 * fixed, info = contextInfo(database)). Used to wrap the database key (and usable to encrypt
 * directly). Not extractable.
 */
export async function deriveSharedKey(myPrivateKey: CryptoKey, peerPublicKey: CryptoKey, database: string): Promise<CryptoKey> {
  const s = subtle();
  const secret = await s.deriveBits({ name: 'ECDH', public: peerPublicKey }, myPrivateKey, 256);
  const hkdf = await s.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  return s.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: HKDF_SALT, info: utf8(contextInfo(database)) },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'],
  );
}

// --- the database key ---

/** A new random database key (AES-GCM-256). Extractable only so that it can be wrapped. */
export async function generateDatabaseKey(): Promise<CryptoKey> {
  return subtle().generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
}

/** The database key wrapped with a shared key, bound (AES-GCM additional data) to the database name. */
export async function wrapDatabaseKey(databaseKey: CryptoKey, wrappingKey: CryptoKey, database: string): Promise<WrappedKey> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ct = await subtle().wrapKey('raw', databaseKey, wrappingKey, { name: 'AES-GCM', iv, additionalData: utf8(contextInfo(database)) });
  return { v: 1, alg: 'A256GCM', iv: toBase64(iv), ct: toBase64(new Uint8Array(ct)) };
}

/**
 * The database key from its wrapped form. Not extractable unless asked (the physio, who wraps it
 * again for a patient's new device, asks). E2eError on a wrong key, another database's wrapped key,
 * or tampering.
 */
export async function unwrapDatabaseKey(
  wrapped: unknown,
  wrappingKey: CryptoKey,
  database: string,
  options: { extractable?: boolean } = {},
): Promise<CryptoKey> {
  const w = wrapped as Partial<WrappedKey> | null;
  if (typeof w !== 'object' || w === null) throw new E2eError('malformed', 'The wrapped key is missing.');
  if (w.v !== 1 || w.alg !== 'A256GCM') throw new E2eError('unsupported-version', `Unknown wrapped key format (${String(w.v)}, ${String(w.alg)}).`);
  const iv = decodeField(w.iv, 'IV');
  const ct = decodeField(w.ct, 'ciphertext');
  if (iv.length !== IV_BYTES) throw new E2eError('malformed', 'The wrapped key has an IV of the wrong length.');
  try {
    return await subtle().unwrapKey(
      'raw',
      ct,
      wrappingKey,
      { name: 'AES-GCM', iv, additionalData: utf8(contextInfo(database)) },
      { name: 'AES-GCM', length: 256 },
      options.extractable ?? false,
      ['encrypt', 'decrypt'],
    );
  } catch {
    throw new E2eError('wrong-key-or-tampered', 'This key could not be opened: it was wrapped for someone else or another database, or it was changed.');
  }
}

// --- documents ---

/**
 * Encrypt a JSON value: `{ v: 1, iv, ct }`, a fresh random 96-bit IV every call. `aad` (additional
 * data, e.g. the document id) is authenticated but not stored: decrypt needs the same.
 */
export async function encryptDoc(key: CryptoKey, plain: unknown, aad?: string): Promise<EncryptedDoc> {
  const json = JSON.stringify(plain);
  if (json === undefined) throw new TypeError('encryptDoc: the value is not JSON-serialisable.');
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const params: AesGcmParams = aad === undefined ? { name: 'AES-GCM', iv } : { name: 'AES-GCM', iv, additionalData: utf8(aad) };
  const ct = await subtle().encrypt(params, key, utf8(json));
  return { v: 1, iv: toBase64(iv), ct: toBase64(new Uint8Array(ct)) };
}

/**
 * Decrypt what encryptDoc wrote (with the same `aad`). Throws an E2eError: 'wrong-key-or-tampered'
 * (GCM authentication failed), 'malformed', 'unsupported-version' or 'not-json'.
 */
export async function decryptDoc(key: CryptoKey, enc: unknown, aad?: string): Promise<unknown> {
  const e = enc as Partial<EncryptedDoc> | null;
  if (typeof e !== 'object' || e === null || Array.isArray(e)) throw new E2eError('malformed', 'Encrypted data is missing.');
  if (e.v !== 1) throw new E2eError('unsupported-version', `Unknown encrypted data format (${String(e.v)}).`);
  const iv = decodeField(e.iv, 'IV');
  const ct = decodeField(e.ct, 'ciphertext');
  if (iv.length !== IV_BYTES) throw new E2eError('malformed', 'Encrypted data has an IV of the wrong length.');
  if (ct.length < 16) throw new E2eError('malformed', 'Encrypted data is too short to be AES-GCM.');
  const params: AesGcmParams = aad === undefined ? { name: 'AES-GCM', iv } : { name: 'AES-GCM', iv, additionalData: utf8(aad) };
  let plain: ArrayBuffer;
  try {
    plain = await subtle().decrypt(params, key, ct);
  } catch {
    throw new E2eError('wrong-key-or-tampered', 'This data could not be decrypted: it was encrypted with another key, or it was changed.');
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain)) as unknown;
  } catch {
    throw new E2eError('not-json', 'Decrypted data is not JSON.');
  }
}
