/**
 * KERAAL / KIMORE (../shared/data/keypoints) through our engine: prints, per clip, the count a
 * person sees in the data and what we count. `npx tsx scripts/keypoint-sets.ts`
 * The bench (scripts/bench-accuracy.ts) can call keypointSetResults() / keypointSetTable() to
 * add the same section to bench/accuracy.md. Derived numbers only: the data stays in ../shared.
 */
import { pathToFileURL } from 'node:url';
import { keypointSetResults, keypointSetTable, KEYPOINT_SETS_DIR } from './lib/keypoint-sets';

export { keypointSetResults, keypointSetTable, CLIPS, type ClipResult, type KeypointClip } from './lib/keypoint-sets';

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = keypointSetResults();
  if (results.length === 0) {
    console.log(`No keypoint sets at ${KEYPOINT_SETS_DIR}: nothing to run.`);
  } else {
    console.log(keypointSetTable(results));
    console.log('');
    for (const r of results) {
      const g = r.gated && Object.keys(r.gated).length ? ` gated ${JSON.stringify(r.gated)}` : '';
      console.log(`${r.clip.id}: peak ${r.peak ?? '-'}, ${r.nullFrames}/${r.frames} null frames, events ${r.events.join(' ') || '-'}${g}`);
    }
  }
}
