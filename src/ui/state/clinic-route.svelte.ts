/** The clinic's routes: #/connect and #pair=… (the patient), #/clinic and #/clinic/rx/<patient> (the physio). */
export type ClinicRoute = { page: 'patient'; pair?: string } | { page: 'physio' } | { page: 'rx'; patientId: string };

export function parseClinicRoute(hash: string): ClinicRoute | null {
  if (/^#?pair=/.test(hash)) return { page: 'patient', pair: hash.replace(/^#/, '') };
  const h = hash.replace(/^#\/?/, '');
  if (h === 'connect') return { page: 'patient' };
  if (h === 'clinic') return { page: 'physio' };
  const m = /^clinic\/rx\/([0-9a-z]{1,40})$/.exec(h);
  return m?.[1] ? { page: 'rx', patientId: m[1] } : null;
}

/** Follows location.hash. */
export class ClinicRouteState {
  route = $state.raw<ClinicRoute | null>(typeof location === 'undefined' ? null : parseClinicRoute(location.hash));
  private readonly onhash = () => (this.route = parseClinicRoute(location.hash));
  constructor() {
    if (typeof window !== 'undefined') window.addEventListener('hashchange', this.onhash);
  }
}
