// Pairing a patient with their physio through the dev CouchDB server (started here on
// 127.0.0.1, stopped at the end; it enforces CouchDB 3's security, see server.test.ts): invite →
// redeem → the patient's encrypted session reaches the physio decrypted; a second patient can
// read nothing of the first through any route; wrong, expired, reused and revoked codes, and a
// server that is down, each give their own PairingError kind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRecord } from '../../../src/core/session';
import { startClinicServer, type ClinicServer } from '../../../scripts/clinic-server';
import { NodePouch as Pouch } from '../../../scripts/lib/pouch-node';
import { exportPublicKey, generateKeyPair } from '../../../src/storage/clinic/e2e';
import {
  checkPairingCode,
  checkPatientLink,
  completePairing,
  invitePatient,
  listPatients,
  openPatient,
  PAIRING_MESSAGES,
  PairingError,
  parsePairingLink,
  productionCouchConfig,
  redeemInvite,
  revokePatient,
  sweepExpiredInvites,
  type PairingErrorKind,
  type PatientLink,
  type PhysioAccount,
} from '../../../src/storage/clinic/pairing';
import type { PouchDatabase, PouchDoc } from '../../../src/storage/clinic/pouch-types';
import { ClinicStore, type SyncState } from '../../../src/storage/clinic/sync';
import { waitFor } from '../../helpers/wait';
import { basicAuth, couchCall } from '../../helpers/couch';
import { fixtures } from '../../fixtures';

const PHYSIO_LOGIN = { name: 'physio', password: 'physio-admin-pw' };
const NOW = new Date('2026-11-02T09:00:00Z');
const FAST = { firstRetryMs: 100, maxRetryMs: 400 };

let server: ClinicServer;
let physio: PhysioAccount;
const opened: PouchDatabase[] = [];
let serial = 0;

function local(name: string): PouchDatabase {
  const db = new Pouch(`pairing-${name}-${process.pid}-${++serial}`, { adapter: 'memory' });
  opened.push(db);
  return db;
}

function remote(link: Pick<PatientLink, 'dbName' | 'name' | 'password'>, url = server.url): PouchDatabase {
  const db = new Pouch(`${url}/${link.dbName}`, { auth: { username: link.name, password: link.password }, skip_setup: true });
  opened.push(db);
  return db;
}

const http = (method: string, path: string, auth: { name: string; password: string }, body?: unknown) =>
  couchCall(server.url, method, path, basicAuth(auth.name, auth.password), body);

async function kindOf(p: Promise<unknown>): Promise<PairingErrorKind | 'resolved'> {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    if (e instanceof PairingError) return e.kind;
    throw e;
  }
}


const clips = fixtures('bridge', { negatives: false });
function newRecord(i: number): { id: string; record: SessionRecord } {
  const clip = clips[i % clips.length];
  if (!clip) throw new Error('no fixtures');
  const record = structuredClone(clip.record);
  record.header.startedAt = new Date(Date.UTC(2026, 10, 2, 8, 0, i)).toISOString();
  return { id: crypto.randomUUID(), record };
}

/** A code with one character changed so that the check character still matches: none exists for a single change, so change two. */
function otherValidCode(code: string): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const chars = code.replace(/-/g, '').split('');
  for (let a = 0; a < 32; a++) {
    for (let b = 0; b < 32; b++) {
      const c = [...chars];
      c[0] = alphabet[a] ?? '0';
      c[1] = alphabet[b] ?? '0';
      const candidate = c.join('');
      if (candidate !== chars.join('') && checkPairingCode(candidate) === 'ok') return candidate;
    }
  }
  throw new Error('no other valid code');
}

beforeAll(async () => {
  server = await startClinicServer({ admin: PHYSIO_LOGIN });
  physio = { server: server.url, ...PHYSIO_LOGIN, keys: await generateKeyPair() };
});

afterAll(async () => {
  await new Promise((r) => setTimeout(r, 50));
  for (const db of opened) await db.close().catch(() => undefined);
  await server?.stop();
});

describe('pairing codes and links', () => {
  it('a code is 24 Crockford base32 characters in six groups, with ≥ 100 random bits; each invite has its own', async () => {
    const a = await invitePatient(physio, 'A', NOW);
    const b = await invitePatient(physio, 'B', NOW);
    expect(a.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/);
    expect(a.code).not.toBe(b.code);
    expect(a.patientId).not.toBe(b.patientId);
    expect(a.dbName).toBe(`rw-${a.patientId}`);
    expect(a.dbName).toMatch(/^[a-z][a-z0-9_$()+/-]*$/);
    expect(a.expiresAt).toBe(new Date(NOW.getTime() + 72 * 3600_000).toISOString());
    expect(checkPairingCode(a.code)).toBe('ok');
    expect(checkPairingCode(a.code.toLowerCase().replace(/-/g, ' '))).toBe('ok');
    await revokePatient(physio, a.patientId);
    await revokePatient(physio, b.patientId);
  });

  it('the check character catches every single mistyped character and every swap of two different neighbours', async () => {
    const { code, patientId } = await invitePatient(physio, 'C', NOW);
    await revokePatient(physio, patientId);
    const chars = code.replace(/-/g, '').split('');
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    let tried = 0;
    for (let i = 0; i < chars.length; i++) {
      for (const ch of alphabet) {
        if (ch === chars[i]) continue;
        const typo = [...chars];
        typo[i] = ch;
        expect(checkPairingCode(typo.join(''))).toBe('typo');
        tried++;
      }
      if (i + 1 < chars.length && chars[i] !== chars[i + 1]) {
        const swapped = [...chars];
        [swapped[i], swapped[i + 1]] = [swapped[i + 1] ?? '', swapped[i] ?? ''];
        expect(checkPairingCode(swapped.join(''))).toBe('typo');
      }
    }
    expect(tried).toBe(24 * 31);
    expect(checkPairingCode(code.slice(0, 10))).toBe('incomplete');
    expect(checkPairingCode(`${code}7`)).toBe('typo');
    expect(checkPairingCode('UUUU')).toBe('typo');
    // I, L and O are read as 1 and 0.
    expect(checkPairingCode(code.replace(/1/g, 'l').replace(/0/g, 'o'))).toBe('ok');
  });

  it('for any 23 characters exactly one check character is right, and then every single change and every neighbour swap is a typo', () => {
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    for (let n = 0; n < 100; n++) {
      const data = Array.from(crypto.getRandomValues(new Uint8Array(23)), (b) => alphabet[b & 31] ?? '0');
      if (n === 0) data.splice(0, 2, '0', 'Z'); // the pair plain Luhn mod 32 cannot tell apart when swapped
      const right = [...alphabet].filter((c) => checkPairingCode([...data, c].join('')) === 'ok');
      expect(right).toHaveLength(1);
      const chars = [...data, right[0] ?? ''];
      for (let i = 0; i < chars.length; i++) {
        const typo = [...chars];
        typo[i] = alphabet[(alphabet.indexOf(chars[i] ?? '0') + 1 + (n % 31)) % 32] ?? '0';
        expect(checkPairingCode(typo.join(''))).toBe('typo');
        if (i + 1 < chars.length && chars[i] !== chars[i + 1]) {
          const swapped = [...chars];
          [swapped[i], swapped[i + 1]] = [swapped[i + 1] ?? '', swapped[i] ?? ''];
          expect(checkPairingCode(swapped.join(''))).toBe('typo');
        }
      }
    }
  });

  it('parsePairingLink reads the link or a bare code, and nothing else', () => {
    const code = 'K7QM-2X9D-PR4T-ZN8W-HC3J-6VBF';
    expect(parsePairingLink(`https://app.example/#pair=${encodeURIComponent('http://127.0.0.1:5984')}|${code}`)).toEqual({ server: 'http://127.0.0.1:5984', code });
    expect(parsePairingLink(`/#pair=/clinic|${code.toLowerCase()}`)).toEqual({ server: '/clinic', code });
    expect(parsePairingLink(`#pair=${encodeURIComponent('https://couch.clinic.example/')}%7C${code}`)).toEqual({ server: 'https://couch.clinic.example', code });
    expect(parsePairingLink(`  ${code.replace(/-/g, ' ')} `)).toEqual({ server: '', code });
    expect(parsePairingLink('hello')).toBeNull();
    expect(parsePairingLink(`#pair=javascript:alert(1)|${code}`)).toBeNull();
    expect(parsePairingLink(`#pair=http://x|${code.slice(0, 8)}`)).toBeNull();
    expect(parsePairingLink(`#pair=${code}`)).toBeNull();
  });

  it('every error kind has a short English sentence; the production configuration names what the app needs', () => {
    const kinds: PairingErrorKind[] = ['wrong-code', 'expired', 'revoked', 'offline', 'denied', 'server'];
    for (const k of kinds) {
      expect(PAIRING_MESSAGES[k]).toMatch(/^[A-Z].{10,160}\.$/);
      expect(new PairingError(k).message).toBe(PAIRING_MESSAGES[k]);
    }
    const ini = productionCouchConfig('https://rootwell.clinic.example');
    expect(ini).toContain('require_valid_user = true');
    expect(ini).toContain('origins = https://rootwell.clinic.example');
    expect(ini).toContain('credentials = true');
    expect(ini).toContain('enable_cors = true');
    expect(ini.match(/^\[chttpd\]$/gm)).toHaveLength(1);
    expect(productionCouchConfig()).not.toContain('[cors]');
  });
});

describe('pairing through the dev CouchDB server', () => {
  it('invite → redeem → the patient writes an encrypted session → the physio reads it decrypted', async () => {
    const invite = await invitePatient(physio, 'Ms Example', NOW);
    expect(await completePairing(physio, invite.patientId, NOW)).toBe('waiting');
    const parsed = parsePairingLink(invite.link);
    expect(parsed).toEqual({ server: server.url, code: invite.code });

    const link = await redeemInvite(parsed!.server, parsed!.code, new Date(NOW.getTime() + 3600_000));
    expect(link).toMatchObject({ server: server.url, patientId: invite.patientId, dbName: invite.dbName, name: `rw-patient-${invite.patientId}` });
    expect(link.physioPublicKey).toEqual(await exportPublicKey(physio.keys.publicKey));
    expect(await checkPatientLink(link)).toBe('paired');
    expect(await completePairing(physio, invite.patientId, NOW)).toBe('paired');
    expect(await completePairing(physio, invite.patientId, NOW)).toBe('paired'); // idempotent

    // After pairing: no wrapped key for the code, the pairing document gone, the patient's key there.
    const raw = await http('GET', `/${invite.dbName}/_all_docs?include_docs=true`, PHYSIO_LOGIN);
    const docs = (raw.json as { rows: { doc: PouchDoc }[] }).rows.map((r) => r.doc);
    expect(docs.map((d) => d._id).sort()).toEqual(['patient-key', 'physio-key']);
    expect(raw.text).not.toContain('Ms Example');
    expect(raw.text).not.toContain(invite.code);
    expect(raw.text).not.toContain(invite.code.replace(/-/g, ''));
    expect(docs.find((d) => d._id === 'patient-key')?.wrappedKey).toBeTruthy();

    // The patient syncs a session with the link; the physio, after a "reload", opens the key from the server.
    const patient = new ClinicStore(local('patient'), link.dbKey);
    const patientSync = patient.sync(remote(link), FAST);
    const reopened = await openPatient(physio, invite.patientId);
    expect(reopened.label).toBe('Ms Example');
    const physioStore = new ClinicStore(local('physio'), reopened.dbKey);
    const physioSync = physioStore.sync(remote({ dbName: invite.dbName, name: PHYSIO_LOGIN.name, password: PHYSIO_LOGIN.password }), { ...FAST, push: false });
    try {
      const { id, record } = newRecord(0);
      expect((await patient.put(id, record)).ok).toBe(true);
      await waitFor('the physio to pull the record', async () => (await physioStore.db.allDocs({ include_docs: true })).rows.some((r) => r.id === id));
      const read = await physioStore.readAll();
      if (!read.ok) throw new Error(read.error.message);
      expect(read.value.records.map((r) => r.id)).toEqual([id]);
      expect(read.value.records[0]?.record).toEqual(record);
      expect(read.value.refused).toEqual([]); // the key documents are not pulled into the store
      const onServer = await http('GET', `/${invite.dbName}/${id}`, PHYSIO_LOGIN);
      expect(Object.keys(onServer.json as object).sort()).toEqual(['_id', '_rev', 'enc', 'type']);
    } finally {
      patientSync.cancel();
      physioSync.cancel();
    }
    expect(await listPatients(physio)).toContain(invite.patientId);
  });

  it("a second patient cannot read the first's database through any route, nor list databases", async () => {
    const first = await invitePatient(physio, 'First', NOW);
    const firstLink = await redeemInvite(server.url, first.code, NOW);
    const firstStore = new ClinicStore(local('first'), firstLink.dbKey);
    const { id, record } = newRecord(1);
    expect((await firstStore.put(id, record)).ok).toBe(true);
    const push = firstStore.sync(remote(firstLink), FAST);
    await waitFor('the first patient to push', async () => (await http('GET', `/${first.dbName}/${id}`, PHYSIO_LOGIN)).status === 200);
    push.cancel();

    const second = await invitePatient(physio, 'Second', NOW);
    const secondLink = await redeemInvite(server.url, second.code, NOW);
    const them = { name: secondLink.name, password: secondLink.password };
    const db = first.dbName;
    const attempts: [string, string, unknown?][] = [
      ['GET', `/${db}`],
      ['GET', `/${db}/${id}`],
      ['GET', `/${db}/physio-key`],
      ['GET', `/${db}/_all_docs?include_docs=true`],
      ['GET', `/${db}/_changes?include_docs=true&style=all_docs`],
      ['POST', `/${db}/_bulk_get`, { docs: [{ id }] }],
      ['POST', `/${db}/_revs_diff`, { [id]: ['1-x'] }],
      ['POST', `/${db}/_all_docs`, { keys: [id] }],
      ['POST', `/${db}/_find`, { selector: { type: 'session' } }],
      ['GET', `/${db}/_local/anything`],
      ['PUT', `/${db}/${crypto.randomUUID()}`, { type: 'session' }],
      ['PUT', `/${db}/_security`, { members: { names: [secondLink.name] } }],
      ['GET', '/_all_dbs'],
      ['GET', `/_users/org.couchdb.user:${firstLink.name}`],
    ];
    for (const [method, path, body] of attempts) {
      const r = await http(method, path, them, body);
      expect([method, path, r.status === 403 || r.status === 404]).toEqual([method, path, true]);
      expect(r.text).not.toContain('"enc"');
      expect(r.text).not.toContain(first.patientId);
    }
    // Replication with PouchDB, the way the app syncs: denied, nothing pulled.
    const stolen = local('stolen');
    const outcome = await new Promise<{ status?: number }>((resolve) => {
      const rep = stolen.replicate.from(remote({ dbName: db, name: them.name, password: them.password }));
      rep.on('error', (e) => resolve(e as { status?: number }));
      rep.on('complete', () => resolve({ status: 200 }));
    });
    expect(outcome.status).toBe(403);
    expect((await stolen.info()).doc_count).toBe(0);
    // Nor with the first patient's key and the second's account in a live sync: denied.
    const thief = new ClinicStore(local('thief'), firstLink.dbKey);
    const h = thief.sync(remote({ dbName: db, name: them.name, password: them.password }), FAST);
    try {
      await waitFor('the thief to be denied', () => h.state.state === 'denied' || h.state.state === 'offline');
      expect((await thief.readAll()).ok && (await thief.db.info()).doc_count).toBe(0);
    } finally {
      h.cancel();
    }
  });

  it("wrong code: a typo is 'wrong-code' before any request; a well-formed unknown code is 'wrong-code' from the server", async () => {
    const invite = await invitePatient(physio, 'Typo', NOW);
    const chars = invite.code.replace(/-/g, '').split('');
    chars[5] = chars[5] === 'A' ? 'B' : 'A';
    // A closed port: had it made a request, the answer would be 'offline'.
    expect(await kindOf(redeemInvite('http://127.0.0.1:9', chars.join(''), NOW))).toBe('wrong-code');
    expect(await kindOf(redeemInvite(server.url, otherValidCode(invite.code), NOW))).toBe('wrong-code');
    // The real code still works afterwards.
    expect((await redeemInvite(server.url, invite.code, NOW)).patientId).toBe(invite.patientId);
  });

  it("an expired code is 'expired'; the physio's side then removes the invite, and the code is gone for good", async () => {
    const invite = await invitePatient(physio, 'Late', NOW, 1);
    const later = new Date(NOW.getTime() + 2 * 3600_000);
    expect(await kindOf(redeemInvite(server.url, invite.code, later))).toBe('expired');
    expect(await completePairing(physio, invite.patientId, NOW)).toBe('waiting');
    expect(await kindOf(completePairing(physio, invite.patientId, later))).toBe('expired');
    expect(await kindOf(completePairing(physio, invite.patientId, later))).toBe('revoked'); // gone now
    expect((await http('GET', `/${invite.dbName}`, PHYSIO_LOGIN)).status).toBe(404);
    expect((await http('GET', `/_users/org.couchdb.user:rw-patient-${invite.patientId}`, PHYSIO_LOGIN)).status).toBe(404);
    expect(await kindOf(redeemInvite(server.url, invite.code, NOW))).toBe('wrong-code');

    // The sweep does it for every patient, and leaves the paired and the fresh alone.
    const stale = await invitePatient(physio, 'Stale', NOW, 1);
    const fresh = await invitePatient(physio, 'Fresh', later, 1);
    const paired = await invitePatient(physio, 'Paired', NOW, 1);
    await redeemInvite(server.url, paired.code, NOW);
    const removed = await sweepExpiredInvites(physio, later);
    expect(removed).toContain(stale.patientId);
    expect(removed).not.toContain(fresh.patientId);
    expect(removed).not.toContain(paired.patientId);
    expect(await listPatients(physio)).not.toContain(stale.patientId);
  });

  it("a code used once is 'wrong-code' the second time; two devices racing with one code: one wins", async () => {
    const invite = await invitePatient(physio, 'Once', NOW);
    const link = await redeemInvite(server.url, invite.code, NOW);
    expect(await kindOf(redeemInvite(server.url, invite.code, NOW))).toBe('wrong-code');
    // The pairing document kept no wrapped key; the patient's own link still works.
    const pairing = await http('GET', `/${invite.dbName}/pairing`, PHYSIO_LOGIN);
    expect(pairing.status).toBe(200);
    expect((pairing.json as Record<string, unknown>).wrappedKey).toBeUndefined();
    expect((pairing.json as Record<string, unknown>).sealed).toBeUndefined();
    expect(await checkPatientLink(link)).toBe('paired');

    const race = await invitePatient(physio, 'Race', NOW);
    const outcomes = await Promise.all([kindOf(redeemInvite(server.url, race.code, NOW)), kindOf(redeemInvite(server.url, race.code, NOW))]);
    expect(outcomes.filter((k) => k === 'resolved')).toHaveLength(1);
    expect(outcomes.filter((k) => k === 'wrong-code'), outcomes.join()).toHaveLength(1);
  });

  it("a revoked patient: their next request is refused, 'revoked'; the sync says 'denied'; nothing else leaks", async () => {
    const invite = await invitePatient(physio, 'Gone', NOW);
    const link = await redeemInvite(server.url, invite.code, NOW);
    const store = new ClinicStore(local('revoked'), link.dbKey);
    const { id, record } = newRecord(2);
    expect((await store.put(id, record)).ok).toBe(true);
    const h = store.sync(remote(link), FAST);
    await waitFor('the first push', async () => (await http('GET', `/${invite.dbName}/${id}`, PHYSIO_LOGIN)).status === 200);
    h.cancel();

    await revokePatient(physio, invite.patientId);
    expect(await kindOf(checkPatientLink(link))).toBe('revoked');
    const r = await http('GET', `/${invite.dbName}/${id}`, link);
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ error: 'unauthorized', reason: 'Name or password is incorrect.' });
    const states: SyncState['state'][] = [];
    const again = store.sync(remote(link), FAST);
    again.onstate = (s) => states.push(s.state);
    try {
      await waitFor('the sync to be denied', () => again.state.state === 'denied');
    } finally {
      again.cancel();
    }
    // The physio keeps the records; the patient keeps theirs locally.
    expect((await http('GET', `/${invite.dbName}/${id}`, PHYSIO_LOGIN)).status).toBe(200);
    const mine = await store.readAll();
    expect(mine.ok && mine.value.records.map((x) => x.id)).toEqual([id]);
    expect(await kindOf(completePairing(physio, invite.patientId, NOW))).toBe('revoked');

    // Revoked before the code was used: the code no longer signs in.
    const unused = await invitePatient(physio, 'Never', NOW);
    await revokePatient(physio, unused.patientId);
    expect(await kindOf(redeemInvite(server.url, unused.code, NOW))).toBe('wrong-code');
    expect((await http('GET', `/${unused.dbName}/pairing`, PHYSIO_LOGIN)).status).toBe(404);
  });

  it('the code never reaches the server: no request of invite, redeem or complete carries it', async () => {
    const seen: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      seen.push(`${String(input)} ${[...headers.entries()].map(([k, v]) => `${k}: ${v}`).join(' ')} ${typeof init?.body === 'string' ? init.body : ''}`);
      return realFetch(input, init);
    };
    let code = '';
    try {
      const invite = await invitePatient(physio, 'Quiet', NOW);
      code = invite.code;
      await redeemInvite(server.url, invite.code, NOW);
      expect(await completePairing(physio, invite.patientId, NOW)).toBe('paired');
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(seen.length).toBeGreaterThan(8);
    const all = seen.join('\n');
    for (const form of [code, code.replace(/-/g, ''), code.replace(/-/g, '').toLowerCase(), code.replace(/-/g, '').slice(0, 23)]) {
      expect(all).not.toContain(form);
      expect(all).not.toContain(btoa(form).replace(/=+$/, ''));
    }
    expect(all).not.toContain('Quiet');
  });

  it("a pairing document changed on the server is refused ('server'), and so is a patient key the server forged", async () => {
    const invite = await invitePatient(physio, 'Tampered', NOW);
    const path = `/${invite.dbName}/pairing`;
    const original = (await http('GET', path, PHYSIO_LOGIN)).json as Record<string, unknown>;
    // The server moves the expiry in the clear: ignored (the sealed copy counts).
    const later = { ...original, expiresAt: '2099-01-01T00:00:00.000Z' };
    expect((await http('PUT', path, PHYSIO_LOGIN, later)).status).toBe(201);
    expect(await kindOf(redeemInvite(server.url, invite.code, new Date(NOW.getTime() + 100 * 3600_000)))).toBe('expired');
    // The server swaps the sealed part for another invite's: refused.
    const other = await invitePatient(physio, 'Other', NOW);
    const otherDoc = (await http('GET', `/${other.dbName}/pairing`, PHYSIO_LOGIN)).json as Record<string, unknown>;
    const current = (await http('GET', path, PHYSIO_LOGIN)).json as Record<string, unknown>;
    expect((await http('PUT', path, PHYSIO_LOGIN, { ...current, sealed: otherDoc.sealed })).status).toBe(201);
    expect(await kindOf(redeemInvite(server.url, invite.code, NOW))).toBe('server');
    // Put back, the invite still works (nothing was spent).
    const now2 = (await http('GET', path, PHYSIO_LOGIN)).json as Record<string, unknown>;
    expect((await http('PUT', path, PHYSIO_LOGIN, { ...original, _rev: now2._rev })).status).toBe(201);
    const link = await redeemInvite(server.url, invite.code, NOW);
    // A patient key the server forges (its own public key, no valid proof) is refused by the physio.
    const keyPath = `/${invite.dbName}/patient-key`;
    const keyDoc = (await http('GET', keyPath, PHYSIO_LOGIN)).json as Record<string, unknown>;
    const forged = await exportPublicKey((await generateKeyPair()).publicKey);
    expect((await http('PUT', keyPath, PHYSIO_LOGIN, { ...keyDoc, publicKey: forged })).status).toBe(201);
    expect(await kindOf(completePairing(physio, invite.patientId, NOW))).toBe('server');
    expect(await checkPatientLink(link)).toBe('paired');
    await revokePatient(physio, other.patientId);
  });

  it("the server down: 'offline' on both sides; the physio's wrong password: 'denied'", async () => {
    const invite = await invitePatient(physio, 'Offline', NOW);
    await server.pause();
    try {
      expect(await kindOf(redeemInvite(server.url, invite.code, NOW))).toBe('offline');
      expect(await kindOf(invitePatient(physio, 'X', NOW))).toBe('offline');
      expect(await kindOf(completePairing(physio, invite.patientId, NOW))).toBe('offline');
      expect(await kindOf(checkPatientLink({ server: server.url, dbName: invite.dbName, name: 'x', password: 'y' }))).toBe('offline');
    } finally {
      await server.resume();
    }
    // Nothing was spent while offline: the code still works.
    expect((await redeemInvite(server.url, invite.code, NOW)).dbName).toBe(invite.dbName);
    expect(await kindOf(invitePatient({ ...physio, password: 'wrong' }, 'X', NOW))).toBe('denied');
    expect(await kindOf(listPatients({ ...physio, password: 'wrong' }))).toBe('denied');
  });
});
