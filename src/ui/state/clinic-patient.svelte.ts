/**
 * The patient's side of the clinic as rune state (issue 10): paired or not, the sync in plain
 * words (synced / sending / offline, will sync / access revoked), pairing with a code or a
 * `#pair=` link, and unpairing. The sync itself (PouchDB) is loaded only once paired.
 */
import type { SafetyStatus } from '../../core/clinic/summary';
import { dropLink, loadLink, saveLink } from '../../storage/clinic/device';
import type { PairingErrorKind, PatientLink } from '../../storage/clinic/pairing';
import type { PatientSync } from '../../storage/clinic/patient-sync';
import { localStore } from '../../storage/local';
import { parseSafety, SAFETY_KEY } from './safety';

export type PatientClinicState = 'loading' | 'unpaired' | 'pairing' | 'sending' | 'synced' | 'offline' | 'revoked';

const safetyNow = (): SafetyStatus | null => parseSafety(localStore()?.getItem(SAFETY_KEY) ?? null);

export class PatientClinic {
  state = $state<PatientClinicState>('loading');
  link = $state.raw<PatientLink | null>(null);
  /** Why the last pairing failed (PairingError kinds; 'storage': the link could not be kept). */
  error = $state<PairingErrorKind | 'storage' | null>(null);
  /** Sets written to the clinic store this visit (sent when the server answers); the time the last prescription arrived. */
  sent = $state(0);
  prescriptionAt = $state<string | null>(null);
  private sync: PatientSync | null = null;
  private started: Promise<void> | null = null;

  /** Read the stored link and start syncing (once per page). */
  init(): Promise<void> {
    this.started ??= (async () => {
      this.link = await loadLink();
      if (this.link) await this.start(this.link);
      else this.state = 'unpaired';
    })();
    return this.started;
  }

  private async start(link: PatientLink): Promise<void> {
    this.state = 'sending';
    const { startPatientSync } = await import('../../storage/clinic/patient-sync');
    this.sync = await startPatientSync(link, {
      safety: safetyNow,
      onstate: (s) => void this.onstate(s.state),
      onprescription: (at) => (this.prescriptionAt = at),
      onmirror: (r) => (this.sent += r.written.length),
    });
  }

  private async onstate(s: 'active' | 'idle' | 'offline' | 'denied' | 'stopped'): Promise<void> {
    if (s === 'stopped' || this.state === 'revoked') return;
    if (s === 'denied') {
      // Refused: revoked (the user or its rights removed), or a passing server problem.
      const { checkPatientLink } = await import('../../storage/clinic/pairing');
      const link = this.link;
      if (!link) return;
      try {
        await checkPatientLink(link);
      } catch (e) {
        if ((e as { kind?: string }).kind === 'revoked') {
          this.state = 'revoked';
          this.sync?.stop();
          return;
        }
      }
      this.state = 'offline';
      return;
    }
    this.state = s === 'active' ? 'sending' : s === 'idle' ? 'synced' : 'offline';
  }

  /** Pair with a code or a pairing link; false (and `error`) when it did not work. */
  async pair(text: string): Promise<boolean> {
    const { parsePairingLink, redeemInvite, PairingError } = await import('../../storage/clinic/pairing');
    const parsed = parsePairingLink(text);
    if (!parsed) {
      this.error = 'wrong-code';
      return false;
    }
    const before = this.state;
    this.state = 'pairing';
    this.error = null;
    try {
      const link = await redeemInvite(parsed.server || '/clinic', parsed.code, new Date());
      if (!(await saveLink(link))) {
        this.error = 'storage';
        this.state = before;
        return false;
      }
      this.sync?.stop();
      this.link = link;
      await this.start(link);
      return true;
    } catch (e) {
      this.error = e instanceof PairingError ? e.kind : 'server';
      this.state = before === 'pairing' ? 'unpaired' : before;
      return false;
    }
  }

  /** Mirror now (a set was just saved, or the page changed). */
  kick(): void {
    void this.sync?.kick();
  }

  /** Stop sharing from this device: every set stays here; the local encrypted copy is deleted. */
  async unpair(): Promise<void> {
    await this.sync?.destroy();
    this.sync = null;
    await dropLink();
    this.link = null;
    this.sent = 0;
    this.error = null;
    this.state = 'unpaired';
  }
}

/** One per page. */
export const patientClinic = new PatientClinic();
