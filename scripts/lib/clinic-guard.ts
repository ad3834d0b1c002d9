/**
 * The clinic dev server's security guard (scripts/clinic-server.ts): a request handler put in
 * front of express-pouchdb that enforces CouchDB 3's per-database security, which express-pouchdb
 * 4.2 does not (its `_bulk_get` ignores `_security`, `_all_dbs` is open, a non-admin creating or
 * deleting a database crashes it, a non-admin reading `_users` gets a 500, and a member may write
 * `_local/_security`, i.e. rewrite the database's members, or a user change their own roles).
 *
 * Every request is authenticated first, the way express-pouchdb (and CouchDB) does it: the
 * `AuthSession` cookie from `POST /_session`, else HTTP Basic, checked against `_users` (and the
 * configured server admins) through express-pouchdb's own pouchdb-auth database. Then:
 *
 * - anonymous: only `GET /_up`; anything else is 401, `/_session` included (CouchDB's
 *   `[chttpd] require_valid_user = true`: a cookie is had by `POST /_session` with Basic
 *   credentials). A wrong name or password is 401 on every route.
 * - `/_users`: a user may GET and PUT their own `org.couchdb.user:NAME` document only, with the
 *   same name, type and roles (changing the password is the point); another user's document is
 *   404 on read (existence is not told) and 403 otherwise; every other route of `_users` is 403.
 * - every other name starting with `_` at the top (`_all_dbs`, `_dbs_info`, `_replicate`,
 *   `_config`, `_active_tasks`, `_replicator`, ...): server admins only (403), except
 *   `_session`, `_uuids` and `_up`.
 * - `/{db}` and everything under it (documents, `_all_docs`, `_changes`, `_bulk_get`,
 *   `_bulk_docs`, `_revs_diff`, `_local`, `_find`, `_design`, attachments, ...): server admin, or
 *   a name or role in the database's `_security` admins or members; otherwise 403 (404 when the
 *   database does not exist, as CouchDB). Stricter than CouchDB on one point: a database whose
 *   `_security` members are empty is NOT public here (CouchDB 3 makes it readable to every
 *   user); databases created on this server have no members until an admin sets them.
 * - server admins only: creating and deleting databases (`PUT`/`DELETE /{db}`).
 * - database admins (or server admins) only: `PUT /{db}/_security`, writing `_design/` documents
 *   (directly, through `_bulk_docs`, `POST /{db}` or `COPY`), `_index` writes, `_compact`,
 *   `_view_cleanup`, `_purge`, `_temp_view`, `PUT _revs_limit`.
 * - nobody but a server admin touches `_local/_security` (where this server keeps `_security`).
 *
 * `_changes` with a design-document filter (or `_view`) is refused for everyone (400): express-
 * pouchdb leaves an unhandled rejection behind when that design document is missing.
 *
 * Answers are CouchDB's shapes: `{ error, reason }` with 401 when the request is not
 * authenticated, 403 when the user is known but not allowed (CouchDB 3 answers 401 "You are not
 * a server admin." for some admin-only routes; 403 here for every refusal of a known user), 404,
 * 400 for a malformed path or JSON body. Nothing throws past the handler: a failure inside is a
 * 500 answer, never a crash.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface UserCtx {
  name: string | null;
  roles: string[];
}

interface SecurityObject {
  admins?: { names?: unknown; roles?: unknown };
  members?: { names?: unknown; roles?: unknown };
}

/** The pouchdb-auth methods express-pouchdb installs on its `_users` database. */
interface AuthUsersDb {
  multiUserLogIn(name: string, password: string): Promise<{ name: string; roles: string[] }>;
  multiUserSession(sessionID?: string): Promise<{ userCtx: UserCtx }>;
  get(id: string): Promise<Record<string, unknown>>;
}

interface LocalDb {
  get(id: string): Promise<Record<string, unknown>>;
}

/** The PouchDB constructor after express-pouchdb started (pouchdb-all-dbs installed). */
export interface GuardPouch {
  new (name: string): LocalDb;
  allDbs(): Promise<string[]>;
}

export interface GuardApp {
  (req: IncomingMessage, res: ServerResponse): void;
}

export interface GuardOptions {
  /** No server admin configured: every request is an admin (CouchDB's "admin party"). */
  adminParty: boolean;
  /** The auth-enabled `_users` database (express-pouchdb's own, so the same rules and hashes). */
  usersDb: () => Promise<AuthUsersDb>;
  Pouch: GuardPouch;
  /** Origins allowed by CORS (credentials included); none = no CORS headers. */
  corsOrigins?: readonly string[];
}

const USERS_DB = '_users';
const USER_PREFIX = 'org.couchdb.user:';
/** CouchDB's rule for database names (without '/', which this server's file names cannot hold). */
const DB_NAME_RE = /^[a-z][a-z0-9_$()+-]{0,237}$/;
/** Top-level `_` routes any authenticated user may call. */
const OPEN_TOP = new Set(['_session', '_uuids', '_up']);
/** Sub-routes of a database only its admins (or server admins) may call, whatever the method. */
const DB_ADMIN_ROUTES = new Set(['_compact', '_view_cleanup', '_purge', '_temp_view']);
/**
 * Body size this guard parses to look for design documents in a member's `_bulk_docs` (a
 * replication batch of 4 ten-minute sets is ~17 MB); about the longest string V8 makes.
 */
const MAX_BODY = 500 * 1024 * 1024;
const USERS_MAX_BODY = 64 * 1024;

const cleanFilename = require('express-pouchdb/lib/clean-filename') as (name: string) => string;

class Refusal {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly reason: string,
  ) {}
}

const unauthenticated = (): Refusal => new Refusal(401, 'unauthorized', 'Authentication required.');
const forbidden = (reason: string): Refusal => new Refusal(403, 'forbidden', reason);
const badRequest = (reason: string): Refusal => new Refusal(400, 'bad_request', reason);

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body) + '\n';
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.setHeader('Cache-Control', 'must-revalidate');
  res.end(text);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
}

function inGroup(user: UserCtx, group: { names?: unknown; roles?: unknown } | undefined): boolean {
  if (!group || typeof group !== 'object') return false;
  if (user.name !== null && strings(group.names).includes(user.name)) return true;
  const roles = strings(group.roles);
  return user.roles.some((r) => roles.includes(r));
}

function headerValue(h: string | string[] | undefined): string | undefined {
  return Array.isArray(h) ? h[0] : h;
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  const header = headerValue(req.headers.cookie);
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

function basicCredentials(req: IncomingMessage): { name: string; password: string } | null {
  const header = headerValue(req.headers.authorization);
  const m = header ? /^\s*basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(header) : null;
  if (!m?.[1]) return null;
  const text = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  return { name: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** Read the request body (at most `max` bytes) and parse it as JSON. */
async function readJson(req: IncomingMessage, max: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw new Refusal(413, 'too_large', 'The request body is too large.');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('invalid UTF-8 JSON');
  }
}

/** Hand a body already read to express-pouchdb: body-parser skips a request marked parsed. */
function setParsedBody(req: IncomingMessage, body: unknown): void {
  const r = req as IncomingMessage & { body?: unknown; _body?: boolean };
  r.body = body ?? {};
  r._body = true;
}

const isSpecialDocId = (id: string): boolean => id.startsWith('_design/') || id.startsWith('_local/') || id === '_design' || id === '_local';

/** Make the guarded handler. */
export function guardClinicServer(app: GuardApp, options: GuardOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const handles = new Map<string, LocalDb>();
  const dbHandle = (name: string): LocalDb => {
    let db = handles.get(name);
    if (!db) {
      db = new options.Pouch(name);
      handles.set(name, db);
    }
    return db;
  };

  async function authenticate(req: IncomingMessage): Promise<UserCtx> {
    if (options.adminParty) return { name: null, roles: ['_admin'] };
    const users = await options.usersDb();
    const session = cookie(req, 'AuthSession');
    if (session) {
      try {
        const s = await users.multiUserSession(session);
        if (s.userCtx.name) return { name: s.userCtx.name, roles: strings(s.userCtx.roles) };
      } catch {
        /* a malformed or stale cookie: fall back to Basic, as express-pouchdb does */
      }
    }
    const basic = basicCredentials(req);
    if (!basic) return { name: null, roles: [] };
    try {
      const r = await users.multiUserLogIn(basic.name, basic.password);
      return { name: r.name, roles: strings(r.roles) };
    } catch {
      throw new Refusal(401, 'unauthorized', 'Name or password is incorrect.');
    }
  }

  /** The database's security object, or null when it does not exist. */
  async function security(name: string): Promise<SecurityObject | null> {
    const all = await options.Pouch.allDbs();
    if (!all.includes(name)) return null;
    try {
      const doc = await dbHandle(name).get('_local/_security');
      const sec = doc.security;
      return typeof sec === 'object' && sec !== null ? (sec as SecurityObject) : {};
    } catch {
      return {};
    }
  }

  /** The `_users` rules for a non-admin. Returns true when the request may go on to express-pouchdb. */
  async function usersRoute(req: IncomingMessage, user: UserCtx, rest: string[]): Promise<void> {
    const method = req.method ?? 'GET';
    const docId = rest.length === 1 ? rest[0] : undefined;
    if (docId === undefined || !docId.startsWith(USER_PREFIX)) throw forbidden('Only admins can access this part of the users database.');
    const own = docId === USER_PREFIX + user.name;
    if (!own) {
      if (method === 'GET' || method === 'HEAD') throw new Refusal(404, 'not_found', 'missing');
      throw forbidden('You may only read and update your own user document.');
    }
    if (method === 'GET' || method === 'HEAD') return;
    if (method !== 'PUT') throw forbidden('You may only read and update your own user document.');
    const body = await readJson(req, USERS_MAX_BODY);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('Document must be a JSON object');
    const doc = body as Record<string, unknown>;
    let stored: Record<string, unknown>;
    try {
      stored = await (await options.usersDb()).get(docId);
    } catch {
      throw new Refusal(404, 'not_found', 'missing');
    }
    if (doc._deleted) throw forbidden('You may not delete your user document.');
    if ((doc._id !== undefined && doc._id !== docId) || doc.name !== user.name || doc.type !== 'user') {
      throw forbidden('The name, id and type of a user document cannot change.');
    }
    if (JSON.stringify(strings(doc.roles)) !== JSON.stringify(strings(stored.roles)) || !Array.isArray(doc.roles) || doc.roles.length !== strings(doc.roles).length) {
      throw forbidden('Only admins may change roles.');
    }
    if (doc._attachments !== undefined) throw forbidden('User documents have no attachments.');
    setParsedBody(req, doc);
  }

  /** The per-database rules. Returns when the request may go on to express-pouchdb. */
  async function databaseRoute(req: IncomingMessage, user: UserCtx, db: string, rest: string[]): Promise<void> {
    const method = req.method ?? 'GET';
    const serverAdmin = user.roles.includes('_admin');
    const first = rest[0] ?? '';
    // Design-document filters (and `_view`) leave an unhandled rejection in express-pouchdb when
    // the design document is missing, which ends the process: only the built-in filters, for all.
    if (first === '_changes') {
      const filter = new URLSearchParams((req.url ?? '').split('?')[1] ?? '').get('filter');
      if (filter !== null && filter !== '_doc_ids' && filter !== '_selector') {
        throw badRequest('This development server serves only the _doc_ids and _selector filters.');
      }
    }
    const docId = rest.length === 0 ? '' : first === '_design' || first === '_local' ? `${first}/${rest[1] ?? ''}` : first;
    // `_local/_security` holds this server's `_security`: only its own route may change it.
    if (docId === '_local/_security' || first === '_local/_security') {
      if (!serverAdmin || method !== 'GET') throw forbidden('Use /{db}/_security.');
    }
    if (serverAdmin) return;
    if (!DB_NAME_RE.test(db) || cleanFilename(db) !== db) {
      throw new Refusal(400, 'illegal_database_name', `Name: '${db.slice(0, 60)}'. Only lowercase characters (a-z), digits (0-9), and any of the characters _, $, (, ), +, - are allowed. Must begin with a letter.`);
    }
    if (rest.length === 0 && (method === 'PUT' || method === 'DELETE')) throw forbidden('You are not a server admin.');
    const sec = await security(db);
    if (sec === null) throw new Refusal(404, 'not_found', 'Database does not exist.');
    const dbAdmin = inGroup(user, sec.admins);
    const member = dbAdmin || inGroup(user, sec.members);
    if (!member) throw forbidden('You are not allowed to access this db.');
    if (dbAdmin) return;

    const notDbAdmin = (): Refusal => forbidden('You are not a db or server admin.');
    const writes = method !== 'GET' && method !== 'HEAD';
    if (DB_ADMIN_ROUTES.has(first)) throw notDbAdmin();
    if (first === '_security' && writes) throw notDbAdmin();
    if (first === '_revs_limit' && writes) throw notDbAdmin();
    if (first === '_index' && writes) throw notDbAdmin();
    if ((first === '_design' || first.startsWith('_design/')) && writes) throw notDbAdmin();
    if (method === 'COPY') throw notDbAdmin();
    if (method === 'POST' && (rest.length === 0 || first === '_bulk_docs')) {
      const ctype = headerValue(req.headers['content-type']) ?? '';
      if (!/^application\/json\b/i.test(ctype)) throw new Refusal(415, 'bad_content_type', 'Content-Type must be application/json');
      const body = await readJson(req, MAX_BODY);
      const docs = rest.length === 0 ? [body] : (body as { docs?: unknown } | null)?.docs;
      if (!Array.isArray(docs)) throw badRequest(rest.length === 0 ? 'Document must be a JSON object' : 'POST body must include `docs` parameter.');
      for (const d of docs) {
        const id = typeof d === 'object' && d !== null ? (d as { _id?: unknown })._id : undefined;
        if (typeof id === 'string' && isSpecialDocId(id)) throw notDbAdmin();
      }
      setParsedBody(req, body);
    }
  }

  function cors(req: IncomingMessage, res: ServerResponse): boolean {
    const origin = headerValue(req.headers.origin);
    if (!origin || !options.corsOrigins?.includes(origin)) return false;
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Expose-Headers', 'Content-Type, ETag, Cache-Control');
    return true;
  }

  async function decide(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = req.url ?? '';
    if (!url.startsWith('/') || url.startsWith('//')) throw badRequest('Malformed request path.');
    const pathname = url.split('?')[0] ?? '/';
    let segments: string[];
    try {
      segments = pathname.split('/').slice(1).map((s) => decodeURIComponent(s));
    } catch {
      throw badRequest('Malformed request path.');
    }
    if (segments.length > 1 && segments[segments.length - 1] === '') segments.pop();
    const top = segments[0] ?? '';
    const rest = segments.slice(1);

    if (req.method === 'OPTIONS' && cors(req, res)) {
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, DELETE');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Accept, Origin');
      res.setHeader('Access-Control-Max-Age', '600');
      res.statusCode = 204;
      res.end();
      return false;
    }
    cors(req, res);

    const user = await authenticate(req);
    if (top === '_up' && (req.method === 'GET' || req.method === 'HEAD')) return true;
    if (user.name === null && !user.roles.includes('_admin')) throw unauthenticated();
    const serverAdmin = user.roles.includes('_admin');

    if (top === '') return true; // the welcome message
    if (top === USERS_DB) {
      if (!serverAdmin) await usersRoute(req, user, rest);
      return true;
    }
    if (top.startsWith('_')) {
      if (serverAdmin || OPEN_TOP.has(top)) return true;
      throw forbidden('You are not a server admin.');
    }
    await databaseRoute(req, user, top, rest);
    if (serverAdmin && req.method === 'DELETE' && rest.length === 0) {
      res.on('finish', () => handles.delete(top));
    }
    return true;
  }

  return (req, res) => {
    decide(req, res)
      .then((pass) => {
        if (!pass) return;
        try {
          app(req, res);
        } catch (e) {
          sendJson(res, 500, { error: 'unknown_error', reason: e instanceof Error ? e.message : String(e) });
        }
      })
      .catch((e: unknown) => {
        if (e instanceof Refusal) sendJson(res, e.status, { error: e.error, reason: e.reason });
        else sendJson(res, 500, { error: 'unknown_error', reason: e instanceof Error ? e.message : String(e) });
        // A body not read (refused before reading) must not keep the connection waiting.
        req.resume();
      });
  };
}
