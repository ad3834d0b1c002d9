// The live run is headless and the sources stand alone: neither reaches up into the UI.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', 'src');
const imports = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? '');
const ts = (dir: string) => readdirSync(join(SRC, dir)).filter((f) => f.endsWith('.ts')).map((f) => join(SRC, dir, f));

describe('layering of the live path', () => {
  it('src/live imports only core, estimate, source and itself: no Svelte, no UI, no storage', () => {
    const bad = ts('live').flatMap((f) => imports(f).filter((i) => !/^\.\/|^\.\.\/(core|estimate|source)\//.test(i)).map((i) => `${f} → ${i}`));
    expect(bad).toEqual([]);
  });
  it('src/source imports only itself and estimate types', () => {
    const bad = ts('source').flatMap((f) => imports(f).filter((i) => !/^\.\/|^\.\.\/estimate\/estimator$|^node:/.test(i)).map((i) => `${f} → ${i}`));
    expect(bad).toEqual([]);
  });
  it('src/live reaches tfjs only lazily (the first screen does not load it)', () => {
    const staticTf = ts('live').flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/^import\s[^(]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!).filter((i) => /create-estimator|backend|node$|@tensorflow/.test(i)).map((i) => `${f} → ${i}`),
    );
    expect(staticTf).toEqual([]);
  });
});
