// pouchdb-browser reads the browser's globals: `self` when loaded, `navigator.userAgent` when it
// opens IndexedDB. Node 20 has neither (Node 21+ has a navigator).
const g = globalThis as { self?: unknown; navigator?: { userAgent?: string } };
g.self ??= globalThis;
if (typeof g.navigator === 'undefined') Object.defineProperty(globalThis, 'navigator', { value: { userAgent: 'Node' }, configurable: true });
