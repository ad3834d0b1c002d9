/**
 * The clinic end to end (issue 10's done-when), in Debian's headless Chromium with the real app
 * (Vite, its /clinic proxy to the clinic dev server this test starts on 127.0.0.1) and TWO
 * browser contexts, the physio's and the patient's:
 *
 *   the physio signs in and invites a patient (code, link, QR) → the patient connects with the code
 *   → the patient saves a set (a real recorded bridge, through the history import) → it appears
 *   in the physio's clinic view (from its encrypted summary), and its review opens (that one
 *   record decrypted) → the physio changes the prescription → it reaches the patient's Today's
 *   programme → the patient saves a set while the server is down (offline, will sync) → back up,
 *   it syncs exactly once → the server's raw documents hold no clear text → revoke: the patient's
 *   page says access ended → a second patient, from a third browser context through the same
 *   /clinic route, cannot read the first's database. Screenshots of both pages in English and Chinese.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClinicServer, type ClinicServer } from '../../scripts/clinic-server';
import { redeemInvite } from '../../src/storage/clinic/pairing';
import { replay, type SessionRecord } from '../../src/core/session';
import { exercises } from '../../src/exercises';
import { close, launchBrowser, startApp, type RunningApp, type RunningBrowser } from '../helpers/browser';
import { FAST_SETTINGS, importOnHistory, openSeeded, shot } from '../helpers/app-page';
import { englishLeft } from '../helpers/latin-words';
import { fixtures } from '../fixtures';

const ADMIN = { name: 'physio', password: 'physio-pw-e2e' };
let server: ClinicServer;
let app: RunningApp;
let b: RunningBrowser;
let patientCtx: BrowserContext;
let physio: Page;
let patient: Page;
let work: string;

/** A real recorded bridge with its events (the coach's replay), started `minutesAgo` ago, with pain check-ins. */
async function recordFile(name: string, minutesAgo: number): Promise<string> {
  const r = structuredClone(fixtures('bridge', { negatives: false })[0]!.record) as SessionRecord;
  r.events = replay(exercises.bridge, r).events as SessionRecord['events'];
  r.header.startedAt = new Date(Date.now() - minutesAgo * 60_000).toISOString();
  r.pain = [
    { when: 'before', back: 4, leg: 3, reach: 'thigh' },
    { when: 'after', back: 3, leg: 2, reach: 'buttock' },
  ];
  const path = join(work, name);
  await writeFile(path, JSON.stringify(r));
  return path;
}

const adminHeaders = { Authorization: `Basic ${btoa(`${ADMIN.name}:${ADMIN.password}`)}` };
async function serverDocs(db: string): Promise<{ text: string; rows: { id: string; doc: { _rev: string } }[] }> {
  const r = await fetch(`${server.url}/${db}/_all_docs?include_docs=true`, { headers: adminHeaders });
  const text = await r.text();
  return { text, rows: (JSON.parse(text) as { rows: { id: string; doc: { _rev: string } }[] }).rows };
}

async function until(what: string, cond: () => Promise<boolean>, ms = 60_000, every?: () => Promise<void>): Promise<void> {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out: ${what}`);
    await every?.();
    await new Promise((r) => setTimeout(r, 400));
  }
}

async function importRecord(path: string): Promise<void> {
  await patient.goto(`${app.url}/#/history`);
  expect(await importOnHistory(patient, path)).toMatchObject({ kind: 'ok' });
  await patient.goto(`${app.url}/#/`); // a page change: the app mirrors the new set at once
  await patient.getByTestId('dose-bridge').waitFor();
}

const refresh = async (): Promise<void> => {
  if (await physio.getByTestId('clinic-refresh').isEnabled()) await physio.getByTestId('clinic-refresh').click();
};
const setLanguage = async (page: Page, lang: string): Promise<void> => void (await page.getByTestId('language').selectOption(lang));

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'rootwell-clinic-'));
  server = await startClinicServer({ admin: ADMIN });
  expect(new URL(server.url).hostname).toBe('127.0.0.1');
  process.env.ROOTWELL_CLINIC = server.url;
  app = await startApp();
  b = await launchBrowser({ viewport: { width: 1400, height: 900 } });
  physio = await openSeeded(b, app.url, FAST_SETTINGS);
  // The patient: another context (its own storage, as another computer).
  patientCtx = await b.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const other = { ...b, context: patientCtx, newPage: () => patientCtx.newPage() };
  patient = await openSeeded(other, app.url, FAST_SETTINGS);
}, 180_000);

afterAll(async () => {
  delete process.env.ROOTWELL_CLINIC;
  await patientCtx?.close().catch(() => undefined);
  await close();
  await server?.stop();
  await rm(work, { recursive: true, force: true });
});

describe('clinic: physio and patient through the clinic server', () => {
  let patientId = '';
  let code = '';

  it('the physio signs in and invites; the patient connects with the code', async () => {
    await physio.goto(`${app.url}/#/clinic`);
    await physio.getByTestId('clinic-name').fill(ADMIN.name);
    await physio.getByTestId('clinic-password').fill('wrong');
    await physio.getByTestId('clinic-signin-go').click();
    await physio.getByTestId('clinic-error').waitFor();
    expect(await physio.getByTestId('clinic-error').textContent()).toMatch(/refused this account/);
    await physio.getByTestId('clinic-password').fill(ADMIN.password);
    await physio.getByTestId('clinic-signin-go').click();
    await physio.getByTestId('clinic-invite-label').fill('Patient A');
    await physio.getByTestId('clinic-invite-go').click();
    await physio.getByTestId('clinic-invite').waitFor();
    code = (await physio.getByTestId('clinic-invite-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
    expect(await physio.getByTestId('clinic-invite-link').textContent()).toContain(`#pair=`);
    expect(await physio.locator('[data-testid=clinic-invite-qr] path').getAttribute('d')).toMatch(/^M\d/);
    await shot(physio, 'clinic-invite');
    const row = physio.getByTestId('clinic-patient-row');
    await row.waitFor();
    patientId = (await row.getAttribute('data-patient')) ?? '';
    expect(patientId).toMatch(/^[0-9a-z]{16}$/);

    // A typo is caught before any request; then the real code.
    await patient.goto(`${app.url}/#/connect`);
    await patient.getByTestId('clinic-code').fill(code.slice(0, -1) + (code.endsWith('0') ? '1' : '0'));
    await patient.getByTestId('clinic-connect').click();
    await patient.getByTestId('clinic-error').waitFor();
    expect(await patient.getByTestId('clinic-error').textContent()).toMatch(/not right/);
    await shot(patient, 'clinic-pair-error-en');
    await patient.getByTestId('clinic-code').fill(code.toLowerCase());
    await patient.getByTestId('clinic-connect').click();
    await until('the patient is connected', async () => ['synced', 'sending'].includes((await patient.getByTestId('clinic-sync-state').getAttribute('data-state').catch(() => '')) ?? ''));
    await patient.getByTestId('clinic-sync-state').and(patient.locator('[data-state=synced]')).waitFor({ timeout: 30_000 });
    await shot(patient, 'clinic-patient-en');
  });

  it('a set saved by the patient appears in the clinic view, and its review opens', async () => {
    await importRecord(await recordFile('set-1.json', 60));
    await physio.getByTestId('clinic-invite').getByRole('button').click();
    await until('the set is in the clinic view', async () => ((await physio.getByTestId('clinic-last').textContent()) ?? '').includes('Bridge'), 60_000, refresh);
    expect(await physio.getByTestId('clinic-week').textContent()).toMatch(/Sets done: \d+/);
    expect(await physio.getByTestId('clinic-flags').textContent()).toContain('Nothing to check');
    await physio.getByTestId('clinic-sessions').locator('summary').click();
    await shot(physio, 'clinic-view-en', true);
    await setLanguage(physio, 'zh-CN');
    await physio.getByRole('heading', { name: '诊所视图' }).waitFor();
    await shot(physio, 'clinic-view-zh', true);
    expect(englishLeft((await physio.locator('main').innerText()).replaceAll('Patient A', ''))).toEqual([]);
    await setLanguage(physio, 'en');
    await physio.getByTestId('clinic-review').first().click();
    await physio.getByTestId('review').and(physio.locator('[data-state=ready]')).waitFor({ timeout: 60_000 });
    expect(Number(await physio.getByTestId('review-reps').textContent())).toBeGreaterThan(0);
  });

  it('the physio changes the prescription; it reaches the patient’s Today’s programme', async () => {
    await physio.goto(`${app.url}/#/clinic/rx/${patientId}`);
    await physio.getByTestId('rx-bridge-reps').fill('13');
    await physio.getByTestId('rx-save').click();
    await physio.getByTestId('programme-ok').waitFor();
    expect(await physio.getByRole('heading', { level: 1 }).textContent()).toBe('Prescription for Patient A');
    await shot(physio, 'clinic-rx-en');
    await patient.goto(`${app.url}/#/connect`);
    await patient.getByTestId('clinic-rx-arrived').waitFor({ timeout: 60_000 });
    await patient.goto(`${app.url}/#/`);
    await patient.getByTestId('dose-bridge').waitFor();
    expect(await patient.getByTestId('dose-bridge').textContent()).toMatch(/13/);
  });

  it('a set saved while the server is down syncs once when it is back; the server holds no clear text', async () => {
    const db = `rw-${patientId}`;
    await server.pause();
    await importRecord(await recordFile('set-2.json', 5));
    await patient.goto(`${app.url}/#/connect`);
    await patient.locator('[data-testid=clinic-sync-state][data-state=offline]').waitFor({ timeout: 60_000 });
    expect(await patient.getByTestId('clinic-sync-state').textContent()).toMatch(/will be sent by themselves/);
    await shot(patient, 'clinic-patient-offline-en');
    await setLanguage(patient, 'zh-CN');
    await patient.getByRole('heading', { name: '诊所' }).waitFor();
    await shot(patient, 'clinic-patient-offline-zh');
    expect(englishLeft(await patient.locator('main').innerText())).toEqual([]);
    await setLanguage(patient, 'en');
    await server.resume();
    const recordIds = async () => (await serverDocs(db)).rows.filter((r) => /^[0-9a-f]{8}-/.test(r.id));
    await until('both sets on the server', async () => (await recordIds()).length === 2, 90_000);
    await patient.locator('[data-testid=clinic-sync-state][data-state=synced]').waitFor({ timeout: 60_000 });
    const docs = await serverDocs(db);
    const ids = docs.rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of await recordIds()) expect(r.doc._rev.startsWith('1-')).toBe(true);
    expect(ids.filter((id) => id.startsWith('sum-'))).toHaveLength(2);
    for (const word of ['bridge', 'Bridge', 'Patient A', 'startedAt', 'meanScore', 'buttock', '"reps"', 'joints']) expect(docs.text).not.toContain(word);
    await physio.goto(`${app.url}/#/clinic`);
    await until('two sessions in the clinic view', async () => ((await physio.getByTestId('clinic-sessions').locator('summary').textContent({ timeout: 1000 }).catch(() => '')) ?? '').includes('(2)'), 30_000, refresh);
  });

  it('the safety screen answered yes on the patient’s device is flagged in the clinic view', async () => {
    await patient.evaluate(() => localStorage.setItem('rootwell.safety.v1', JSON.stringify({ result: 'stop', at: new Date().toISOString() })));
    await patient.goto(`${app.url}/#/history`); // a page change mirrors at once
    await until('the red flag in the clinic view', async () => (await physio.locator('[data-testid=clinic-flags] [data-flag=red-flag]').count()) === 1, 60_000, refresh);
    expect(await physio.getByTestId('clinic-flags').textContent()).toContain('Safety screen answered yes');
    await shot(physio, 'clinic-view-flag-en', true);
  });

  it('revoked: the patient’s page says access ended', async () => {
    await physio.getByTestId('clinic-revoke').click();
    await physio.getByTestId('clinic-revoke-yes').click();
    await until('the patient row is gone', async () => (await physio.getByTestId('clinic-patient-row').count()) === 0);
    await patient.goto(`${app.url}/#/connect`);
    await importRecord(await recordFile('set-3.json', 1)); // something to send: the server refuses
    await patient.goto(`${app.url}/#/connect`);
    await patient.locator('[data-testid=clinic-sync-state][data-state=revoked]').waitFor({ timeout: 60_000 });
    await shot(patient, 'clinic-patient-revoked-en');
  });

  it('stop sharing, then pair again by opening a new link (its code filled in)', async () => {
    await patient.getByTestId('clinic-unpair').click();
    await patient.getByTestId('clinic-unpair-yes').click();
    await patient.locator('[data-testid=clinic-sync-state][data-state=unpaired]').waitFor();
    await physio.goto(`${app.url}/#/clinic`);
    await physio.getByTestId('clinic-invite-label').fill('Patient B');
    await physio.getByTestId('clinic-invite-go').click();
    const link = (await physio.getByTestId('clinic-invite-link').textContent())?.trim() ?? '';
    const newCode = (await physio.getByTestId('clinic-invite-code').textContent())?.trim() ?? '';
    expect(link.startsWith(`${app.url}/#pair=`)).toBe(true);
    await patient.goto(link);
    expect(await patient.getByTestId('clinic-code').inputValue()).toBe(newCode);
    await patient.getByTestId('clinic-connect').click();
    await patient.locator('[data-testid=clinic-sync-state][data-state=synced]').waitFor({ timeout: 30_000 });
    // Everything already on this computer goes to the new database: the three sets, once each.
    await physio.getByTestId('clinic-invite').getByRole('button').click();
    await until('Patient B has the three sets', async () => {
      const row = physio.locator('[data-testid=clinic-patient-row]', { hasText: 'Patient B' });
      return (await row.count()) === 1 && ((await physio.getByTestId('clinic-sessions').locator('summary').textContent({ timeout: 1000 }).catch(() => '')) ?? '').includes('(3)');
    }, 60_000, refresh);
    expect(b.externalRequests()).toEqual([]);
  });

  it('a second patient cannot read the first patient’s database, from a browser, through the app’s /clinic route', async () => {
    const rowB = physio.locator('[data-testid=clinic-patient-row]', { hasText: 'Patient B' });
    const dbB = `rw-${(await rowB.getAttribute('data-patient')) ?? ''}`;
    await physio.getByTestId('clinic-invite-label').fill('Patient C');
    await physio.getByTestId('clinic-invite-go').click();
    await physio.getByTestId('clinic-invite').waitFor();
    const codeC = (await physio.getByTestId('clinic-invite-code').textContent())?.trim() ?? '';
    // Patient C redeems the code (their own device: its CouchDB name and the password it chose).
    const c = await redeemInvite(server.url, codeC, new Date());
    const ctx = await b.browser.newContext();
    try {
      const page = await ctx.newPage();
      await page.goto(`${app.url}/#/connect`);
      const answers = await page.evaluate(
        async ({ own, other, auth }) => {
          const ask = async (path: string, init: RequestInit = {}) => {
            const r = await fetch(`/clinic/${path}`, { ...init, headers: { Authorization: auth, 'Content-Type': 'application/json' } });
            return { path, status: r.status, text: await r.text() };
          };
          const bulk = { method: 'POST', body: JSON.stringify({ docs: [{ id: 'sum-x' }] }) };
          return {
            own: await ask(`${own}/_all_docs`),
            other: [
              await ask(`${other}/_all_docs?include_docs=true`),
              await ask(`${other}/_changes?include_docs=true`),
              await ask(`${other}/_bulk_get`, bulk),
              await ask(`${other}/_security`),
              await ask(other),
              await ask('_all_dbs'),
            ],
          };
        },
        { own: c.dbName, other: dbB, auth: `Basic ${btoa(`${c.name}:${c.password}`)}` },
      );
      expect(answers.own.status, 'patient C reads their own database').toBe(200);
      for (const a of answers.other) {
        expect([401, 403], a.path).toContain(a.status);
        expect(a.text, a.path).not.toMatch(/"enc"|sum-|rw-/);
      }
    } finally {
      await ctx.close();
    }
  });
});
