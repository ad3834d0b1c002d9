// Preferences in localStorage: settings and the safety screen read through their schemas (one
// bad field keeps its default, a damaged record is ignored), and writes that never throw.
import { describe, expect, it } from 'vitest';
import { parseStored, writeStored } from '../../src/storage/local';
import { DEFAULT_SETTINGS, MODEL_CHOICES, parseSettings } from '../../src/ui/state/settings.svelte';
import * as v from 'valibot';

describe('stored settings', () => {
  it('missing, damaged or not an object: the defaults', () => {
    for (const raw of [null, '', '{nope', '[]', 'null', '42']) expect(parseSettings(raw), String(raw)).toEqual(DEFAULT_SETTINGS);
  });
  it('keeps every valid field', () => {
    const model = MODEL_CHOICES[MODEL_CHOICES.length - 1]!.id;
    const s = { muted: true, beep: false, model, backend: 'webgl', telehealth: true, cameraId: 'cam-2', language: 'zh-CN' };
    expect(parseSettings(JSON.stringify(s))).toEqual(s);
  });
  it('an invalid field keeps its default without losing the others', () => {
    const s = parseSettings(JSON.stringify({ muted: 'yes', beep: false, model: 'no-such-model', backend: 'quantum', cameraId: 7, language: 'tlh', extra: 1 }));
    expect(s).toEqual({ ...DEFAULT_SETTINGS, beep: false });
  });
});

describe('the localStorage helper', () => {
  it('reads JSON through a schema: null when missing, damaged or invalid', () => {
    const schema = v.object({ n: v.number() });
    expect(parseStored(null, schema)).toBeNull();
    expect(parseStored('{"n":', schema)).toBeNull();
    expect(parseStored('{"n":"1"}', schema)).toBeNull();
    expect(parseStored('{"n":1,"x":2}', schema)).toEqual({ n: 1 });
  });
  it('writes JSON, and says false instead of throwing when the browser refuses', () => {
    const kept = new Map<string, string>();
    const ok = { setItem: (k: string, val: string) => void kept.set(k, val) } as unknown as Storage;
    const full = {
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    } as unknown as Storage;
    expect(writeStored('k', { a: 1 }, ok)).toBe(true);
    expect(kept.get('k')).toBe('{"a":1}');
    expect(writeStored('k', { a: 1 }, full)).toBe(false);
    expect(writeStored('k', { a: 1 }, null)).toBe(false);
  });
});
