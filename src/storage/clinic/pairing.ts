/**
 * Pairing a patient's device with their physiotherapist's clinic (issue 10), over the clinic's
 * CouchDB. Browser APIs only (fetch + WebCrypto): it runs in the app and in Node 20 tests.
 *
 * This file is the public entry; the parts, each with its share of the design notes:
 * - ./pairing/code.ts: the code (Crockford base32, Damm check character), reading a code or a
 *   link, and what HKDF derives from it (patient id, first password, pairing key);
 * - ./pairing/documents.ts: what the server holds for an invite, and what it never sees;
 * - ./pairing/physio.ts: roles, inviting, completing, revoking, sweeping expired invites, lost keys;
 * - ./pairing/patient.ts: redeeming a code, checking a stored link;
 * - ./pairing/couch.ts: PairingError and its kinds, the CouchDB requests, the server settings.
 */
export { checkPairingCode, dbNameFor, parsePairingLink, userNameFor } from './pairing/code';
export { PAIRING_MESSAGES, PairingError, type PairingErrorKind, type PhysioAccount, productionCouchConfig } from './pairing/couch';
export { checkPatientLink, type PatientLink, redeemInvite } from './pairing/patient';
export {
  completePairing,
  DEFAULT_TTL_HOURS,
  invitePatient,
  listPatients,
  openPatient,
  type PatientInvite,
  revokePatient,
  sweepExpiredInvites,
} from './pairing/physio';
