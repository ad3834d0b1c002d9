// pose.js is a classic script that assigns globalThis.Pose; importing it for its side effect and
// re-exporting the global lets pose-detection's `import { Pose } from '@mediapipe/pose'` work under Vite.
import '@mediapipe/pose/pose.js';

type PoseCtor = new (config: { locateFile: (path: string, prefix?: string) => string }) => unknown;

/** The MediaPipe Pose solution class, read lazily from the global the script sets. */
export const Pose = new Proxy(function () {} as unknown as PoseCtor, {
  construct(_t, args: [{ locateFile: (path: string, prefix?: string) => string }]) {
    const Ctor = (globalThis as unknown as { Pose?: PoseCtor }).Pose;
    if (!Ctor) throw new Error('MediaPipe Pose runtime did not load');
    return new Ctor(...args) as object;
  },
});
export const POSE_CONNECTIONS: unknown = [];
export const VERSION = '0.5.1675469404';
