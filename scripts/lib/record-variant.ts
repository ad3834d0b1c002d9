/**
 * A recorded clip turned into a variant of itself, frame by frame (arms moved, scores scaled, the
 * tempo changed): a new session record with the same header, marked in its source, and the same
 * image size. Shared by the variant generators in scripts/lib; derived numbers only.
 */
import type { PoseFrame } from '../../src/core/pose';
import { RecordBuilder, recordFrames, type SessionRecord } from '../../src/core/session/record';

type Frame = { tMs: number; frame: PoseFrame | null };

export function variantRecord(record: SessionRecord, label: string, map: (frames: Frame[]) => Frame[]): SessionRecord {
  const h = record.header;
  const source = `${h.source ?? 'recording'} | ${label}`.replace(/[\u0000-\u001f\u007f<>]/g, ' ').slice(0, 300);
  const b = new RecordBuilder({ appVersion: h.appVersion, model: h.model, exercise: h.exercise, prescription: h.prescription, startedAt: h.startedAt, source });
  for (const { tMs, frame } of map(recordFrames(record))) b.add(frame, tMs);
  const rec = b.build();
  rec.frames.width = record.frames.width;
  rec.frames.height = record.frames.height;
  return rec;
}
