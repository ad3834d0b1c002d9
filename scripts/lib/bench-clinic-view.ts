/**
 * The clinic view with many patients (issue 10: "50 patients × 30 sessions stays responsive"),
 * for scripts/bench-clinic.ts. On the clinic dev server (127.0.0.1): `patients` patients invited
 * with the real pairing code (pairing.ts), each with `sessions` encrypted summaries made from a
 * real recorded bridge (src/core/clinic/summary.ts), a status and a prescription. Then what the
 * physio's app does to list them, timed: in Node (the same code as the app's state, over HTTP),
 * the decrypt + flags part alone, and, when Chromium is there, the real app's clinic view
 * (through Vite's /clinic proxy) from "Sign in" to every row drawn.
 */
import { existsSync } from 'node:fs';
import { cpus as cpuList, loadavg } from 'node:os';
import { patientOverview, summaryOf, type SetSummary } from '../../src/core/clinic';
import { replay, type SessionRecord } from '../../src/core/session';
import { exercises } from '../../src/exercises';
import { generateKeyPair } from '../../src/storage/clinic/e2e';
import { completePairing, invitePatient, listPatients, openPatient, redeemInvite, type PhysioAccount } from '../../src/storage/clinic/pairing';
import type { PouchDatabase } from '../../src/storage/clinic/pouch-types';
import { readPrescription, writePrescription } from '../../src/storage/clinic/prescription-sync';
import { openEncrypted, putStatus, putSummary, readStatus, readSummaries } from '../../src/storage/clinic/summary';
import { makeProgramme } from '../../src/storage/programme-file';
import { startClinicServer } from '../clinic-server';
import { CHROMIUM_PATH, close, launchBrowser, startApp } from './browser';
import { fixtures } from './fixtures';
import { NodePouch } from './pouch-node';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function pool<T>(xs: readonly T[], n: number, f: (x: T) => Promise<unknown>): Promise<void> {
  let i = 0;
  await Promise.all(Array.from({ length: Math.min(n, xs.length) }, async () => {
    while (i < xs.length) await f(xs[i++] as T);
  }));
}

export async function benchClinicView(opts: { patients: number; sessions: number; runs: number; chromium: boolean }): Promise<string[]> {
  const load = loadavg()[0] ?? 0;
  const cpus = cpuList().length;
  const ADMIN = { name: 'physio', password: 'bench-pw' };
  const server = await startClinicServer({ admin: ADMIN });
  const keys = await generateKeyPair({ extractable: true });
  const physio: PhysioAccount = { server: server.url, ...ADMIN, keys };
  const auth = { username: ADMIN.name, password: ADMIN.password };
  const base = structuredClone(fixtures('bridge', { negatives: false })[0]!.record) as SessionRecord;
  base.events = replay(exercises.bridge, base).events as SessionRecord['events'];
  const now = new Date();
  const t0 = performance.now();
  let summaryBytes = 0;
  const ids: string[] = [];
  // Invited, and the code redeemed (as by the patient's app): paired patients, as in a running clinic.
  for (let p = 0; p < opts.patients; p++) {
    const inv = await invitePatient(physio, `Patient ${p + 1}`, now);
    await redeemInvite(server.url, inv.code, now);
    ids.push(inv.patientId);
  }
  await pool(ids, 6, async (id) => {
    const { dbKey, dbName } = await openPatient(physio, id);
    const db: PouchDatabase = new NodePouch(`${server.url}/${dbName}`, { auth, skip_setup: true });
    for (let s = 0; s < opts.sessions; s++) {
      const r = structuredClone(base);
      r.header.startedAt = new Date(now.getTime() - (opts.sessions - s) * 86_400_000 + ids.indexOf(id) * 60_000).toISOString();
      r.pain = [
        { when: 'before', back: 4, leg: 3 + (s % 3), reach: 'thigh' },
        { when: 'after', back: 3, leg: 2 + (s % 4), reach: s % 7 === 0 ? 'calf' : 'buttock' },
      ];
      const sum: SetSummary = summaryOf(crypto.randomUUID(), r, true, { kind: 'reps', perSide: false }, { result: 'clear', at: now.toISOString() });
      await putSummary(db, dbKey, sum);
    }
    await putStatus(db, dbKey, { v: 1, safety: { result: 'clear', at: now.toISOString() }, updatedAt: now.toISOString() });
    await writePrescription(db, dbKey, makeProgramme([{ exercise: 'bridge', prescription: { sets: 2, reps: 10, sides: ['both'], timesPerDay: 2 } }], now.toISOString()), now.toISOString(), 'bench');
    if (!summaryBytes) summaryBytes = JSON.stringify((await db.allDocs({ include_docs: true, startkey: 'sum-', endkey: 'sum-\ufff0' })).rows[0]?.doc).length;
  });
  const setupS = (performance.now() - t0) / 1000;

  // What the app's state does (clinic-physio.svelte.ts: row()), over HTTP, 6 patients at a time.
  const dbs = new Map<string, { db: PouchDatabase; key: CryptoKey }>();
  const tList: number[] = [];
  for (let run = 0; run < opts.runs; run++) {
    dbs.clear();
    const a = performance.now();
    const list = await listPatients(physio);
    let rows = 0;
    await pool(list, 6, async (id) => {
      const meta = await openPatient(physio, id);
      await completePairing(physio, id, now);
      const db: PouchDatabase = new NodePouch(`${server.url}/${meta.dbName}`, { auth, skip_setup: true });
      dbs.set(id, { db, key: meta.dbKey });
      const [sums, status, rx] = await Promise.all([readSummaries(db, meta.dbKey), readStatus(db, meta.dbKey), readPrescription(db, meta.dbKey)]);
      const lines = rx ? rx.current.programme.exercises.map((l) => ({ exercise: l.exercise, sets: l.prescription.sets, timesPerDay: l.prescription.timesPerDay ?? 1 })) : null;
      patientOverview(sums.summaries, status, lines, now.toISOString(), now.getTimezoneOffset());
      rows += sums.summaries.length === opts.sessions ? 1 : 0;
    });
    if (rows !== opts.patients) throw new Error(`listed ${rows} of ${opts.patients}`);
    tList.push(performance.now() - a);
  }

  // The CPU part alone: documents already fetched; decrypt + validate every summary, then the flags.
  const fetched = await Promise.all([...dbs.values()].map(async ({ db, key }) => ({ key, docs: (await db.allDocs({ include_docs: true, startkey: 'sum-', endkey: 'sum-\ufff0' })).rows.map((r) => r.doc) })));
  const tCpu: number[] = [];
  const { parseSummary } = await import('../../src/core/clinic/summary');
  for (let run = 0; run < opts.runs; run++) {
    const a = performance.now();
    for (const { key, docs } of fetched) {
      const sums: SetSummary[] = [];
      for (const d of docs) {
        const s = parseSummary(await openEncrypted(d, key, 'summary'));
        if (s) sums.push(s);
      }
      patientOverview(sums, null, [{ exercise: 'bridge', sets: 2, timesPerDay: 2 }], now.toISOString());
    }
    tCpu.push(performance.now() - a);
  }

  // The real app in Chromium: sign in → every row drawn.
  let browserLine = '| the app in headless Chromium: "Sign in" → every row drawn (Vite /clinic proxy) | not measured (no Chromium) |';
  let browserRefresh = '';
  let browserCpu = '';
  let requestsLine = '';
  if (opts.chromium && existsSync(CHROMIUM_PATH)) {
    process.env.ROOTWELL_CLINIC = server.url;
    const app = await startApp();
    const b = await launchBrowser({ viewport: { width: 1400, height: 900 } });
    try {
      const page = await b.newPage();
      await page.goto(`${app.url}/#/clinic`);
      await page.getByTestId('clinic-name').waitFor();
      // This browser gets the physio's key pair (as if they had signed in here before).
      const [pub, priv] = await Promise.all([crypto.subtle.exportKey('jwk', keys.publicKey), crypto.subtle.exportKey('jwk', keys.privateKey)]);
      await page.evaluate(async ([pubJwk, privJwk]) => {
        const alg = { name: 'ECDH', namedCurve: 'P-256' };
        const pair = { publicKey: await crypto.subtle.importKey('jwk', pubJwk, alg, true, []), privateKey: await crypto.subtle.importKey('jwk', privJwk, alg, false, ['deriveBits']) };
        await new Promise<void>((res, rej) => {
          const r = indexedDB.open('rootwell-clinic', 1);
          r.onupgradeneeded = () => r.result.createObjectStore('kv');
          r.onerror = () => rej(r.error);
          r.onsuccess = () => {
            const tx = r.result.transaction('kv', 'readwrite');
            tx.objectStore('kv').put(pair, 'physio-keys|/clinic|physio');
            tx.oncomplete = () => (r.result.close(), res());
            tx.onerror = () => rej(tx.error);
          };
        });
      }, [pub, priv] as const);
      await page.getByTestId('clinic-name').fill(ADMIN.name);
      await page.getByTestId('clinic-password').fill(ADMIN.password);
      const a = performance.now();
      await page.getByTestId('clinic-signin-go').click();
      await page.locator('[data-testid=clinic-patient-row]').nth(opts.patients - 1).waitFor({ timeout: 300_000 });
      const wall = performance.now() - a;
      const listed = (await page.getByTestId('clinic-listed').textContent()) ?? '';
      const before = b.requests().length;
      await page.getByTestId('clinic-refresh').click();
      await page.locator('[data-testid=clinic-refresh]:not([disabled])').waitFor({ timeout: 300_000 });
      const perRefresh = b.requests().slice(before).filter((r) => r.url.includes('/clinic/'));
      const kinds = new Map<string, number>();
      for (const r of perRefresh) {
        const path = new URL(r.url).pathname.replace(/^\/clinic\/rw-[0-9a-z]+/, '/{db}');
        const k = path.replace(/sum-[0-9a-f-]+/, 'sum-{id}');
        kinds.set(k, (kinds.get(k) ?? 0) + 1);
      }
      requestsLine = `One refresh made ${perRefresh.length} requests: ${[...kinds].sort((a, b2) => b2[1] - a[1]).slice(0, 6).map(([k, n]) => `${n} × \`${k}\``).join(', ')}.`;
      const refreshes: number[] = [];
      for (let run = 0; run < opts.runs; run++) {
        const r0 = performance.now();
        await page.getByTestId('clinic-refresh').click();
        await page.locator('[data-testid=clinic-refresh]:not([disabled])').waitFor({ timeout: 300_000 });
        refreshes.push(performance.now() - r0);
      }
      // Responsiveness: a click answered while the list is being made.
      const t1 = performance.now();
      await page.getByTestId('clinic-refresh').click();
      const lag = await page.evaluate(() => new Promise<number>((res) => { const s = performance.now(); requestAnimationFrame(() => res(performance.now() - s)); }));
      await page.locator('[data-testid=clinic-refresh]:not([disabled])').waitFor({ timeout: 300_000 });
      void t1;
      // The CPU part alone in the page: every summary document fetched first, then decrypt + validate + flags (the app's own modules, served by Vite).
      const keysRaw = await Promise.all([...dbs.entries()].map(async ([id, { key }]) => ({ db: `rw-${id}`, raw: Buffer.from(await crypto.subtle.exportKey('raw', key)).toString('base64') })));
      const cpuMs = await page.evaluate(
        async ([list, user, pass, runs]) => {
          const paths = ['/src/storage/clinic/summary.ts', '/src/core/clinic/index.ts'];
          const sum = (await import(/* @vite-ignore */ paths[0]!)) as typeof import('../../src/storage/clinic/summary');
          const core = (await import(/* @vite-ignore */ paths[1]!)) as typeof import('../../src/core/clinic');
          const auth = { Authorization: `Basic ${btoa(`${user}:${pass}`)}` };
          const all = await Promise.all(
            list.map(async ({ db, raw }) => {
              const key = await crypto.subtle.importKey('raw', Uint8Array.from(atob(raw), (c) => c.charCodeAt(0)), 'AES-GCM', false, ['decrypt']);
              const r = await fetch(`/clinic/${db}/_all_docs?include_docs=true&startkey=%22sum-%22&endkey=%22sum-%EF%BF%B0%22`, { headers: auth });
              return { key, docs: ((await r.json()) as { rows: { doc: unknown }[] }).rows.map((x) => x.doc) };
            }),
          );
          const times: number[] = [];
          for (let i = 0; i < runs; i++) {
            const t0 = performance.now();
            for (const { key, docs } of all) {
              const xs = [];
              for (const d of docs) {
                const s = core.parseSummary(await sum.openEncrypted(d, key, 'summary'));
                if (s) xs.push(s);
              }
              core.patientOverview(xs, null, [{ exercise: 'bridge', sets: 2, timesPerDay: 2 }], new Date().toISOString());
            }
            times.push(performance.now() - t0);
          }
          return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? NaN;
        },
        [keysRaw, ADMIN.name, ADMIN.password, opts.runs] as const,
      );
      browserCpu = `| the app's code in headless Chromium, CPU only: decrypt + validate ${opts.patients * opts.sessions} summaries and every overview and flag (median of ${opts.runs}) | ${cpuMs.toFixed(0)} |`;
      browserLine = `| the app in headless Chromium: "Sign in" → all ${opts.patients} rows drawn (Vite /clinic proxy; the page's own figure: "${listed.trim()}") | ${wall.toFixed(0)} |`;
      browserRefresh = `| the app in headless Chromium: Refresh → list redrawn (median of ${opts.runs}); a frame during it came after ${lag.toFixed(0)} ms | ${median(refreshes).toFixed(0)} |`;
    } finally {
      await close();
      delete process.env.ROOTWELL_CLINIC;
    }
  }
  await server.stop();

  return [
    `## The clinic view: ${opts.patients} patients × ${opts.sessions} sessions`,
    '',
    `Each patient invited through the real pairing code (their database, user, \`_security\`, wrapped keys), with ${opts.sessions} encrypted summaries made from a real recorded bridge, a status and a prescription, on the dev server (set-up ${setupS.toFixed(0)} s). One summary document on the server: ${summaryBytes} bytes (a full 10-minute record: above). The clinic view decrypts only summaries; a full record is decrypted when the physio opens that session.`,
    '',
    `Load average when this part started: ${load.toFixed(1)} on ${cpus} cores (other work was running: the figures are upper bounds).`,
    '',
    '| listing every patient (what the clinic view does) | ms |',
    '|---|---:|',
    `| Node, over HTTP: list, open each patient's key, finish pairing, fetch + decrypt + validate the summaries, status and prescription, flags (6 patients at a time; median of ${opts.runs}) | ${median(tList).toFixed(0)} |`,
    `| Node, CPU only: decrypt + validate ${opts.patients * opts.sessions} summaries and compute every overview and flag (median of ${opts.runs}) | ${median(tCpu).toFixed(0)} |`,
    browserLine,
    ...(browserRefresh ? [browserRefresh] : []),
    ...(browserCpu ? [browserCpu] : []),
    '',
    ...(requestsLine ? [requestsLine, ''] : []),
  ];
}
