export * from './record';
export * from './frames';
export { SessionRecordSchema, PrescriptionSchema, MAX_RECORD_CHARS, MAX_FRAMES, END_REASONS, type EndReason } from './schema';
