import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const imports = (src: string) => [...src.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? '');
const code = (src: string) => src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

describe('architecture', () => {
  const core = files(join(root, 'src', 'core'));
  it('core is pure: nothing from the browser, Svelte, tfjs, the estimator, the UI, storage or Node', () => {
    const bad: string[] = [];
    for (const f of core) {
      for (const i of imports(readFileSync(f, 'utf8'))) {
        if (/svelte|@tensorflow|@mediapipe|pose-detection|estimate|\/ui\/|\/source\/|\/storage\/|\/cli\/|^idb|^node:|^fs$|^path$/.test(i)) bad.push(`${relative(root, f)} → ${i}`);
        if (!i.startsWith('.') && i !== 'valibot') bad.push(`${relative(root, f)} → ${i} (only valibot may come from outside core)`);
      }
    }
    expect(bad).toEqual([]);
  });
  it('core never reads a clock or touches the DOM', () => {
    const bad: string[] = [];
    for (const f of core) {
      const src = code(readFileSync(f, 'utf8'));
      for (const re of [/Date\.now/, /performance\.now/, /new Date\(\s*\)/, /Date\(\s*\)/, /\bwindow\./, /\bdocument\./, /setTimeout|setInterval|requestAnimationFrame/]) {
        if (re.test(src)) bad.push(`${relative(root, f)}: ${re}`);
      }
    }
    expect(bad).toEqual([]);
  });
  it('exercises import only from core/check (and each other)', () => {
    const bad: string[] = [];
    for (const f of files(join(root, 'src', 'exercises'))) {
      for (const i of imports(readFileSync(f, 'utf8'))) if (!/^\.\.\/core\/check$|^\.\/[a-z-]+$/.test(i)) bad.push(`${relative(root, f)} → ${i}`);
    }
    expect(bad).toEqual([]);
  });
});
