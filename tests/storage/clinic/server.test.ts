// What the development clinic server (express-pouchdb, in memory, 127.0.0.1) really enforces,
// found by trying it over HTTP. These are facts about the dev server, written down in
// scripts/clinic-server.ts's header; the known hole is asserted too, so that the day a new
// version closes it, this test says so and the header can be corrected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClinicServer, type ClinicServer } from '../../../scripts/clinic-server';

let server: ClinicServer;
const ADMIN = { name: 'admin', password: 'admin-pw' };
const basic = (name: string, password: string) => ({ Authorization: `Basic ${btoa(`${name}:${password}`)}` });
const json = { 'Content-Type': 'application/json' };

async function call(method: string, path: string, auth: Record<string, string> = {}, body?: unknown): Promise<{ status: number; body: unknown }> {
  const r = await fetch(server.url + path, { method, headers: { ...json, ...auth }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await r.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: r.status, body: parsed };
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
  it('checks names and passwords once an admin exists', async () => {
    expect(((await call('GET', '/_session')).body as { userCtx: { roles: string[] } }).userCtx.roles).not.toContain('_admin');
    expect(((await call('GET', '/_session', admin)).body as { userCtx: { roles: string[] } }).userCtx.roles).toContain('_admin');
    expect(((await call('GET', '/_session', alice)).body as { userCtx: { name: string } }).userCtx.name).toBe('alice');
    expect((await call('GET', '/patient-alice/rec1', basic('alice', 'wrong'))).status).toBe(401);
    // Passwords are stored hashed.
    const stored = (await call('GET', '/_users/org.couchdb.user:alice', admin)).body as Record<string, unknown>;
    expect(stored.password).toBeUndefined();
    expect(stored.derived_key ?? stored.password_sha).toBeTruthy();
  });

  it('_security members: the plain document routes refuse non-members and anonymous requests', async () => {
    expect((await call('GET', '/patient-alice/rec1', alice)).status).toBe(200);
    for (const who of [bob, {}]) {
      expect((await call('GET', '/patient-alice/rec1', who)).status).toBe(401);
      expect((await call('GET', '/patient-alice/_all_docs', who)).status).toBe(401);
      expect((await call('GET', '/patient-alice/_changes', who)).status).toBe(401);
      expect((await call('PUT', '/patient-alice/rec2', who, { x: 1 })).status).toBe(401);
      expect((await call('POST', '/patient-alice/_revs_diff', who, { rec1: ['1-a'] })).status).toBe(401);
      const bulk = await call('POST', '/patient-alice/_bulk_docs', who, { docs: [{ _id: 'rec3' }] });
      expect((bulk.body as { error?: string }[])[0]?.error).toBe('unauthorized');
    }
    expect((await call('PUT', '/patient-alice/_security', bob, { members: { names: ['bob'] } })).status).toBe(401);
    // Not tried here: a non-admin PUT /{db}, or DELETE /{db} followed by any request to that
    // database, ends the server's process (and with it this test's): see the server's header.
  });

  it('KNOWN HOLE: _bulk_get hands a members-only database to a non-member (per-database security is not enforced)', async () => {
    const r = await call('POST', '/patient-alice/_bulk_get', bob, { docs: [{ id: 'rec1' }] });
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body)).toContain('"enc":"x"');
  });

  it('KNOWN HOLE: _all_dbs lists every database to anyone', async () => {
    const r = await call('GET', '/_all_dbs');
    expect(r.status).toBe(200);
    expect(r.body).toContain('patient-alice');
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
