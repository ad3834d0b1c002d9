// The clinic's encrypted store replicating through a real CouchDB-protocol server (the dev
// server, started here on 127.0.0.1 and stopped at the end): the patient writes, the physio
// reads decrypted; the server holds only ciphertext; offline writes sync once; hostile documents
// from the server are refused; a server that drops mid-sync loses nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRecord } from '../../../src/core/session';
import { startClinicServer, type ClinicServer } from '../../../scripts/clinic-server';
import { NodePouch as Pouch } from '../../../scripts/lib/pouch-node';
import {
  deriveSharedKey,
  encryptDoc,
  exportPublicKey,
  generateDatabaseKey,
  generateKeyPair,
  importPublicKey,
  unwrapDatabaseKey,
  wrapDatabaseKey,
} from '../../../src/storage/clinic/e2e';
import type { PouchDatabase, PouchDoc } from '../../../src/storage/clinic/pouch-types';
import { ClinicStore, type SyncHandle } from '../../../src/storage/clinic/sync';
import { waitFor } from '../../helpers/wait';
import { basicAuth, couchCall } from '../../helpers/couch';
import { fixtures } from '../../fixtures';

const ADMIN = { name: 'admin', password: 'admin-pw' };
const PATIENT = { username: 'patient-1', password: 'patient-pw' };
const PHYSIO = { username: 'physio-1', password: 'physio-pw' };
const DB = 'patient-1-records';
const FAST = { firstRetryMs: 100, maxRetryMs: 400 };

let server: ClinicServer;
let patientKey: CryptoKey;
let physioKey: CryptoKey;
let patient: ClinicStore;
let physio: ClinicStore;
let patientSync: SyncHandle;
let physioSync: SyncHandle;
const opened: PouchDatabase[] = [];
let serial = 0;

const http = (method: string, path: string, body?: unknown) => couchCall(server.url, method, path, basicAuth(ADMIN.name, ADMIN.password), body);

/** The server's documents, read raw over HTTP. */
async function serverDocs(): Promise<PouchDoc[]> {
  const r = await http('GET', `/${DB}/_all_docs?include_docs=true`);
  expect(r.status).toBe(200);
  return (r.json as { rows: { doc: PouchDoc }[] }).rows.map((row) => row.doc);
}

function local(name: string): PouchDatabase {
  const db = new Pouch(`${name}-${process.pid}-${++serial}`, { adapter: 'memory' });
  opened.push(db);
  return db;
}

function remote(auth: { username: string; password: string }): PouchDatabase {
  const db = new Pouch(`${server.url}/${DB}`, { auth, skip_setup: true });
  opened.push(db);
  return db;
}


/** Real recorded sessions, each as a new set (own id, own start time). */
const clips = fixtures('bridge', { negatives: false }).concat(fixtures('sit-up', { negatives: false }));
function newRecord(i: number): { id: string; record: SessionRecord } {
  const clip = clips[i % clips.length];
  if (!clip) throw new Error('no fixtures');
  const record = structuredClone(clip.record);
  record.header.startedAt = new Date(Date.UTC(2026, 10, 1, 8, 0, i)).toISOString();
  record.pain = [{ when: 'after', back: 3, leg: 2, reach: 'thigh' }];
  return { id: crypto.randomUUID(), record };
}

/** The physio's local copy holds these documents (cheap: no decryption; the tests decrypt after). */
async function physioHas(ids: string[]): Promise<boolean> {
  const have = new Set((await physio.db.allDocs({ include_docs: true })).rows.map((row) => row.id));
  return ids.every((id) => have.has(id));
}

beforeAll(async () => {
  server = await startClinicServer({ admin: ADMIN });
  expect(new URL(server.url).hostname).toBe('127.0.0.1');
  // What pairing will do (not built yet): users, the patient's database, its members.
  for (const u of [PATIENT, PHYSIO]) {
    const id = `org.couchdb.user:${u.username}`;
    expect((await http('PUT', `/_users/${id}`, { _id: id, name: u.username, password: u.password, roles: [], type: 'user' })).status).toBe(201);
  }
  expect((await http('PUT', `/${DB}`)).status).toBe(201);
  const members = { members: { names: [PATIENT.username, PHYSIO.username], roles: [] }, admins: { names: [], roles: [] } };
  expect((await http('PUT', `/${DB}/_security`, members)).status).toBe(200);

  // Keys: the physio makes the database key and wraps it for the patient (ECDH) and for itself.
  const physioPair = await generateKeyPair();
  const patientPair = await generateKeyPair();
  const dbKey = await generateDatabaseKey();
  const forPatient = await wrapDatabaseKey(dbKey, await deriveSharedKey(physioPair.privateKey, await importPublicKey(await exportPublicKey(patientPair.publicKey)), DB), DB);
  const forPhysio = await wrapDatabaseKey(dbKey, await deriveSharedKey(physioPair.privateKey, physioPair.publicKey, DB), DB);
  patientKey = await unwrapDatabaseKey(forPatient, await deriveSharedKey(patientPair.privateKey, await importPublicKey(await exportPublicKey(physioPair.publicKey)), DB), DB);
  physioKey = await unwrapDatabaseKey(forPhysio, await deriveSharedKey(physioPair.privateKey, physioPair.publicKey, DB), DB);

  patient = new ClinicStore(local('patient'), patientKey);
  physio = new ClinicStore(local('physio'), physioKey);
  patientSync = patient.sync(remote(PATIENT), FAST);
  physioSync = physio.sync(remote(PHYSIO), { ...FAST, push: false });
});

afterAll(async () => {
  patientSync?.cancel();
  physioSync?.cancel();
  await new Promise((r) => setTimeout(r, 50));
  for (const db of opened) await db.close().catch(() => undefined);
  await server?.stop();
});

describe('clinic sync through the dev CouchDB server', () => {
  it('a record written on the patient side appears, decrypted, on the physio side', async () => {
    const { id, record } = newRecord(0);
    const put = await patient.put(id, record);
    expect(put.ok).toBe(true);
    const ms = await waitFor('the physio to read the record', () => physioHas([id]));
    const r = await physio.readAll();
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.records.find((x) => x.id === id)?.record).toEqual(record);
    expect(r.value.refused).toEqual([]);
    console.log(`[clinic] patient → server → physio, one ${Math.round(JSON.stringify(record).length / 1024)} kB record: ${Math.round(ms)} ms on localhost`);
  });

  it("the server's raw documents hold no keypoint, score, pain answer or exercise name in the clear", async () => {
    const { id, record } = newRecord(1);
    expect((await patient.put(id, record)).ok).toBe(true);
    await waitFor('the record on the server', async () => (await serverDocs()).some((d) => d._id === id));
    const docs = await serverDocs();
    const raw = (await http('GET', `/${DB}/_all_docs?include_docs=true`)).text + (await http('GET', `/${DB}/_changes?include_docs=true&style=all_docs`)).text;
    const firstRow = record.frames.k.find((k) => k !== null) ?? [];
    for (const needle of [
      record.header.exercise,
      ...clips.map((c) => c.record.header.exercise),
      record.header.model,
      record.header.startedAt,
      JSON.stringify(firstRow.slice(0, 4)).slice(1, -1),
      ...record.frames.joints.slice(0, 6),
      '"score"',
      '"pain"',
      'thigh',
      '"frames"',
    ]) {
      expect(raw, needle).not.toContain(needle);
    }
    for (const d of docs.filter((x) => !x._id.startsWith('_design/'))) {
      expect(Object.keys(d).sort()).toEqual(['_id', '_rev', 'enc', 'type']);
      expect(Object.keys(d.enc as object).sort()).toEqual(['ct', 'iv', 'v']);
      expect(d.type).toBe('session');
    }
  });

  it('a client offline keeps writing; back online, each record syncs exactly once', async () => {
    await waitFor('sync idle', () => patientSync.state.state === 'idle');
    await server.pause();
    const offline = [newRecord(2), newRecord(3), newRecord(4)];
    for (const { id, record } of offline) expect((await patient.put(id, record)).ok).toBe(true);
    await waitFor('the patient to notice it is offline', () => patientSync.state.state === 'offline');
    // Still readable locally while offline.
    const mine = await patient.readAll();
    expect(mine.ok && offline.every((o) => mine.value.records.some((r) => r.id === o.id))).toBe(true);

    await server.resume();
    const ids = offline.map((o) => o.id);
    await waitFor('the offline records on the physio side', () => physioHas(ids));
    await waitFor('sync idle again', () => patientSync.state.state === 'idle');
    const docs = await serverDocs();
    for (const id of ids) {
      const onServer = docs.filter((d) => d._id === id);
      expect(onServer).toHaveLength(1);
      expect(onServer[0]?._rev).toMatch(/^1-/); // written once, never re-sent as a new revision
    }
    const r = await physio.readAll();
    if (!r.ok) throw new Error(r.error.message);
    const seen = r.value.records.map((x) => x.id);
    expect(new Set(seen).size).toBe(seen.length);
    // Same set of sets on both sides.
    const p = await patient.readAll();
    if (!p.ok) throw new Error(p.error.message);
    expect(seen.sort()).toEqual(p.value.records.map((x) => x.id).sort());
  });

  it('hostile or corrupt documents put on the server are refused by the reading client, nothing of them in its records', async () => {
    const good = newRecord(5);
    expect((await patient.put(good.id, good.record)).ok).toBe(true);
    await waitFor('the good record at the physio', () => physioHas([good.id]));
    const goodDoc = await patient.db.get(good.id);

    // A member who has the key (or a bug) writing a record that fails the schema.
    const bad = structuredClone(good.record) as SessionRecord;
    bad.header.exercise = '<img src=x onerror=alert(1)>';
    const evil = {
      plain: { _id: 'evil-plain', type: 'session', record: good.record }, // clear text, not an envelope
      extra: { ...goodDoc, _id: 'evil-extra', _rev: undefined, note: 'clear field' }, // an envelope plus a clear field
      garbage: { _id: 'evil-garbage', type: 'session', enc: { v: 1, iv: 'AAAAAAAAAAAAAAAA', ct: 'bm90IGEgY2lwaGVydGV4dCBhdCBhbGw=' } },
      replayed: { _id: 'evil-replayed', type: 'session', enc: goodDoc.enc }, // a real ciphertext under another id
      schema: { _id: 'evil-schema', type: 'session', enc: await encryptDoc(physioKey, bad, 'evil-schema') },
      design: { _id: '_design/evil', views: { all: { map: 'function (doc) { emit(doc._id) }' } } },
    };
    for (const doc of Object.values(evil)) {
      const r = await http('PUT', `/${DB}/${encodeURIComponent(doc._id).replace('%2F', '/')}`, doc);
      expect(r.status, r.text).toBe(201);
    }
    // And the server deletes a good record.
    const onServer = (await serverDocs()).find((d) => d._id === good.id);
    expect((await http('DELETE', `/${DB}/${good.id}?rev=${onServer?._rev}`)).status).toBe(200);

    const marker = await newRecordOnServer();
    await waitFor('the physio to pull past the hostile documents', () => physioHas([marker]));

    const r = await physio.readAll();
    if (!r.ok) throw new Error(r.error.message);
    const ids = r.value.records.map((x) => x.id);
    for (const id of Object.values(evil).map((d) => d._id)) expect(ids).not.toContain(id);
    expect(JSON.stringify(r.value.records)).not.toContain('onerror');
    // The deleted record is still there on both sides.
    expect(ids).toContain(good.id);
    expect((await patient.get(good.id)).ok).toBe(true);
    // What failed the envelope (clear text, an extra clear field, a design document) and the
    // deletion were never stored; what looks like an envelope is kept as ciphertext but refused.
    for (const id of ['evil-plain', 'evil-extra', '_design/evil']) {
      await expect(physio.db.get(id)).rejects.toMatchObject({ status: 404 });
    }
    const refused = Object.fromEntries(r.value.refused.map((x) => [x.id, x.reason]));
    expect(refused).toEqual({ 'evil-garbage': 'decrypt', 'evil-replayed': 'decrypt', 'evil-schema': 'record' });
    const one = await physio.get('evil-schema');
    expect(one.ok).toBe(false);

    // The patient's side refuses them the same way.
    await waitFor('the patient to pull them too', async () => (await patient.db.get('evil-schema').then(() => true, () => false)));
    const pr = await patient.readAll();
    if (!pr.ok) throw new Error(pr.error.message);
    expect(pr.value.records.map((x) => x.id)).not.toContain('evil-schema');
    expect(pr.value.refused.map((x) => x.id).sort()).toEqual(['evil-garbage', 'evil-replayed', 'evil-schema']);
  });

  it('a newer revision the server wrote (it cannot make a valid one) does not erase the record: the older one is shown', async () => {
    const good = newRecord(6);
    expect((await patient.put(good.id, good.record)).ok).toBe(true);
    await waitFor('the record at the physio', () => physioHas([good.id]));
    const onServer = (await serverDocs()).find((d) => d._id === good.id);
    const forged = { ...onServer, enc: { v: 1, iv: 'AAAAAAAAAAAAAAAA', ct: 'Zm9yZ2VkIGJ5IHRoZSBzZXJ2ZXIgd2l0aG91dCB0aGUga2V5' } };
    expect((await http('PUT', `/${DB}/${good.id}`, forged)).status).toBe(201);
    await waitFor('the forged revision at the physio', async () => (await physio.db.get(good.id))._rev?.startsWith('2-') ?? false);
    const r = await physio.readAll();
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.records.find((x) => x.id === good.id)?.record).toEqual(good.record);
    const refusal = r.value.refused.find((x) => x.id === good.id);
    expect(refusal?.reason).toBe('decrypt');
    expect(refusal?.message).toMatch(/newer version was refused/);
    const one = await physio.get(good.id);
    expect(one.ok && one.value).toEqual(good.record);
  });

  it('a wrong password or a user who is not a member is denied, not offline; nothing is pulled', async () => {
    const wrong = new ClinicStore(local('wrong-password'), physioKey);
    const a = wrong.sync(remote({ username: PHYSIO.username, password: 'not-it' }), { ...FAST, push: false });
    const stranger = `stranger-${serial}`;
    const id = `org.couchdb.user:${stranger}`;
    expect((await http('PUT', `/_users/${id}`, { _id: id, name: stranger, password: 'pw', roles: [], type: 'user' })).status).toBe(201);
    const outsider = new ClinicStore(local('outsider'), physioKey);
    const b = outsider.sync(remote({ username: stranger, password: 'pw' }), { ...FAST, push: false });
    try {
      await waitFor('wrong password denied', () => a.state.state === 'denied');
      await waitFor('non-member denied', () => b.state.state === 'denied');
    } finally {
      a.cancel();
      b.cancel();
    }
    expect((await wrong.db.allDocs({ include_docs: true })).rows).toHaveLength(0);
    expect((await outsider.db.allDocs({ include_docs: true })).rows).toHaveLength(0);
  });

  it('the server going down mid-sync loses nothing', async () => {
    await waitFor('sync idle', () => patientSync.state.state === 'idle');
    // A second patient device with a small batch, so that the push takes several requests.
    const device = new ClinicStore(local('patient-device-2'), patientKey);
    const batch = Array.from({ length: 24 }, (_, i) => newRecord(10 + i));
    for (const { id, record } of batch) expect((await device.put(id, record)).ok).toBe(true);
    let pushedAtDrop = -1;
    const sync = device.sync(remote(PATIENT), { ...FAST, batchSize: 2, push: true });
    sync.onchange = (direction) => {
      if (direction === 'push' && pushedAtDrop < 0) {
        pushedAtDrop = sync.pushed;
        void server.pause().then(() => setTimeout(() => void server.resume(), 300));
      }
    };
    const ids = batch.map((b) => b.id);
    try {
      await waitFor('every record at the physio after the drop', () => physioHas(ids), 30_000);
    } finally {
      sync.cancel();
    }
    expect(pushedAtDrop).toBeGreaterThan(0);
    expect(pushedAtDrop).toBeLessThan(batch.length); // the drop really came mid-sync
    const docs = await serverDocs();
    for (const { id } of batch) expect(docs.filter((d) => d._id === id).map((d) => d._rev?.slice(0, 2))).toEqual(['1-']);
    const r = await physio.readAll();
    if (!r.ok) throw new Error(r.error.message);
    for (const { id, record } of batch) expect(r.value.records.find((x) => x.id === id)?.record).toEqual(record);
  });
});

/** A record written by the patient, waited for on the server (a marker that the feed moved on). */
async function newRecordOnServer(): Promise<string> {
  const m = newRecord(99);
  expect((await patient.put(m.id, m.record)).ok).toBe(true);
  await waitFor('the marker on the server', async () => (await serverDocs()).some((d) => d._id === m.id));
  return m.id;
}
