// The prescription through sync (issue 10): the physio writes it encrypted, a replica pulls it;
// changed on two replicas while apart, both settle on the same version (newest updatedAt, then the
// larger device id) whatever order they synced in, and the losing version is kept in the log,
// never dropped silently.
import { describe, expect, it } from 'vitest';
import { NodePouch as Pouch } from '../../../scripts/lib/pouch-node';
import { generateDatabaseKey } from '../../../src/storage/clinic/e2e';
import type { PouchDatabase } from '../../../src/storage/clinic/pouch-types';
import { compareVersions, readPrescription, resolvePrescription, writePrescription, PRESCRIPTION_ID } from '../../../src/storage/clinic/prescription-sync';
import { makeProgramme } from '../../../src/storage/programme-file';

let serial = 0;
const mem = (): PouchDatabase => new Pouch(`rx-${process.pid}-${++serial}`, { adapter: 'memory' });
const prog = (reps: number, at: string) => makeProgramme([{ exercise: 'bridge', prescription: { sets: 2, reps, sides: ['both'] } }], at, { author: 'Dr A' });

/** One-shot replication both ways. */
async function syncBoth(a: PouchDatabase, b: PouchDatabase): Promise<void> {
  const once = (rep: ReturnType<PouchDatabase['replicate']['to']>) => new Promise<void>((res, rej) => void rep.on('complete', () => res()).on('error', (e) => rej(e as Error)));
  await once(a.replicate.to(b));
  await once(a.replicate.from(b));
}

describe('prescription through sync', () => {
  it('written encrypted by one replica, read by the other', async () => {
    const key = await generateDatabaseKey();
    const [physio, patient] = [mem(), mem()];
    await writePrescription(physio, key, prog(12, '2026-11-01T10:00:00.000Z'), '2026-11-01T10:00:00.000Z', 'physio-laptop');
    await syncBoth(physio, patient);
    const raw = JSON.stringify(await patient.get(PRESCRIPTION_ID));
    expect(raw).not.toContain('bridge');
    expect(raw).not.toContain('Dr A');
    const got = await readPrescription(patient, key);
    expect(got?.current.programme.exercises[0]?.prescription.reps).toBe(12);
    expect(got?.losers).toEqual([]);
    expect(await readPrescription(patient, await generateDatabaseKey())).toBeNull();
  });

  it('a conflict settles on the newest version on both replicas, in either order; the loser is in the log', async () => {
    for (const order of ['a-first', 'b-first'] as const) {
      const key = await generateDatabaseKey();
      const [a, b] = [mem(), mem()];
      await writePrescription(a, key, prog(10, '2026-11-01T10:00:00.000Z'), '2026-11-01T10:00:00.000Z', 'dev-a');
      await syncBoth(a, b);
      // Apart: both change it. b's change is the newer one.
      await writePrescription(a, key, prog(14, '2026-11-02T09:00:00.000Z'), '2026-11-02T09:00:00.000Z', 'dev-a');
      await writePrescription(b, key, prog(8, '2026-11-02T09:30:00.000Z'), '2026-11-02T09:30:00.000Z', 'dev-b');
      if (order === 'a-first') await syncBoth(a, b);
      else await syncBoth(b, a);
      for (const db of [a, b]) {
        const s = await readPrescription(db, key);
        expect(s?.current.programme.exercises[0]?.prescription.reps).toBe(8);
        expect(s?.losers.map((l) => l.programme.exercises[0]?.prescription.reps)).toEqual([14]);
      }
      // Settled by one replica: the losing version moves to the log, the conflict is gone everywhere.
      const after = await resolvePrescription(a, key);
      expect(after?.losers).toEqual([]);
      expect(after?.log.map((l) => [l.programme.exercises[0]?.prescription.reps, l.device, l.replacedBy])).toEqual([[14, 'dev-a', '2026-11-02T09:30:00.000Z']]);
      await syncBoth(a, b);
      for (const db of [a, b]) {
        const s = await readPrescription(db, key);
        expect(s?.current.programme.exercises[0]?.prescription.reps).toBe(8);
        expect(s?.losers).toEqual([]);
        expect(s?.log).toHaveLength(1);
        expect((await db.get(PRESCRIPTION_ID, { conflicts: true }))._conflicts ?? []).toEqual([]);
      }
      // The next write keeps the log.
      const next = await writePrescription(b, key, prog(9, '2026-11-03T09:00:00.000Z'), '2026-11-03T09:00:00.000Z', 'dev-b');
      expect(next.log).toHaveLength(1);
    }
  });

  it('a tie on updatedAt goes to the larger device id', () => {
    const t = '2026-11-02T09:00:00.000Z';
    const xs = [{ updatedAt: t, device: 'dev-a' }, { updatedAt: t, device: 'dev-c' }, { updatedAt: '2026-11-01T00:00:00.000Z', device: 'dev-z' }];
    expect([...xs].sort(compareVersions).map((x) => x.device)).toEqual(['dev-c', 'dev-a', 'dev-z']);
  });
});
