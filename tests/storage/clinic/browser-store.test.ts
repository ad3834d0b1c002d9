// The app's own clinic databases (pouchdb-browser on IndexedDB, src/storage/clinic/browser.ts),
// run in Node on fake-indexeddb: a record stored encrypted survives reopening, and replicates
// through the dev server (127.0.0.1) to a second IndexedDB database.
import 'fake-indexeddb/auto';
import './browser-globals';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClinicServer, type ClinicServer } from '../../../scripts/clinic-server';
import { openLocal, openRemote } from '../../../src/storage/clinic/browser';
import { generateDatabaseKey } from '../../../src/storage/clinic/e2e';
import { ClinicStore } from '../../../src/storage/clinic/sync';
import { fixtures } from '../../fixtures';

let server: ClinicServer;
const AUTH = { username: 'admin', password: 'pw' };
const AUTH_ADMIN = { name: AUTH.username, password: AUTH.password };
beforeAll(async () => {
  server = await startClinicServer({ admin: AUTH_ADMIN }); // this test is about the adapter, not users
  const headers = { Authorization: `Basic ${btoa(`${AUTH.username}:${AUTH.password}`)}` };
  expect((await fetch(`${server.url}/patient-idb`, { method: 'PUT', headers })).status).toBe(201);
});
afterAll(async () => {
  await server?.stop();
});

describe('clinic store on pouchdb-browser (IndexedDB)', () => {
  it('stores encrypted, reads back after reopening, and replicates to another IndexedDB database', async () => {
    const key = await generateDatabaseKey();
    const record = fixtures('bridge', { negatives: false })[0]!.record;
    const id = crypto.randomUUID();

    const db = openLocal('idb-a');
    const store = new ClinicStore(db, key);
    expect((await store.put(id, record)).ok).toBe(true);
    const raw = JSON.stringify(await db.get(id));
    expect(raw).not.toContain(record.header.exercise);
    await db.close();

    const again = new ClinicStore(openLocal('idb-a'), key);
    const got = await again.get(id);
    expect(got.ok && got.value).toEqual(record);

    const sync = again.sync(openRemote(`${server.url}/patient-idb`, AUTH), { firstRetryMs: 100, maxRetryMs: 400 });
    const other = new ClinicStore(openLocal('idb-b'), key);
    const pull = other.sync(openRemote(`${server.url}/patient-idb`, AUTH), { firstRetryMs: 100, maxRetryMs: 400, push: false });
    try {
      const t0 = performance.now();
      while (!(await other.get(id)).ok) {
        if (performance.now() - t0 > 20_000) throw new Error(`not replicated: ${JSON.stringify([sync.state, pull.state])}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      const r = await other.readAll();
      expect(r.ok && r.value.records.map((x) => x.record)).toEqual([record]);
    } finally {
      sync.cancel();
      pull.cancel();
    }
    await again.db.close();
    await other.db.close();
  });
});
