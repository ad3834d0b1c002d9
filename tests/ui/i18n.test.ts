import { describe, expect, it } from 'vitest';
import { en } from '../../src/ui/i18n/en';
import { zh } from '../../src/ui/i18n/zh';
import { languageFor } from '../../src/ui/i18n/types';
import { englishLeft } from '../helpers/latin-words';

type Tree = { [k: string]: string | Tree };

/** Every leaf of a string tree as [dotted key, text]. */
function leaves(t: Tree, prefix = ''): [string, string][] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v, `${prefix}${k}.`)));
}

/** The {{placeholders}} of a string, sorted. */
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

describe('languages', () => {
  const enLeaves = leaves(en as unknown as Tree);
  const zhLeaves = new Map(leaves(zh as unknown as Tree));

  it('Simplified Chinese has every English string, none empty, with the same placeholders', () => {
    const missing = enLeaves.filter(([k]) => !zhLeaves.has(k)).map(([k]) => k);
    expect(missing, 'keys missing in zh-CN').toEqual([]);
    const extra = [...zhLeaves.keys()].filter((k) => !enLeaves.some(([e]) => e === k));
    expect(extra, 'keys in zh-CN that English lacks').toEqual([]);
    for (const [k, text] of enLeaves) {
      expect(text.trim(), `en ${k} is empty`).not.toBe('');
      const z = zhLeaves.get(k) ?? '';
      expect(z.trim(), `zh-CN ${k} is empty`).not.toBe('');
      expect(placeholders(z), `zh-CN ${k} placeholders`).toEqual(placeholders(text));
    }
  });

  it('Chinese strings are translated, not English left in place', () => {
    const untranslated = [...zhLeaves].filter(([, z]) => englishLeft(z).length > 0);
    expect(untranslated.map(([k, z]) => `${k}: ${z}`)).toEqual([]);
  });

  it('the first visit follows the browser: any zh-* is Simplified Chinese, anything else English', () => {
    expect(languageFor(['zh-CN'])).toBe('zh-CN');
    expect(languageFor(['zh-TW', 'en'])).toBe('zh-CN');
    expect(languageFor(['de-DE', 'en-US'])).toBe('en');
    expect(languageFor(['fr'])).toBe('en');
    expect(languageFor([])).toBe('en');
  });
});
