/**
 * XSS-safe rendering and no eval:
 * - static: no {@html}, innerHTML/outerHTML/insertAdjacentHTML/document.write, eval, new Function
 *   or string timers anywhere in src/ (Svelte text interpolation escapes everything else);
 * - the import schemas reject < > and control characters in every free-text field;
 * - hostile names that pass the schema (quotes, entities, javascript: URLs, template syntax,
 *   a right-to-left override) imported through the real file-import path are shown as plain
 *   text: no element, attribute or script is created from them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProgramme, parseProgramme } from '../../src/storage/programme-file';
import { exercises } from '../../src/exercises';
import { close, launchBrowser, REPO_ROOT, startApp, type RunningApp } from '../helpers/browser';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|svelte|js|html)$/.test(f) ? [p] : [];
  });
}

const NOW = new Date().toISOString();
const HOSTILE = [
  '" onmouseover="window.__xss=1" x="',
  "' autofocus onfocus='window.__xss=1",
  '&lt;img src=x onerror=window.__xss=1&gt;',
  'javascript:window.__xss=1',
  '{@html window.__xss=1} ${window.__xss=1} {{constructor.constructor("window.__xss=1")()}}',
  'Dr \u202eevil\u202c O\'Brien & "Partners"',
];

describe('static: nothing renders raw HTML or evaluates strings', () => {
  const src = files(join(REPO_ROOT, 'src'));
  it.each([
    ['{@html', /\{@html\b/],
    ['innerHTML / outerHTML', /\.(inner|outer)HTML\s*=/],
    ['insertAdjacentHTML', /insertAdjacentHTML/],
    ['document.write', /document\.write/],
    ['eval(', /(^|[^\w.])eval\s*\(/],
    ['new Function', /new\s+Function\s*\(/],
    ['string timers', /set(Timeout|Interval)\s*\(\s*['"`]/],
  ])('no %s in src/', (_name, re) => {
    const hits = src.filter((f) => re.test(readFileSync(f, 'utf8')));
    expect(hits).toEqual([]);
  });
});

describe('import schemas', () => {
  const base = () => makeProgramme([{ exercise: 'bridge', prescription: exercises.bridge.defaults }], NOW, { author: 'A', note: 'N' });
  it('reject < > in free text', () => {
    for (const bad of ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', 'a > b']) {
      const p = { ...base(), author: bad };
      expect(parseProgramme(JSON.stringify(p)).ok).toBe(false);
      const q = { ...base(), exercises: [{ ...base().exercises[0]!, note: bad }] };
      expect(parseProgramme(JSON.stringify(q)).ok).toBe(false);
    }
  });
  it('accept hostile text without < > (it is rendered as text, checked below)', () => {
    for (const h of HOSTILE) expect(parseProgramme(JSON.stringify({ ...base(), author: h, note: h })).ok).toBe(true);
  });
});

describe('hostile names through the file import, in the browser', () => {
  let app: RunningApp;
  let work: string;
  beforeAll(async () => {
    app = await startApp();
    work = await mkdtemp(join(tmpdir(), 'rootwell-xss-'));
  }, 120_000);
  afterAll(async () => {
    await close();
    await rm(work, { recursive: true, force: true });
  });

  it('are shown literally and create no element, attribute or script', async () => {
    const b = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    const page = await b.newPage();
    await page.goto(`${app.url}/#/prescription`);
    await page.getByTestId('prescription').waitFor();
    const before = await page.evaluate(() => document.querySelectorAll('img, script, iframe, object, embed').length);
    for (const [i, h] of HOSTILE.entries()) {
      const p = makeProgramme([{ exercise: 'bridge', prescription: exercises.bridge.defaults, note: h }], NOW, { author: h, note: h });
      const file = join(work, `p${i}.json`);
      await writeFile(file, JSON.stringify(p));
      await page.getByTestId('programme-input').setInputFiles(file);
      await page.getByTestId('programme-ok').waitFor();
      expect(await page.getByTestId('rx-author').inputValue()).toBe(h);
      const values = await page.locator('input[type="text"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
      expect(values.filter((v) => v === h).length).toBeGreaterThanOrEqual(2);
      await page.getByTestId('rx-author').hover();
      await page.getByTestId('rx-author').focus();
    }
    const after = await page.evaluate(() => ({
      tags: document.querySelectorAll('img, script, iframe, object, embed').length,
      handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)),
      xss: (window as unknown as { __xss?: unknown }).__xss,
    }));
    expect(after.tags).toBe(before);
    expect(after.handlers).toEqual([]);
    expect(after.xss).toBeUndefined();
    await page.close();
    await b.close();
  }, 60_000);
});
