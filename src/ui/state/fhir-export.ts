/** The "Download for clinic system (FHIR)" files: the pure bundle (storage/fhir) with the app's ids, clock and titles. */
import type { PsfsRound } from '../../core/outcome/psfs';
import type { SessionRecord } from '../../core/session';
import { exercises } from '../../exercises';
import { fhirBundle, fhirText } from '../../storage/fhir';

const titles: Record<string, string> = Object.fromEntries(Object.values(exercises).map((e) => [e.id, e.title]));

/** A FHIR R4 Bundle file of these records and PSFS rounds: its name stem's suffix and text. */
export function fhirFile(records: readonly SessionRecord[], rounds: readonly PsfsRound[], stem: string): { name: string; text: string; type: string } {
  const bundle = fhirBundle(records, rounds, { newId: () => globalThis.crypto.randomUUID(), now: new Date().toISOString(), titles });
  return { name: `${stem}_fhir.json`, text: fhirText(bundle), type: 'application/fhir+json' };
}
