/**
 * The physio's clinic view as rune state (issue 10): sign in to the clinic server, every patient
 * with an overview made from their encrypted summaries alone (src/core/clinic: last session,
 * adherence this week, trends, flags), invite (code, link, QR) and revoke, open one session
 * (that one full record is decrypted and kept on this device, then shown in the review), and
 * the patient's prescription read and written through their database.
 */
import { patientOverview, type PatientOverview } from '../../core/clinic/flags';
import type { SetSummary } from '../../core/clinic/summary';
import type { ProgrammeLine } from '../../core/progress';
import { openRemote } from '../../storage/clinic/browser';
import { databaseUrl, deviceId, markOpenedFromClinic, physioKeys } from '../../storage/clinic/device';
import {
  completePairing,
  invitePatient,
  listPatients,
  openPatient,
  PairingError,
  revokePatient,
  type PairingErrorKind,
  type PatientInvite,
  type PhysioAccount,
} from '../../storage/clinic/pairing';
import type { PouchDatabase } from '../../storage/clinic/pouch-types';
import { readPrescription, writePrescription, type PrescriptionState } from '../../storage/clinic/prescription-sync';
import { readStatus, readSummaries } from '../../storage/clinic/summary';
import { ClinicStore } from '../../storage/clinic/sync';
import type { Programme } from '../../storage/programme-file';
import { sharedStore } from '../../storage/shared';

export interface PatientRow {
  patientId: string;
  label: string;
  /** 'invited': the code not used yet; 'paired'; 'error': the patient's key does not open here. */
  state: 'invited' | 'paired' | 'error';
  expiresAt: string;
  overview: PatientOverview | null;
  /** Their sets' summaries, newest first. */
  summaries: SetSummary[];
  prescription: PrescriptionState | null;
  /** Summaries that did not open (damaged or hostile). */
  refused: number;
  error?: PairingErrorKind;
}

interface Open {
  dbName: string;
  dbKey: CryptoKey;
  remote: PouchDatabase;
  label: string;
  expiresAt: string;
  /** Pairing finished (completePairing said so once: it is not asked again). */
  paired: boolean;
}

const kindOf = (e: unknown): PairingErrorKind => (e instanceof PairingError ? e.kind : 'server');
const lines = (rx: PrescriptionState | null): ProgrammeLine[] | null =>
  rx ? rx.current.programme.exercises.map((l) => ({ exercise: l.exercise, sets: l.prescription.sets, ...(l.prescription.timesPerDay ? { timesPerDay: l.prescription.timesPerDay } : {}) })) : null;

/** Run `f` over `xs`, `n` at a time. */
async function pool<T, R>(xs: readonly T[], n: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(xs.length);
  let i = 0;
  await Promise.all(Array.from({ length: Math.min(n, xs.length) }, async () => {
    while (i < xs.length) {
      const k = i++;
      out[k] = await f(xs[k] as T);
    }
  }));
  return out;
}

export class PhysioClinic {
  account = $state.raw<PhysioAccount | null>(null);
  patients = $state.raw<PatientRow[]>([]);
  loading = $state(false);
  /** The last problem, by kind (shown in words by the view). */
  error = $state<PairingErrorKind | 'keys' | null>(null);
  /** The invite just made (shown until closed). */
  invite = $state.raw<PatientInvite | null>(null);
  /** ms the last listing took (decrypt + flags), for the bench and the status line. */
  listMs = $state(0);
  private readonly open = new Map<string, Open>();

  async signIn(server: string, name: string, password: string): Promise<boolean> {
    const s = server.trim().replace(/\/+$/, '') || '/clinic';
    const { keys } = await physioKeys(s, name.trim());
    const account: PhysioAccount = { server: s, name: name.trim(), password, keys };
    try {
      await listPatients(account);
    } catch (e) {
      this.error = kindOf(e);
      return false;
    }
    this.account = account;
    this.error = null;
    await this.load();
    return true;
  }

  signOut(): void {
    this.account = null;
    this.patients = [];
    this.open.clear();
    this.invite = null;
  }

  private async opened(patientId: string): Promise<Open> {
    const a = this.account;
    if (!a) throw new PairingError('denied', 'not signed in');
    const known = this.open.get(patientId);
    if (known) return known;
    const p = await openPatient(a, patientId);
    const o: Open = { dbName: p.dbName, dbKey: p.dbKey, remote: openRemote(databaseUrl(a.server, p.dbName), { username: a.name, password: a.password }), label: p.label, expiresAt: p.expiresAt, paired: false };
    this.open.set(patientId, o);
    return o;
  }

  /** One patient's row: pairing finished if the patient redeemed, then their summaries. */
  private async row(patientId: string, now: Date): Promise<PatientRow | null> {
    const a = this.account;
    if (!a) return null;
    // The key, label and pairing state are asked once per sign-in; the summaries every time.
    let o: Open;
    try {
      o = await this.opened(patientId);
    } catch (e) {
      const kind = kindOf(e);
      return kind === 'revoked' ? null : { patientId, label: patientId, state: 'error', expiresAt: '', overview: null, summaries: [], prescription: null, refused: 0, error: kind };
    }
    if (!o.paired) {
      try {
        o.paired = (await completePairing(a, patientId, now)) === 'paired';
      } catch (e) {
        if (kindOf(e) === 'expired' || kindOf(e) === 'revoked') {
          this.open.delete(patientId);
          return null;
        }
      }
    }
    const state: PatientRow['state'] = o.paired ? 'paired' : 'invited';
    const [sums, status, rx] = await Promise.all([readSummaries(o.remote, o.dbKey), readStatus(o.remote, o.dbKey).catch(() => null), readPrescription(o.remote, o.dbKey).catch(() => null)]);
    const overview = patientOverview(sums.summaries, status, lines(rx), now.toISOString(), now.getTimezoneOffset());
    return { patientId, label: o.label, state, expiresAt: o.expiresAt, overview, summaries: [...sums.summaries].reverse(), prescription: rx, refused: sums.refused.length };
  }

  /** Every patient, those needing attention first, then by label. */
  async load(): Promise<void> {
    const a = this.account;
    if (!a) return;
    this.loading = true;
    const t0 = performance.now();
    try {
      const ids = await listPatients(a);
      const now = new Date();
      const rows = (await pool(ids, 6, (id) => this.row(id, now).catch(() => null))).filter((r): r is PatientRow => r !== null);
      rows.sort((x, y) => (y.overview?.flags.length ?? 0) - (x.overview?.flags.length ?? 0) || x.label.localeCompare(y.label));
      this.patients = rows;
      this.error = null;
    } catch (e) {
      this.error = kindOf(e);
    } finally {
      this.listMs = performance.now() - t0;
      this.loading = false;
    }
  }

  async invitePatient(label: string): Promise<boolean> {
    const a = this.account;
    if (!a) return false;
    try {
      const inv = await invitePatient(a, label.trim(), new Date());
      this.invite = { patientId: inv.patientId, dbName: inv.dbName, code: inv.code, link: inv.link, expiresAt: inv.expiresAt, label: inv.label };
      this.error = null;
      await this.load();
      return true;
    } catch (e) {
      this.error = kindOf(e);
      return false;
    }
  }

  async revoke(patientId: string): Promise<void> {
    const a = this.account;
    if (!a) return;
    try {
      await revokePatient(a, patientId);
      this.open.delete(patientId);
      await this.load();
    } catch (e) {
      this.error = kindOf(e);
    }
  }

  /** Decrypt one session and keep it on this device; the review then shows it (#/review/<id>). */
  async openSession(patientId: string, recordId: string): Promise<boolean> {
    try {
      const o = await this.opened(patientId);
      const got = await new ClinicStore(o.remote, o.dbKey).get(recordId);
      const store = await sharedStore();
      if (!got.ok || !store.ok) {
        this.error = 'server';
        return false;
      }
      markOpenedFromClinic(recordId);
      const saved = await store.value.save(recordId, got.value, true);
      if (!saved.ok) {
        this.error = 'server';
        return false;
      }
      location.hash = `#/review/${recordId}`;
      return true;
    } catch (e) {
      this.error = kindOf(e);
      return false;
    }
  }

  /** The physio's new prescription into the patient's database (it reaches their Today screen by sync). */
  async savePrescription(patientId: string, programme: Programme): Promise<boolean> {
    try {
      const o = await this.opened(patientId);
      const rx = await writePrescription(o.remote, o.dbKey, programme, new Date().toISOString(), deviceId());
      this.patients = this.patients.map((p) => (p.patientId === patientId ? { ...p, prescription: rx } : p));
      return true;
    } catch (e) {
      this.error = kindOf(e);
      return false;
    }
  }
}

/** One per page. */
export const physioClinic = new PhysioClinic();
