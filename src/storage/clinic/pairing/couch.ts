/**
 * The CouchDB side of pairing (../pairing.ts is the entry): the errors every part throws, the
 * small HTTP helpers (Basic credentials only, a timeout on every request), and the server
 * settings a clinic needs.
 *
 * Errors are `PairingError`s with a `kind`: 'wrong-code' (a typo, an unknown code, or one already
 * used), 'expired', 'revoked', 'offline' (no answer: network, server down, timeout), 'denied' (the
 * server refused the credentials or rights: the physio's admin account, or a patient user that
 * exists but may not read its database), 'server' (an answer this code did not expect, or data
 * changed on the server). `PAIRING_MESSAGES` has one short English sentence per kind; the UI
 * translates by kind.
 */
import { toBase64 } from '../e2e';

export interface PhysioAccount {
  /** Base URL of the clinic's CouchDB (`http://127.0.0.1:5984`) or a same-origin path (`/clinic`). */
  server: string;
  /** The CouchDB server admin's name and password. */
  name: string;
  password: string;
  keys: CryptoKeyPair;
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

// --- HTTP ---

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

const REQUEST_TIMEOUT_MS = 20_000;

function basicAuth(name: string, password: string): string {
  return `Basic ${toBase64(new TextEncoder().encode(`${name}:${password}`))}`;
}

/** One CouchDB request. Network failure or timeout: PairingError('offline'). Never throws otherwise. */
export async function couch(server: string, method: string, path: string, auth: { name: string; password: string }, body?: unknown): Promise<Answer> {
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

export const docPath = (db: string, id: string): string => `/${encodeURIComponent(db)}/${encodeURIComponent(id)}`;
export const userDocId = (name: string): string => `org.couchdb.user:${name}`;

export function unexpected(what: string, a: Answer): PairingError {
  if (a.status === 401 || a.status === 403) return new PairingError('denied', `${what}: ${a.status} ${String(a.body.reason ?? '')}`);
  return new PairingError('server', `${what}: ${a.status} ${String(a.body.reason ?? a.body.error ?? '')}`);
}

/** For the physio's requests: anything but the expected statuses is an error ('denied' for 401/403). */
export async function adminCall(physio: PhysioAccount, method: string, path: string, ok: number[], body?: unknown): Promise<Answer> {
  const a = await couch(physio.server, method, path, physio, body);
  if (!ok.includes(a.status)) throw unexpected(`${method} ${path}`, a);
  return a;
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
