/**
 * The documents of a pairing in the patient's database (../pairing.ts is the entry), and the
 * additional data that binds each encrypted part to its database.
 *
 * What the server holds for a pending invite, in the patient's database:
 * - `pairing`: `{ type: 'pairing', v: 1, expiresAt, wrappedKey, sealed }`. `wrappedKey` is the
 *   patient's random database key wrapped with the pairing key (bound to the database name);
 *   `sealed` is `{ physioPublicKey, expiresAt, dbName }` encrypted with the pairing key, so the
 *   server can neither read nor swap the physio's public key nor move the expiry. `expiresAt` in
 *   the clear is only for the physio's clean-up.
 * - `physio-key`: the physio's public key, the database key wrapped for the physio (ECDH of the
 *   physio's own pair, so after a reload the physio gets every patient's key back from the server
 *   with their private key alone), and the label and dates encrypted with the database key.
 * - `patient-key` (once redeemed): the patient's public key and its proof (./patient.ts), then the
 *   database key wrapped for it (./physio.ts).
 * The server never sees the code, the pairing key, the database key or the label.
 */

export const PAIRING_ID = 'pairing';
export const PHYSIO_KEY_ID = 'physio-key';
export const PATIENT_KEY_ID = 'patient-key';
export const sealAad = (db: string) => `rootwell pairing v1 | sealed | ${db}`;
export const metaAad = (db: string) => `rootwell pairing v1 | physio meta | ${db}`;
export const proofAad = (db: string) => `rootwell pairing v1 | patient key | ${db}`;

export interface Sealed {
  physioPublicKey: JsonWebKey;
  expiresAt: string;
  dbName: string;
}

export interface PatientMeta {
  label: string;
  createdAt: string;
  expiresAt: string;
}
