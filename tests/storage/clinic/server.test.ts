// What the development clinic server (express-pouchdb, in memory, 127.0.0.1, behind
// scripts/lib/clinic-guard.ts) enforces, tried over HTTP: CouchDB 3's per-database security on
// every route (the holes express-pouchdb alone leaves, once asserted here, are now asserted
// closed), `_users` limited to one's own document, admin-only server routes, and hostile or odd
// requests answered without bringing the server down. Written down in scripts/clinic-server.ts's
// header.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClinicServer, type ClinicServer } from '../../../scripts/clinic-server';
import { NodePouch as Pouch } from '../../../scripts/lib/pouch-node';
import { basicAuth, couchCall } from '../../helpers/couch';
import type { PouchDatabase } from '../../../src/storage/clinic/pouch-types';

let server: ClinicServer;
const ADMIN = { name: 'admin', password: 'admin-pw' };
const basic = basicAuth;
const json = { 'Content-Type': 'application/json' };

async function call(method: string, path: string, auth: Record<string, string> = {}, body?: unknown): Promise<{ status: number; body: unknown }> {
  const r = await couchCall(server.url, method, path, auth, body);
  return { status: r.status, body: r.json ?? r.text };
}

const admin = basic(ADMIN.name, ADMIN.password);
const alice = basic('alice', 'alice-pw');
const bob = basic('bob', 'bob-pw');

beforeAll(async () => {
  server = await startClinicServer({ admin: ADMIN });
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  for (const [name, password] of [
    ['alice', 'alice-pw'],
    ['bob', 'bob-pw'],
  ]) {
    const r = await call('PUT', `/_users/org.couchdb.user:${name}`, admin, { _id: `org.couchdb.user:${name}`, name, password, roles: [], type: 'user' });
    expect(r.status).toBe(201);
  }
  expect((await call('PUT', '/patient-alice', admin)).status).toBe(201);
  expect((await call('PUT', '/patient-alice/_security', admin, { members: { names: ['alice'], roles: [] }, admins: { names: [], roles: [] } })).status).toBe(200);
  expect((await call('PUT', '/patient-alice/rec1', alice, { type: 'session', enc: 'x' })).status).toBe(201);
});

afterAll(async () => {
  await server?.stop();
});

describe('clinic dev server: what it enforces', () => {
  it('checks names and passwords once an admin exists; anonymous requests get 401 (require_valid_user)', async () => {
    expect(await call('GET', '/_session')).toEqual({ status: 401, body: { error: 'unauthorized', reason: 'Authentication required.' } });
    expect((await call('POST', '/_session', {}, { name: 'alice', password: 'alice-pw' })).status).toBe(401);
    expect(((await call('GET', '/_session', admin)).body as { userCtx: { roles: string[] } }).userCtx.roles).toContain('_admin');
    expect(((await call('GET', '/_session', alice)).body as { userCtx: { name: string } }).userCtx.name).toBe('alice');
    const wrong = await call('GET', '/patient-alice/rec1', basic('alice', 'wrong'));
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: 'unauthorized', reason: 'Name or password is incorrect.' });
    expect((await call('GET', '/')).status).toBe(401);
    expect((await call('GET', '/_uuids')).status).toBe(401);
    expect((await call('GET', '/_uuids', alice)).status).toBe(200);
    expect((await call('GET', '/_up')).status).toBeLessThan(500);
    // Passwords are stored hashed.
    const stored = (await call('GET', '/_users/org.couchdb.user:alice', admin)).body as Record<string, unknown>;
    expect(stored.password).toBeUndefined();
    expect(stored.derived_key ?? stored.password_sha).toBeTruthy();
  });

  it('the _session cookie authenticates like Basic, and is checked against _security the same way', async () => {
    const login = await fetch(`${server.url}/_session`, { method: 'POST', headers: { ...json, ...alice }, body: JSON.stringify({ name: 'alice', password: 'alice-pw' }) });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^AuthSession=/);
    expect((await call('GET', '/patient-alice/rec1', { Cookie: cookie })).status).toBe(200);
    const bobLogin = await fetch(`${server.url}/_session`, { method: 'POST', headers: { ...json, ...bob }, body: JSON.stringify({ name: 'bob', password: 'bob-pw' }) });
    const bobCookie = (bobLogin.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await call('GET', '/patient-alice/rec1', { Cookie: bobCookie })).status).toBe(403);
    expect((await call('GET', '/patient-alice/rec1', { Cookie: 'AuthSession=bm90LWEtc2Vzc2lvbg' })).status).toBe(401);
  });

  it('_security members: every route under /{db}/ refuses a non-member (403) and anonymous requests (401)', async () => {
    expect((await call('GET', '/patient-alice/rec1', alice)).status).toBe(200);
    expect((await call('POST', '/patient-alice/_bulk_get', alice, { docs: [{ id: 'rec1' }] })).status).toBe(200);
    const routes: [string, string, unknown?][] = [
      ['GET', '/patient-alice'],
      ['GET', '/patient-alice/rec1'],
      ['GET', '/patient-alice/rec1?revs=true&open_revs=all'],
      ['GET', '/patient-alice/_all_docs?include_docs=true'],
      ['POST', '/patient-alice/_all_docs', { keys: ['rec1'] }],
      ['GET', '/patient-alice/_changes?include_docs=true'],
      ['POST', '/patient-alice/_changes', {}],
      ['POST', '/patient-alice/_bulk_get', { docs: [{ id: 'rec1' }] }],
      ['POST', '/patient-alice/_revs_diff', { rec1: ['1-a'] }],
      ['POST', '/patient-alice/_bulk_docs', { docs: [{ _id: 'rec3' }] }],
      ['PUT', '/patient-alice/rec2', { x: 1 }],
      ['POST', '/patient-alice', { x: 1 }],
      ['DELETE', '/patient-alice/rec1?rev=1-a'],
      ['GET', '/patient-alice/_local/anything'],
      ['PUT', '/patient-alice/_local/anything', { x: 1 }],
      ['POST', '/patient-alice/_find', { selector: {} }],
      ['GET', '/patient-alice/_index'],
      ['GET', '/patient-alice/_design/x'],
      ['GET', '/patient-alice/rec1/attachment.bin'],
      ['GET', '/patient-alice/_security'],
      ['PUT', '/patient-alice/_security', { members: { names: ['bob'] } }],
      ['GET', '/patient-%61lice/rec1'],
      // express-pouchdb rewrites this prefix away (for Fauxton): it must not route around the guard.
      ['GET', '/_node/node1@127.0.0.1/patient-alice/rec1'],
    ];
    for (const [method, path, body] of routes) {
      const asBob = await call(method, path, bob, body);
      expect([method, path, asBob.status]).toEqual([method, path, 403]);
      expect(asBob.body).toMatchObject({ error: 'forbidden' });
      expect(JSON.stringify(asBob.body)).not.toContain('"enc"');
      const anonymous = await call(method, path, {}, body);
      expect([method, path, anonymous.status]).toEqual([method, path, 401]);
    }
    // Nothing was written by those attempts.
    const all = (await call('GET', '/patient-alice/_all_docs', admin)).body as { rows: { id: string }[] };
    expect(all.rows.map((r) => r.id)).toEqual(['rec1']);
  });

  it('CLOSED: _bulk_get no longer hands a members-only database to a non-member', async () => {
    const r = await call('POST', '/patient-alice/_bulk_get', bob, { docs: [{ id: 'rec1' }] });
    expect(r.status).toBe(403);
    expect(JSON.stringify(r.body)).not.toContain('"enc":"x"');
  });

  it('CLOSED: _all_dbs (and every other server route) is for the server admin only', async () => {
    expect((await call('GET', '/_all_dbs')).status).toBe(401);
    const r = await call('GET', '/_all_dbs', alice);
    expect(r.status).toBe(403);
    expect(JSON.stringify(r.body)).not.toContain('patient-alice');
    for (const path of ['/_dbs_info', '/_active_tasks', '/_config', '/_replicator/_all_docs', '/_users/_all_docs', '/_users/_changes']) {
      expect([path, (await call('GET', path, alice)).status]).toEqual([path, 403]);
    }
    expect((await call('POST', '/_replicate', alice, { source: 'patient-alice', target: 'mine', create_target: true })).status).toBe(403);
    expect((await call('GET', '/_all_dbs', admin)).body).toContain('patient-alice');
  });

  it('a non-member cannot replicate the database with PouchDB (denied, nothing pulled)', async () => {
    const local = new Pouch(`server-test-bob-${process.pid}`, { adapter: 'memory' });
    const remote = new Pouch(`${server.url}/patient-alice`, { auth: { username: 'bob', password: 'bob-pw' }, skip_setup: true });
    try {
      const outcome = await new Promise<{ status?: number }>((resolve) => {
        const rep = local.replicate.from(remote as PouchDatabase);
        rep.on('error', (e) => resolve(e as { status?: number }));
        rep.on('complete', (info) => resolve({ status: (info as { status?: number } | undefined)?.status ?? 200 }));
      });
      expect(outcome.status).toBe(403);
      expect((await local.info()).doc_count).toBe(0);
    } finally {
      await local.destroy();
      await remote.close();
    }
  });

  it('_users: a user reads and updates only their own document, never their roles; others are 404/403, never 500', async () => {
    const own = await call('GET', '/_users/org.couchdb.user:bob', bob);
    expect(own.status).toBe(200);
    expect((await call('GET', '/_users/org.couchdb.user:alice', bob)).status).toBe(404);
    expect((await call('GET', '/_users/org.couchdb.user:nobody', bob)).status).toBe(404);
    expect((await call('PUT', '/_users/org.couchdb.user:alice', bob, { name: 'alice', password: 'x', roles: [], type: 'user' })).status).toBe(403);
    expect((await call('PUT', '/_users/org.couchdb.user:mallory', bob, { name: 'mallory', password: 'x', roles: [], type: 'user' })).status).toBe(403);
    expect((await call('DELETE', '/_users/org.couchdb.user:alice?rev=1-a', bob)).status).toBe(403);
    expect((await call('GET', '/_users', bob)).status).toBe(403);
    const doc = own.body as Record<string, unknown>;
    const promote = await call('PUT', '/_users/org.couchdb.user:bob', bob, { ...doc, roles: ['_admin'] });
    expect(promote.status).toBe(403);
    expect((await call('PUT', '/_users/org.couchdb.user:bob', bob, { ...doc, name: 'alice' })).status).toBe(403);
    // Changing one's own password works, and the old one stops working.
    const changed = await call('PUT', '/_users/org.couchdb.user:bob', bob, { ...doc, password: 'bob-pw-2' });
    expect(changed.status).toBe(201);
    expect((await call('GET', '/_session', bob)).status).toBe(401);
    const bob2 = basic('bob', 'bob-pw-2');
    expect(((await call('GET', '/_session', bob2)).body as { userCtx: { roles: string[] } }).userCtx.roles).toEqual([]);
    const again = (await call('GET', '/_users/org.couchdb.user:bob', bob2)).body as Record<string, unknown>;
    expect((await call('PUT', '/_users/org.couchdb.user:bob', bob2, { ...again, password: 'bob-pw' })).status).toBe(201);
  });

  it('a member cannot raise their rights: no _local/_security, no design documents, no database admin routes', async () => {
    const attempts: [string, string, unknown?][] = [
      ['PUT', '/patient-alice/_local/_security', { security: { members: { names: ['bob'] } } }],
      ['PUT', '/patient-alice/_local%2F_security', { security: { members: { names: ['bob'] } } }],
      ['POST', '/patient-alice/_bulk_docs', { docs: [{ _id: '_local/_security', security: { members: { names: ['bob'] } } }] }],
      ['PUT', '/patient-alice/_security', { members: { names: ['alice', 'bob'] } }],
      ['PUT', '/patient-alice/_design/evil', { validate_doc_update: 'function(){}' }],
      ['PUT', '/patient-alice/_design%2Fevil', { views: {} }],
      ['POST', '/patient-alice/_bulk_docs', { docs: [{ _id: '_design/evil' }] }],
      ['POST', '/patient-alice', { _id: '_design/evil' }],
      ['POST', '/patient-alice/_index', { index: { fields: ['type'] } }],
      ['POST', '/patient-alice/_compact'],
      ['POST', '/patient-alice/_purge', { rec1: ['1-a'] }],
    ];
    for (const [method, path, body] of attempts) {
      expect([method, path, (await call(method, path, alice, body)).status]).toEqual([method, path, 403]);
    }
    expect(((await call('GET', '/patient-alice/_security', admin)).body as { members: { names: string[] } }).members.names).toEqual(['alice']);
    expect((await call('GET', '/patient-alice/rec1', bob)).status).toBe(403);
  });

  it('hostile and odd requests never bring it down: it answers each, and afterwards', async () => {
    const hostile: [string, string, Record<string, string>, unknown?][] = [
      ['PUT', '/new-db', alice],
      ['PUT', '/new-db', {}],
      ['DELETE', '/patient-alice', alice],
      ['DELETE', '/patient-alice', bob],
      ['GET', '/_users/_all_docs', alice],
      ['GET', '/_users/org.couchdb.user:alice', bob],
      ['POST', '/patient-alice/_bulk_docs', alice, '{"docs": [ {"_id": '],
      ['POST', '/patient-alice/_bulk_docs', alice, '[1,2,3]'],
      ['POST', '/patient-alice/_bulk_docs', alice, 'null'],
      ['PUT', '/patient-alice/rec9', alice, '{"a":'],
      ['POST', '/patient-alice/_bulk_get', alice, '"x"'],
      ['PUT', '/_users/org.couchdb.user:alice', alice, '{"name": 5}'],
      ['PUT', '/_users/org.couchdb.user:alice', alice, 'not json'],
      ['GET', '/%E0%A4%A', alice],
      ['GET', '/patient-alice/%ZZ', alice],
      ['GET', '/Patient-Alice/rec1', alice],
      ['GET', '/no-such-db/x', alice],
      ['GET', '/patient-alice/_design/x/_rewrite/..%2F..%2F_users', alice],
      ['GET', '/_utils/', alice],
      ['PUT', '/_config/admins/alice', alice, '"pw"'],
      ['GET', '/patient-alice/rec1', { Authorization: 'Basic !!!' }],
      ['GET', '/patient-alice/rec1', { Authorization: `Basic ${btoa('no-colon')}` }],
      ['GET', '/patient-alice/rec1', { Cookie: 'AuthSession=%%%' }],
    ];
    for (const [method, path, auth, body] of hostile) {
      const r = await call(method, path, auth, body);
      expect([method, path, r.status >= 400 && r.status < 500]).toEqual([method, path, true]);
    }
    expect((await call('GET', '/patient-alice/rec1', alice)).status).toBe(200);
    expect((await call('GET', '/new-db', admin)).status).toBe(404);
    // The server admin still creates and deletes databases.
    expect((await call('PUT', '/scratch-db', admin)).status).toBe(201);
    expect((await call('GET', '/scratch-db/_all_docs', alice)).status).toBe(403); // no members yet: admins only
    expect((await call('DELETE', '/scratch-db', admin)).status).toBe(200);
    expect((await call('GET', '/scratch-db', admin)).status).toBe(404);
  });

  it("a member's odd requests to their own database get a JSON answer (never an HTML stack trace, never an unhandled rejection)", async () => {
    const odd: [string, string, unknown?][] = [
      ['POST', '/patient-alice/_bulk_docs', { docs: [5, null, 'x'] }],
      ['POST', '/patient-alice/_bulk_docs', { docs: [{ _id: 5 }] }],
      ['POST', '/patient-alice/_bulk_docs', { docs: [{ _id: 'a', _rev: 'garbage' }], new_edits: false }],
      ['POST', '/patient-alice/_bulk_get', { docs: 5 }],
      ['POST', '/patient-alice/_revs_diff', '[1]'],
      ['POST', '/patient-alice/_all_docs', { keys: 5 }],
      ['POST', '/patient-alice/_find', { selector: 5 }],
      ['POST', '/patient-alice/_changes', { doc_ids: 5 }],
      ['GET', '/patient-alice/_changes?filter=nonexistent/x'],
      ['GET', '/patient-alice/_changes?filter=_view&view=x/y'],
      ['GET', '/patient-alice/_design/x/_view/y'],
      ['GET', '/patient-alice/rec1?open_revs=garbage'],
      ['GET', '/patient-alice/rec1?rev=garbage'],
      ['PUT', '/patient-alice/rec9', '[]'],
      ['DELETE', '/patient-alice/rec1?rev=bad'],
      ['MOVE', '/patient-alice/rec1'],
    ];
    for (const [method, path, body] of odd) {
      const r = await fetch(server.url + path, { method, headers: { ...json, ...alice }, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
      const text = await r.text();
      expect([method, path, r.status < 600, text.trimStart().startsWith('<')]).toEqual([method, path, true, false]);
    }
    expect((await call('GET', '/patient-alice/rec1', alice)).status).toBe(200);
    expect((await call('GET', '/patient-alice/_changes?filter=_doc_ids&doc_ids=%5B%22rec1%22%5D', alice)).status).toBe(200);
  });

  it('CORS, when asked for: the listed origin only, with credentials; the preflight needs no password', async () => {
    const s2 = await startClinicServer({ admin: ADMIN, corsOrigins: ['http://127.0.0.1:5173'] });
    try {
      const pre = await fetch(`${s2.url}/patient-x/_all_docs`, { method: 'OPTIONS', headers: { Origin: 'http://127.0.0.1:5173', 'Access-Control-Request-Method': 'GET' } });
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
      expect(pre.headers.get('access-control-allow-credentials')).toBe('true');
      const other = await fetch(`${s2.url}/_session`, { headers: { Origin: 'http://evil.invalid' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await s2.stop();
    }
  });

  it('pause cuts the connection and keeps the data; resume listens on the same port', async () => {
    const port = server.port;
    await server.pause();
    await expect(fetch(`${server.url}/`)).rejects.toThrow();
    await server.resume();
    expect(server.port).toBe(port);
    expect((await call('GET', '/patient-alice/rec1', alice)).status).toBe(200);
  });
});
