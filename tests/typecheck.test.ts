import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The whole project through svelte-check (TypeScript strict, Svelte components, the i18n keys:
// tests/ui/i18n-keys.typecheck.ts). A type error anywhere fails the suite, not only `npm run check`.
describe('types', () => {
  it('svelte-check finds no error', { timeout: 180_000 }, () => {
    let out = '';
    try {
      out = execFileSync('npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--threshold', 'error', '--output', 'machine'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? e);
    }
    const errors = out.split('\n').filter((l) => / ERROR /.test(l));
    expect(errors).toEqual([]);
    expect(out).toMatch(/COMPLETED \d+ FILES 0 ERRORS/);
  });
});
