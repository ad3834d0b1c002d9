// History's import without a browser (fake-indexeddb): a file picked the moment the page opens,
// before its store has finished opening, is imported, not refused as "no storage".
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { HistoryState } from '../../src/ui/state/history.svelte';
import { replay } from '../../src/core/session';
import { exercises } from '../../src/exercises';
import { exportHistory } from '../../src/storage/store';
import { fixtures } from '../fixtures';

describe('History import', () => {
  it('a file picked while the store is still opening waits for it and is imported', async () => {
    const fx = fixtures('bridge', { negatives: false })[0]!;
    const out = replay(exercises.bridge, fx.record);
    const record = { ...fx.record, events: out.events as typeof fx.record.events, pain: [] };
    const file = new File([exportHistory([record])], 'history.json', { type: 'application/json' });

    const history = new HistoryState();
    const loading = history.load(); // the page's onMount, not awaited
    const imported = await history.importFile(file); // picked at once
    await loading;
    expect(history.notice).toMatchObject({ kind: 'ok' });
    expect(imported).toBe(true);
    expect(history.sessions).toHaveLength(1);
  });
});

describe('History import, one file after another', () => {
  it("an earlier file's message is gone as soon as the next file is picked", async () => {
    const history = new HistoryState();
    await history.load();
    expect(await history.importFile(new File([''], 'empty.json'))).toBe(false);
    expect(history.notice).toMatchObject({ kind: 'error' });
    const next = history.importFile(new File(['{"not": "a record"}'], 'other.json'));
    expect(history.notice).toBeNull(); // before anything of the new file is read
    await next;
    expect(history.notice).toMatchObject({ kind: 'error' });
  });
});
