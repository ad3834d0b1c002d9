/**
 * The patient's clinic sync in the app (issue 10): once paired, the local encrypted PouchDB
 * database replicates live with the patient's database on the clinic server; the idb store's sets
 * are mirrored into it (./mirror.ts) at start, every `everyMs` (a minute) and whenever the app asks
 * (every page change: a set ends on one); a prescription pulled from the physio that is newer than the one
 * applied becomes Today's programme (../prescriptions.ts, as an imported file would: validated,
 * the progression log this device kept is merged in). Loaded only when paired (it brings PouchDB).
 */
import type { SafetyStatus } from '../../core/clinic/summary';
import { importPrescriptions } from '../prescriptions';
import { serializeProgramme } from '../programme-file';
import { sharedStore } from '../shared';
import { openLocal, openRemote } from './browser';
import { databaseUrl, openedFromClinic } from './device';
import { ClinicMirror, type MirrorRun } from './mirror';
import type { PatientLink } from './pairing';
import { readPrescription } from './prescription-sync';
import { ClinicStore, type SyncState } from './sync';

export const APPLIED_KEY = 'rootwell.clinic.rx-applied.v1';

export interface PatientSync {
  /** Mirror now (a set was saved). */
  kick(): Promise<MirrorRun | null>;
  stop(): void;
  /** Stop, and delete the local encrypted copy (the idb store keeps every set). */
  destroy(): Promise<void>;
  readonly state: SyncState;
  readonly pushed: number;
}

export interface PatientSyncOptions {
  safety: () => SafetyStatus | null;
  onstate: (s: SyncState) => void;
  /** A newer prescription was applied (its updatedAt). */
  onprescription: (updatedAt: string) => void;
  onmirror?: (r: MirrorRun) => void;
  everyMs?: number;
}

export async function startPatientSync(link: PatientLink, o: PatientSyncOptions): Promise<PatientSync> {
  const local = openLocal(link.dbName);
  const clinic = new ClinicStore(local, link.dbKey);
  const remote = openRemote(databaseUrl(link.server, link.dbName), { username: link.name, password: link.password });
  const opened = await sharedStore();
  // Sessions a physio opened here: read from localStorage once per mirror run, not once per set.
  let openedHere = new Set<string>();
  const mirror = opened.ok ? new ClinicMirror(opened.value, clinic, link.dbKey, { safety: o.safety, skip: (id) => openedHere.has(id) }) : null;

  const applyPrescription = async (): Promise<void> => {
    const rx = await readPrescription(local, link.dbKey).catch(() => null);
    if (!rx) return;
    const applied = globalThis.localStorage?.getItem(APPLIED_KEY) ?? '';
    if (rx.current.updatedAt <= applied) return;
    const r = importPrescriptions(serializeProgramme(rx.current.programme));
    if (!r.ok) return;
    try {
      globalThis.localStorage?.setItem(APPLIED_KEY, rx.current.updatedAt);
    } catch {
      /* applied again next time: the same programme */
    }
    o.onprescription(rx.current.updatedAt);
  };

  const handle = clinic.sync(remote);
  handle.onstate = (s) => o.onstate(s);
  handle.onchange = (direction) => {
    if (direction === 'pull') void applyPrescription();
  };
  const kick = async (): Promise<MirrorRun | null> => {
    if (!mirror) return null;
    openedHere = openedFromClinic();
    const r = await mirror.run();
    o.onmirror?.(r);
    return r;
  };
  // Every minute as well as on demand: a run reads the idb store's rows (list and facts), which is
  // not free with a long history, so the app asks after each page change (a set ends on one).
  const timer = setInterval(() => void kick(), o.everyMs ?? 60_000);
  void kick();
  void applyPrescription();
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    handle.cancel();
  };
  return {
    kick,
    stop,
    destroy: async () => {
      stop();
      await local.destroy().catch(() => undefined);
      try {
        globalThis.localStorage?.removeItem(APPLIED_KEY);
      } catch {
        /* nothing to forget */
      }
    },
    get state() {
      return handle.state;
    },
    get pushed() {
      return handle.pushed;
    },
  };
}
