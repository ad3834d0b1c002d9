/**
 * A CouchDB-protocol server for development and tests (issue 10): `express-pouchdb` (the server
 * half of `pouchdb-server`) over PouchDB with the **in-memory** adapter (memdown: pure JS, no
 * native module, nothing written to disk but a log file in the temp folder). Data lives as long as
 * the process. It listens on 127.0.0.1 only.
 *
 *   npm run clinic-server                  # http://127.0.0.1:5984/, admin party (everyone is admin)
 *   npm run clinic-server -- --port 6000 --admin admin:secret
 *
 * Tests import `startClinicServer()` (a free port by default), `pause()` it (the port closes and
 * every open connection is cut, as when the network drops; the data stays), `resume()` it on the
 * same port, and `stop()` it.
 *
 * WHAT IT ENFORCES (found by trying it: tests/storage/clinic/server.test.ts; express-pouchdb 4.2.0
 * with pouchdb-core 9). This is NOT a production server and its security must not be relied on:
 *
 * - Admin party until an admin is configured (`admin` option / `--admin`): then `_session`
 *   (cookie) and HTTP Basic authentication check names and passwords against `_users`
 *   (pbkdf2-hashed on write, as CouchDB does).
 * - `_security` members ARE checked for the plain document routes: a non-member (or anonymous)
 *   gets 401 on GET/PUT of a document, `_all_docs`, `_changes`, `_revs_diff` and `_bulk_docs`
 *   (per document); only admins may PUT `_security` (401 otherwise).
 * - BUT `POST /{db}/_bulk_get` returns the documents of a members-only database to a
 *   non-member: per-database read security is NOT enforced on that route, and PouchDB's
 *   replicator uses `_bulk_get`. So this server cannot keep one patient from reading another's
 *   database. (The documents are end-to-end encrypted, so what leaks is ciphertext, the clear
 *   `_id`, `type` and `at`, and revision history; still, a real deployment must be Apache CouchDB.)
 * - `GET /_all_dbs` lists every database to anyone (CouchDB 3 requires an admin).
 * - A non-admin can bring it down: `PUT /{db}` (create a database) ends the whole process with an
 *   uncaught exception (`db.info is not a function`), the client gets no answer; `DELETE /{db}`
 *   is answered 401, but the next request to that database ends the process (an unhandled
 *   rejection left by the refused delete).
 * - A non-admin reading `_users` (another user's document, `_all_docs`) gets a 500, not CouchDB's 401/404.
 *
 * Production: Apache CouchDB 3 (or a managed CouchDB) with `require_valid_user`, CORS for the
 * app's origin, one database per patient with `_security` members = [patient, physio]; see
 * README "Clinic sync (in progress)".
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import expressPouchDB from 'express-pouchdb';
import { NodePouch } from './lib/pouch-node';

export interface ClinicServerOptions {
  /** 0 (the default) = a free port. */
  port?: number;
  /** A server admin; none = admin party (every request is an admin). */
  admin?: { name: string; password: string };
  /** Print each request (the CLI does). */
  log?: boolean;
}

export interface ClinicServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  url: string;
  port: number;
  /** Close the port and cut every open connection (a network drop); data is kept. */
  pause(): Promise<void>;
  /** Listen again on the same port. */
  resume(): Promise<void>;
  /** Close for good. */
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
    // Fauxton is a web UI fetched from its package: not needed, and less to serve.
    overrideMode: { exclude: ['routes/fauxton'] },
  });
  if (options.admin) {
    await new Promise<void>((resolve, reject) =>
      app.couchConfig.set('admins', options.admin!.name, options.admin!.password, (err: unknown) => (err ? reject(err) : resolve())),
    );
  }
  const handler = options.log
    ? (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
        res.on('finish', () => console.log(`${req.method} ${req.url} ${res.statusCode}`));
        app(req, res);
      }
    : app;

  let server: Server | null = null;
  const sockets = new Set<Socket>();
  let port = options.port ?? 0;

  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const s = createServer(handler);
      s.on('connection', (sock) => {
        sockets.add(sock);
        sock.on('close', () => sockets.delete(sock));
      });
      s.once('error', reject);
      s.listen(port, HOST, () => {
        s.off('error', reject);
        port = (s.address() as AddressInfo).port;
        server = s;
        resolve();
      });
    });

  const close = (): Promise<void> =>
    new Promise((resolve) => {
      const s = server;
      server = null;
      if (!s) return resolve();
      s.close(() => resolve());
      for (const sock of sockets) sock.destroy();
      sockets.clear();
    });

  await listen();
  return {
    get url() {
      return `http://${HOST}:${port}`;
    },
    get port() {
      return port;
    },
    pause: close,
    resume: listen,
    stop: close,
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
    } else if (a === '--quiet') {
      out.log = false;
    } else {
      throw new Error(`Unknown argument ${a}. Usage: npm run clinic-server -- [--port 5984] [--admin name:password] [--quiet]`);
    }
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const opts = parseArgs(process.argv.slice(2));
  const s = await startClinicServer(opts);
  console.log(`Clinic server (CouchDB protocol, in memory, development only) at ${s.url}/`);
  console.log(opts.admin ? `Admin: ${opts.admin.name}` : 'Admin party: every request is an admin (pass --admin name:password to configure one).');
  console.log('Data is lost when this process ends. Ctrl-C to stop.');
  const bye = () => void s.stop().then(() => process.exit(0));
  process.on('SIGINT', bye);
  process.on('SIGTERM', bye);
}
