// The clinic's routes and the clinic server's address (issue 10): #/connect and #pair=… (the
// patient), #/clinic and #/clinic/rx/<patient> (the physio); the server '' or a path is this
// app's origin (its /clinic proxy).
import { describe, expect, it } from 'vitest';
import { parseClinicRoute } from '../../src/ui/state/clinic-route.svelte';
import { databaseUrl } from '../../src/storage/clinic/device';

describe('clinic routes', () => {
  it('parses the patient and physio pages, nothing else', () => {
    expect(parseClinicRoute('#/connect')).toEqual({ page: 'patient' });
    expect(parseClinicRoute('#pair=%2Fclinic|ABCD-EFGH')).toEqual({ page: 'patient', pair: 'pair=%2Fclinic|ABCD-EFGH' });
    expect(parseClinicRoute('#/clinic')).toEqual({ page: 'physio' });
    expect(parseClinicRoute('#/clinic/rx/0123456789abcdef')).toEqual({ page: 'rx', patientId: '0123456789abcdef' });
    for (const h of ['', '#/', '#/history', '#/clinic/rx/', '#/clinic/rx/../x', '#/clinic/rx/ABC', '#/review/abc']) expect(parseClinicRoute(h)).toBeNull();
  });
  it('a database URL: same origin through /clinic by default, or the server given', () => {
    expect(databaseUrl('', 'rw-abc', 'http://127.0.0.1:5173/#/connect')).toBe('http://127.0.0.1:5173/clinic/rw-abc');
    expect(databaseUrl('/clinic/', 'rw-abc', 'https://app.example/')).toBe('https://app.example/clinic/rw-abc');
    expect(databaseUrl('http://127.0.0.1:5984', 'rw-abc', 'http://127.0.0.1:5173/')).toBe('http://127.0.0.1:5984/rw-abc');
  });
});
