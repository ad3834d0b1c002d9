/** Moved to src/source/ffmpeg.ts (the Node ffmpeg decoder is a frame source); kept for older importers. */
export * from '../source/ffmpeg';
