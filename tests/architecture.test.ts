import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { existsSync } from 'node:fs';
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

  // Issue 13's limits: small files, a thin coach, no import cycle anywhere in src/.
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? sources(p) : /\.(ts|js|svelte)$/.test(p) && !p.endsWith('.d.ts') ? [p] : [];
    });
  /** The script of a file: a .svelte file's <script> blocks (markup and styles aside), else the whole file. */
  const script = (p: string) => {
    const src = readFileSync(p, 'utf8');
    return p.endsWith('.svelte') ? [...src.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n') : src;
  };

  it('no file in src/ has over 400 lines of script', () => {
    const big = sources(join(root, 'src'))
      .map((p) => [relative(root, p), script(p).split('\n').length] as const)
      .filter(([, n]) => n > 400);
    expect(big).toEqual([]);
  });

  it('the coach state class is under 200 lines', () => {
    const src = readFileSync(join(root, 'src/ui/state/coach.svelte.ts'), 'utf8').split('\n');
    const start = src.findIndex((l) => /^export class Coach\b/.test(l));
    const end = src.findIndex((l, i) => i > start && /^}/.test(l));
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end - start + 1).toBeLessThan(200);
  });

  it('no import cycle in src/', () => {
    const all = sources(join(root, 'src'));
    const known = new Set(all);
    const resolveImport = (from: string, spec: string): string | null => {
      if (!spec.startsWith('.')) return null;
      const base = resolve(dirname(from), spec);
      for (const c of [base, `${base}.ts`, `${base}.js`, `${base}.svelte.ts`, join(base, 'index.ts'), base.replace(/\.js$/, '.ts')]) if (known.has(c) && existsSync(c)) return c;
      return null;
    };
    // Type-only imports vanish at run time and cannot form a cycle.
    const runtimeImports = (src: string) =>
      [...src.matchAll(/^\s*(import|export)\s+(?!type\b)[^'";]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm)].map((m) => m[2] ?? m[3] ?? '');
    const graph = new Map(all.map((f) => [f, runtimeImports(script(f)).map((i) => resolveImport(f, i)).filter((x): x is string => !!x)]));
    const cycles: string[] = [];
    const state = new Map<string, 1 | 2>();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 1);
      stack.push(f);
      for (const g of graph.get(f) ?? []) {
        if (state.get(g) === 1) cycles.push([...stack.slice(stack.indexOf(g)), g].map((x) => relative(root, x)).join(' → '));
        else if (!state.has(g)) visit(g);
      }
      stack.pop();
      state.set(f, 2);
    };
    for (const f of all) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
    expect(graph.size).toBeGreaterThan(100); // the graph really was read
    expect([...graph.values()].reduce((n, e) => n + e.length, 0)).toBeGreaterThan(200);
  });
});
