/**
 * A CouchDB-protocol server for development and tests (issue 10): `express-pouchdb` (the server
 * half of `pouchdb-server`) over PouchDB with the **in-memory** adapter (memdown: pure JS, no
 * native module, nothing written to disk but a log file in the temp folder), behind a guard
 * (./lib/clinic-guard.ts) that enforces CouchDB 3's security. Data lives as long as the process.
 * It listens on 127.0.0.1 only. **Production is Apache CouchDB 3** (or a managed CouchDB), never
 * this: see README "Clinic sync".
 *
 *   npm run clinic-server                  # http://127.0.0.1:5984/, admin party (everyone is admin)
 *   npm run clinic-server -- --port 6000 --admin admin:secret [--cors http://127.0.0.1:5173] [--quiet]
 *
 * Tests import `startClinicServer()` (a free port by default), `pause()` it (the port closes and
 * every open connection is cut, as when the network drops; the data stays), `resume()` it on the
 * same port, and `stop()` it (requests under way are answered first, for up to a second).
 *
 * WHAT IT ENFORCES once an admin is configured (tried in tests/storage/clinic/server.test.ts):
 *
 * - Authentication on every request but `GET /_up` (CouchDB's `[chttpd] require_valid_user =
 *   true`, so `POST /_session` needs Basic credentials too): the `AuthSession` cookie or HTTP
 *   Basic, checked against `_users` (pbkdf2-hashed on write) and the server admin. Anonymous:
 *   401; a wrong name or password: 401.
 * - Every route under `/{db}/` (documents, `_all_docs`, `_changes`, `_bulk_get`, `_bulk_docs`,
 *   `_revs_diff`, `_local`, `_find`, `_design`, attachments, and the rest): the server admin, or a
 *   name or role in the database's `_security` admins or members; anyone else 403
 *   `{ error: 'forbidden' }`. An empty members list means admins only (CouchDB 3 would make such a
 *   database public; the pairing code never leaves one empty).
 * - Server admin only: `_all_dbs` and every other top-level `_` route except `_session`,
 *   `_uuids`, `_up` and `GET /`; creating and deleting databases.
 * - Database admin (or server admin) only: `PUT _security`, design documents, `_index` writes,
 *   `_compact`, `_purge`, `_view_cleanup`; nobody may write `_local/_security` directly (where
 *   `_security` is kept here).
 * - `_users`: a user reads and updates only their own `org.couchdb.user:NAME` document (a new
 *   password; name, type and roles cannot change); another user's document is 404 to read, 403
 *   to write; the rest of `_users` is 403.
 * - Odd input (a malformed path, broken JSON, an unknown route) is a 4xx answer; a failure inside
 *   is a JSON 500 answer (never express's HTML page with a stack trace). `_changes` serves only
 *   the built-in `_doc_ids` and `_selector` filters: express-pouchdb leaves a promise rejected
 *   and unhandled for a design-document filter that is missing (which ends a Node process). The
 *   CLI also logs and survives an exception that escapes express-pouchdb asynchronously (none is
 *   known once the guard refuses what used to crash it: a non-admin creating or deleting a
 *   database).
 * - Not served at all: Fauxton, rewrites, virtual hosts, show/list/update functions (they could
 *   route around the guard or run design-document code).
 *
 * Admin party (no `--admin`): every request is a server admin, as in CouchDB before an admin
 * exists. Still not a production server: one process, data in memory, express-pouchdb's CouchDB
 * emulation is partial, and sessions are signed with a secret made at start.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
// Before express-pouchdb: it loads pouchdb-security, which takes the wrapper this fixes.
import './lib/changes-wrapper-fix';
import expressPouchDB from 'express-pouchdb';
import { guardClinicServer, type GuardOptions, type GuardPouch } from './lib/clinic-guard';
import { NodePouch } from './lib/pouch-node';

const require = createRequire(import.meta.url);
const expressPouchUtils = require('express-pouchdb/lib/utils') as { getUsersDB(app: unknown, PouchDB: unknown): unknown };

export interface ClinicServerOptions {
  /** 0 (the default) = a free port. */
  port?: number;
  /** A server admin; none = admin party (every request is an admin). */
  admin?: { name: string; password: string };
  /** Print each request (the CLI does). */
  log?: boolean;
  /** Browser origins allowed to call it with credentials (CORS), e.g. the Vite dev server's. */
  corsOrigins?: string[];
}

export interface ClinicServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  url: string;
  port: number;
  /** Close the port and cut every open connection (a network drop); data is kept. */
  pause(): Promise<void>;
  /** Listen again on the same port. */
  resume(): Promise<void>;
  /** Close for good: requests under way are answered first (at most a second), then every connection is cut. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
let serial = 0;

/** Start the server on 127.0.0.1. Each call has its own databases (a fresh memory prefix). */
export async function startClinicServer(options: ClinicServerOptions = {}): Promise<ClinicServer> {
  // memdown keeps one global store per name: a prefix per server keeps two servers apart.
  const prefix = `clinic-${process.pid}-${++serial}-`;
  const Pouch = NodePouch.defaults({ adapter: 'memory', prefix });
  const app = expressPouchDB(Pouch, {
    mode: 'fullCouchDB',
    inMemoryConfig: true,
    logPath: join(tmpdir(), `rootwell-clinic-server-${process.pid}.log`),
    // Fauxton is a web UI fetched from its package: not needed, and less to serve. Rewrites and
    // virtual hosts could route a request for one database to another after the guard checked
    // it; show/list/update functions run design-document code: none of them is needed.
    overrideMode: {
      exclude: ['routes/fauxton', 'routes/rewrite', 'routes/vhosts', 'routes/show', 'routes/list', 'routes/update', 'routes/special-test-auth'],
    },
  });
  // An error inside a route is a JSON 500 answer (express's own handler sends an HTML page with
  // the stack trace and prints it).
  app.set('env', 'production');
  app.use((err, _req, res, _next) => {
    const status = typeof (err as { status?: unknown })?.status === 'number' ? (err as { status: number }).status : 500;
    if (res.headersSent) {
      res.end();
      return;
    }
    const body = JSON.stringify({ error: status >= 500 ? 'unknown_error' : 'bad_request', reason: err instanceof Error ? err.message : String(err) });
    res.statusCode = status >= 400 && status < 600 ? status : 500;
    res.setHeader('Content-Type', 'application/json');
    res.end(body + '\n');
  });
  if (options.admin) {
    await new Promise<void>((resolve, reject) =>
      app.couchConfig.set('admins', options.admin!.name, options.admin!.password, (err: unknown) => (err ? reject(err) : resolve())),
    );
  }
  // express-pouchdb installs its plugins (all-dbs, auth, security) asynchronously: wait for them.
  const ready = (): boolean => {
    const P = Pouch as unknown as { allDbs?: unknown; prototype: { useAsAuthenticationDB?: unknown; getSecurity?: unknown } };
    return typeof P.allDbs === 'function' && typeof P.prototype.useAsAuthenticationDB === 'function' && typeof P.prototype.getSecurity === 'function';
  };
  for (let waited = 0; !ready(); waited += 10) {
    if (waited > 10_000) throw new Error('express-pouchdb did not start (its plugins were never installed).');
    await new Promise((r) => setTimeout(r, 10));
  }
  let usersDb: Promise<unknown> | null = null;
  const guarded = guardClinicServer(app, {
    adminParty: !options.admin,
    // express-pouchdb's own `_users` database (pouchdb-auth on it): the same hashes and sessions.
    usersDb: () => (usersDb ??= Promise.resolve(expressPouchUtils.getUsersDB(app, Pouch))) as ReturnType<GuardOptions['usersDb']>,
    Pouch: Pouch as unknown as GuardPouch,
    corsOrigins: options.corsOrigins ?? [],
  });
  const handler = options.log
    ? (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
        res.on('finish', () => console.log(`${req.method} ${req.url} ${res.statusCode}`));
        guarded(req, res);
      }
    : guarded;

  let server: Server | null = null;
  const sockets = new Set<Socket>();
  /** Sockets with a request not yet answered. */
  const busy = new Set<Socket>();
  let port = options.port ?? 0;

  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const s = createServer(handler);
      s.on('connection', (sock) => {
        sockets.add(sock);
        sock.on('close', () => {
          sockets.delete(sock);
          busy.delete(sock);
        });
      });
      s.on('request', (req, res) => {
        const sock = req.socket;
        busy.add(sock);
        res.on('close', () => busy.delete(sock));
      });
      s.once('error', reject);
      s.listen(port, HOST, () => {
        s.off('error', reject);
        port = (s.address() as AddressInfo).port;
        server = s;
        resolve();
      });
    });

  /** Cut every connection at once (a network drop). */
  const cut = (): Promise<void> =>
    new Promise((resolve) => {
      const s = server;
      server = null;
      if (!s) return resolve();
      s.close(() => resolve());
      for (const sock of sockets) sock.destroy();
      sockets.clear();
      busy.clear();
    });

  /**
   * Stop for good, gracefully: no new connections, idle ones closed, requests under way answered
   * (up to a second: a client whose last request is cut while it stops would see an error it
   * never handles), then every connection cut.
   */
  const stop = async (): Promise<void> => {
    const s = server;
    if (!s) return;
    server = null;
    const closed = new Promise<void>((resolve) => s.close(() => resolve()));
    for (const sock of sockets) if (!busy.has(sock)) sock.destroy();
    const t0 = Date.now();
    while (busy.size > 0 && Date.now() - t0 < 1000) await new Promise((r) => setTimeout(r, 10));
    for (const sock of sockets) sock.destroy();
    sockets.clear();
    busy.clear();
    await closed;
  };

  await listen();
  return {
    get url() {
      return `http://${HOST}:${port}`;
    },
    get port() {
      return port;
    },
    pause: cut,
    resume: listen,
    stop,
  };
}

function parseArgs(argv: string[]): ClinicServerOptions {
  const out: ClinicServerOptions = { port: 5984, log: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = argv[i + 1];
    if (a === '--port' && next) {
      out.port = Number(next);
      i++;
    } else if (a === '--admin' && next && next.includes(':')) {
      const at = next.indexOf(':');
      out.admin = { name: next.slice(0, at), password: next.slice(at + 1) };
      i++;
    } else if (a === '--cors' && next) {
      out.corsOrigins = [...(out.corsOrigins ?? []), ...next.split(',').filter(Boolean)];
      i++;
    } else if (a === '--quiet') {
      out.log = false;
    } else {
      throw new Error(`Unknown argument ${a}. Usage: npm run clinic-server -- [--port 5984] [--admin name:password] [--cors origin[,origin]] [--quiet]`);
    }
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const opts = parseArgs(process.argv.slice(2));
  // A last line of defence: express-pouchdb failing asynchronously must not end the server.
  process.on('uncaughtException', (err) => console.error('Clinic server: uncaught exception (ignored):', err));
  process.on('unhandledRejection', (err) => console.error('Clinic server: unhandled rejection (ignored):', err));
  const s = await startClinicServer(opts);
  console.log(`Clinic server (CouchDB protocol, in memory, development only) at ${s.url}/`);
  console.log(opts.admin ? `Admin: ${opts.admin.name}` : 'Admin party: every request is an admin (pass --admin name:password to configure one).');
  console.log('Data is lost when this process ends. Ctrl-C to stop.');
  const bye = () => void s.stop().then(() => process.exit(0));
  process.on('SIGINT', bye);
  process.on('SIGTERM', bye);
}
