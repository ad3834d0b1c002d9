/** The rep table as CSV for clinic notes; cells that a spreadsheet would run as a formula are defused. */
import type { ReplayResult } from '../core/session';

const HEADER = ['rep', 'side', 'start_s', 'peak_s', 'end_s', 'hold_s', 'peak_deg', 'lower_s', 'score', 'faults'];

function cell(v: string | number): string {
  let s = String(v);
  // A leading = + - @ (or tab/CR) makes Excel/Sheets evaluate the cell: prefix a quote.
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text (RFC 4180, CRLF) of a replay's rep table; times in seconds, angles in degrees. */
export function repTableCsv(result: Pick<ReplayResult, 'repDetails'>): string {
  const rows = result.repDetails.map((r) =>
    [r.index, r.side, r.startS.toFixed(2), r.peakS.toFixed(2), r.endS.toFixed(2), r.holdS.toFixed(2), r.peak.toFixed(1), r.lowerS.toFixed(2), Math.round(r.score), r.faults.join(' ')].map(cell).join(','),
  );
  return [HEADER.join(','), ...rows].join('\r\n') + '\r\n';
}
