/** The browser helpers live in scripts/lib/browser.ts, where the benches can use them too. */
export * from '../../scripts/lib/browser';
