/**
 * The pairing code (../pairing.ts is the entry) and what is derived from it. No request here.
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
 */
import { toBase64 } from '../e2e';

// --- the code ---

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DATA_CHARS = 23;
const CODE_CHARS = DATA_CHARS + 1;
const GROUP = 4;

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

export function formatCode(chars: string): string {
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

export function newCode(): string {
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

export interface Derived {
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

export async function derive(code: string): Promise<Derived> {
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

export const randomPassword = (): string => base64url(globalThis.crypto.getRandomValues(new Uint8Array(32)));
