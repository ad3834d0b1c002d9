// The clinic's end-to-end encryption (WebCrypto, in Node): a real session record round-trips;
// every encryption uses a new IV; a wrong key, a changed byte, another document's id or another
// database's wrapped key is an E2eError; the ciphertext shows nothing of the record.
import { describe, expect, it } from 'vitest';
import { validateRecord, type SessionRecord } from '../../../src/core/session';
import {
  decryptDoc,
  deriveSharedKey,
  E2eError,
  encryptDoc,
  exportPublicKey,
  fromBase64,
  generateDatabaseKey,
  generateKeyPair,
  importPublicKey,
  toBase64,
  unwrapDatabaseKey,
  wrapDatabaseKey,
} from '../../../src/storage/clinic/e2e';
import { fixtures } from '../../fixtures';

/** A real recorded clip, with a scored rep and a pain check-in added (what a physio reads). */
function realRecord(): SessionRecord {
  const fx = fixtures('bridge', { negatives: false })[0];
  if (!fx) throw new Error('no bridge fixture');
  const r = structuredClone(fx.record);
  r.events = [
    ...r.events,
    {
      type: 'rep',
      tMs: 4200,
      rep: { index: 1, side: 'both', startS: 1, peakS: 2.5, endS: 4.2, holdS: 1.5, score: 87.5, faults: ['hold-too-short'], peak: 31.25, lowerS: 1.2 },
    },
  ];
  r.pain = [{ when: 'before', back: 7, leg: 4, reach: 'calf' }];
  r.endReason = 'pain';
  return r;
}

async function expectE2e(p: Promise<unknown>, kind: E2eError['kind']): Promise<void> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(E2eError);
  expect((err as E2eError).kind).toBe(kind);
}

describe('clinic e2e encryption', () => {
  it('round-trips a real session record, which still validates', async () => {
    const key = await generateDatabaseKey();
    const record = realRecord();
    const enc = await encryptDoc(key, record, 'rec-1');
    expect(Object.keys(enc).sort()).toEqual(['ct', 'iv', 'v']);
    expect(enc.v).toBe(1);
    const back = await decryptDoc(key, enc, 'rec-1');
    expect(back).toEqual(record);
    const v = validateRecord(back);
    expect(v.ok).toBe(true);
  });

  it('uses a fresh 96-bit IV every time (same plaintext, different ciphertext)', async () => {
    const key = await generateDatabaseKey();
    const encs = await Promise.all(Array.from({ length: 50 }, () => encryptDoc(key, { a: 1 })));
    const ivs = new Set(encs.map((e) => e.iv));
    expect(ivs.size).toBe(50);
    expect(new Set(encs.map((e) => e.ct)).size).toBe(50);
    for (const e of encs) expect(fromBase64(e.iv).length).toBe(12);
  });

  it('a changed byte anywhere (ciphertext, tag, IV) is an E2eError, never a wrong record', async () => {
    const key = await generateDatabaseKey();
    const enc = await encryptDoc(key, realRecord(), 'rec-1');
    const ct = fromBase64(enc.ct);
    for (const at of [0, Math.floor(ct.length / 2), ct.length - 1]) {
      const bad = ct.slice();
      bad[at] = (bad[at] ?? 0) ^ 1;
      await expectE2e(decryptDoc(key, { ...enc, ct: toBase64(bad) }, 'rec-1'), 'wrong-key-or-tampered');
    }
    const iv = fromBase64(enc.iv);
    iv[0] = (iv[0] ?? 0) ^ 0x80;
    await expectE2e(decryptDoc(key, { ...enc, iv: toBase64(iv) }, 'rec-1'), 'wrong-key-or-tampered');
    // Cut short, or the body of another document (the additional data is the id).
    await expectE2e(decryptDoc(key, { ...enc, ct: toBase64(ct.subarray(0, ct.length - 1)) }, 'rec-1'), 'wrong-key-or-tampered');
    await expectE2e(decryptDoc(key, enc, 'rec-2'), 'wrong-key-or-tampered');
  });

  it('the wrong key is an E2eError', async () => {
    const enc = await encryptDoc(await generateDatabaseKey(), realRecord());
    await expectE2e(decryptDoc(await generateDatabaseKey(), enc), 'wrong-key-or-tampered');
  });

  it('malformed envelopes are E2eErrors, not TypeErrors', async () => {
    const key = await generateDatabaseKey();
    const good = await encryptDoc(key, { a: 1 });
    await expectE2e(decryptDoc(key, null), 'malformed');
    await expectE2e(decryptDoc(key, 'text'), 'malformed');
    await expectE2e(decryptDoc(key, { ...good, v: 2 }), 'unsupported-version');
    await expectE2e(decryptDoc(key, { ...good, iv: '***' }), 'malformed');
    await expectE2e(decryptDoc(key, { ...good, iv: toBase64(new Uint8Array(16)) }), 'malformed');
    await expectE2e(decryptDoc(key, { ...good, ct: 'AAAA' }), 'malformed');
    await expectE2e(decryptDoc(key, { v: 1, iv: good.iv }), 'malformed');
  });

  it('the ciphertext holds no keypoint number, score, pain answer or exercise name in the clear', async () => {
    const key = await generateDatabaseKey();
    const record = realRecord();
    const enc = await encryptDoc(key, record, 'rec-1');
    const stored = JSON.stringify(enc);
    // Raw ciphertext bytes as text, too (a cipher that left plaintext through would show here).
    const raw = Array.from(fromBase64(enc.ct), (b) => String.fromCharCode(b)).join('');
    const firstRow = record.frames.k.find((r) => r !== null) ?? [];
    expect(firstRow.length).toBeGreaterThan(6);
    const needles = [
      record.header.exercise, // 'bridge'
      record.header.model,
      JSON.stringify(firstRow.slice(0, 4)).slice(1, -1), // "312,204,87,318"-like run of keypoints
      ...record.frames.joints.slice(0, 5),
      '87.5',
      'score',
      'calf',
      '"back":7',
      'hold-too-short',
      'pain',
    ];
    for (const n of needles) {
      expect(stored, n).not.toContain(n);
      expect(raw, n).not.toContain(n);
      // Nor merely base64-encoded: the plaintext's base64 at each of the three alignments.
      for (let pad = 0; pad < 3; pad++) {
        const b64 = btoa('x'.repeat(pad) + n).slice(Math.ceil((pad * 4) / 3) + 1, -2);
        if (b64.length >= 6) expect(stored, `${n} as base64`).not.toContain(b64);
      }
    }
  });

  it('physio and patient derive the same key from ECDH; it wraps the database key for both', async () => {
    const physio = await generateKeyPair();
    const patient = await generateKeyPair();
    const db = 'patient-3f1c';
    // Only public keys travel, as JWK.
    const physioPubJwk = await exportPublicKey(physio.publicKey);
    const patientPubJwk = await exportPublicKey(patient.publicKey);
    expect(physioPubJwk).not.toHaveProperty('d');
    expect(physioPubJwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    const kPhysio = await deriveSharedKey(physio.privateKey, await importPublicKey(patientPubJwk), db);
    const kPatient = await deriveSharedKey(patient.privateKey, await importPublicKey(physioPubJwk), db);

    // The physio makes the database key, wraps it for the patient (and for itself, with its own pair).
    const dbKey = await generateDatabaseKey();
    const forPatient = await wrapDatabaseKey(dbKey, kPhysio, db);
    const self = await deriveSharedKey(physio.privateKey, physio.publicKey, db);
    const forPhysio = await wrapDatabaseKey(dbKey, self, db);

    const patientKey = await unwrapDatabaseKey(forPatient, kPatient, db);
    const physioKey = await unwrapDatabaseKey(forPhysio, self, db);
    expect(patientKey.extractable).toBe(false);

    // What the patient writes, the physio reads, and back.
    const record = realRecord();
    const enc = await encryptDoc(patientKey, record, 'rec-9');
    expect(await decryptDoc(physioKey, enc, 'rec-9')).toEqual(record);
    expect(await decryptDoc(patientKey, await encryptDoc(physioKey, { note: 'ok' }), undefined)).toEqual({ note: 'ok' });

    // A third party (another patient) cannot unwrap it, nor can the key for another database.
    const other = await generateKeyPair();
    const kOther = await deriveSharedKey(other.privateKey, physio.publicKey, db);
    await expectE2e(unwrapDatabaseKey(forPatient, kOther, db), 'wrong-key-or-tampered');
    await expectE2e(unwrapDatabaseKey(forPatient, kPatient, 'patient-other'), 'wrong-key-or-tampered');
    const kPatientOtherDb = await deriveSharedKey(patient.privateKey, await importPublicKey(physioPubJwk), 'patient-other');
    await expectE2e(unwrapDatabaseKey(forPatient, kPatientOtherDb, db), 'wrong-key-or-tampered');
    await expectE2e(unwrapDatabaseKey({ ...forPatient, alg: 'A128KW' }, kPatient, db), 'unsupported-version');
  });

  it('refuses public keys that are not P-256 public keys', async () => {
    await expectE2e(importPublicKey(null), 'bad-public-key');
    await expectE2e(importPublicKey({ kty: 'RSA', n: 'x', e: 'AQAB' }), 'bad-public-key');
    const pair = await generateKeyPair({ extractable: true });
    const priv = await globalThis.crypto.subtle.exportKey('jwk', pair.privateKey);
    await expectE2e(importPublicKey(priv), 'bad-public-key'); // a private key must never be taken as a public one
    const pub = await exportPublicKey(pair.publicKey);
    await expectE2e(importPublicKey({ ...pub, x: pub.y }), 'bad-public-key'); // not on the curve
  });
});
