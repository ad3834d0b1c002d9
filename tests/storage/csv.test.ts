import { describe, expect, it } from 'vitest';
import { repTableCsv } from '../../src/storage/csv';

const rep = { index: 1, side: 'left' as const, startS: 1, peakS: 1.5, endS: 2.25, holdS: 0.4, score: 62.4, faults: ['hold-too-short' as const], peak: -3.25, lowerS: 0.5 };

describe('rep table CSV', () => {
  it('has a header and one row per rep, with units in the column names', () => {
    expect(repTableCsv({ repDetails: [rep] })).toBe(
      'rep,side,start_s,peak_s,end_s,hold_s,peak_deg,lower_s,score,faults\r\n1,left,1.00,1.50,2.25,0.40,-3.3,0.50,62,hold-too-short\r\n',
    );
  });
  it('defuses formula injection and quotes commas', () => {
    const hostile = { ...rep, faults: ['=HYPERLINK("x")' as never, 'a,b' as never] };
    const line = repTableCsv({ repDetails: [hostile] }).split('\r\n')[1] ?? '';
    expect(line.endsWith(`"'=HYPERLINK(""x"") a,b"`)).toBe(true);
  });
});
