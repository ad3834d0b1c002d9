// The dev clinic server's fix to pouchdb-changeslike-wrapper (scripts/lib/changes-wrapper-fix.ts):
// a changes feed refused by the security check (a patient revoked while their long poll waits)
// reaches the 'error' event express-pouchdb listens for, instead of an unhandled rejection.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { reportingChangesWrapper } from '../../../scripts/lib/changes-wrapper-fix';

const refused = Object.assign(new Error('You are not authorized to access this db.'), { status: 401 });

describe('changes wrapper fix', () => {
  it('a refused check becomes an error event, and nothing is left unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const wrapper = reportingChangesWrapper(() => Promise.reject(refused));
      const feed = wrapper(() => new EventEmitter(), {});
      const error = await new Promise((resolve) => feed.on('error', resolve));
      expect(error).toBe(refused);
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('a feed that reports its own error is not reported twice', async () => {
    const inner = new EventEmitter();
    const wrapper = reportingChangesWrapper((call: () => EventEmitter) =>
      new Promise((_, reject) => {
        const r = call();
        r.on('error', reject);
      }),
    );
    const feed = wrapper(() => inner, {});
    const seen: unknown[] = [];
    feed.on('error', (e) => seen.push(e));
    inner.emit('error', refused);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual([refused]);
  });
});
