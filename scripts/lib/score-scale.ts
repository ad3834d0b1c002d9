/**
 * A recorded clip with every 2D keypoint score multiplied by `k`: the same picture seen by a
 * model (or in a room, on a camera) whose confidence runs lower. BlazePose scores a clearly seen
 * joint about 1.0; MoveNet, which the cross-check follows when BlazePose is on someone else,
 * scores the same joint 0.6-0.8. A count must not hang on where a clip's scores happen to sit
 * against the "seen" line (clinical-basis.md#engineering "keypoint score"). The 3D world points
 * carry no score and are unchanged.
 */
import { JOINTS, type PoseFrame } from '../../src/core/pose';
import type { SessionRecord } from '../../src/core/session/record';
import { variantRecord } from './record-variant';

export const SCORE_SCALE = 0.8;

function scaledScores(frame: PoseFrame, k: number = SCORE_SCALE): PoseFrame {
  const joints = { ...frame.joints };
  for (const j of JOINTS) joints[j] = { ...frame.joints[j], score: frame.joints[j].score * k };
  return { ...frame, joints };
}

/** The whole record with its scores × k. */
export function scaledScoresRecord(record: SessionRecord, k: number = SCORE_SCALE): SessionRecord {
  return variantRecord(record, `scores ×${k}`, (frames) => frames.map(({ tMs, frame }) => ({ tMs, frame: frame ? scaledScores(frame, k) : null })));
}
