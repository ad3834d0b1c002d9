/**
 * Re-projected views (tests/exercises/reprojected.test.ts) that the engine does not yet pass,
 * although the clip's own recording does, keyed `<exerciseId>:<folder>/<clip>@<view>`. They run
 * as it.fails: one that starts passing fails the test and its entry must go. Measured on
 * 2026-12-02 (97.6 % of the views exact, known clip failures apart).
 */
const LOOKING_DOWN =
  'negative counted: the person walking, seen from a camera looking down 40° (plus the original camera\'s own tilt), reads in 3D with the trunk only 20-40° above the camera\'s horizontal and the feet 0.2-0.4 leg lengths below the hips, so as lying; telling them apart needs the camera\'s vertical estimated from the scene, not done';

export const KNOWN_VIEW_FAILURES: Record<string, string> = {
  'bridge:bridge/istock_glute_bridge_home_side_3reps@roll-15':
    'counts 1 of 3: at the top of a bridge the hips stand ~35° above the ankles; a camera rolled 15° makes it over 45°, which reads as standing, so two tops are held back (posture)',
  'bridge:no-exercise/outdoor_sit_walk_in_out_stand_square@pitch40': `counts 2 bridge reps: ${LOOKING_DOWN}`,
  'bridge:no-exercise/outdoor_sit_walk_in_out_stand_square@oblique-handheld': `counts 1 bridge rep: ${LOOKING_DOWN}`,
  'bridge-back-muscle:no-exercise/outdoor_sit_walk_in_out_stand_square@oblique-handheld': `counts 1 rep: ${LOOKING_DOWN}`,
  'press-up:press-up/istock_cobra_hold_then_downdog_side@pitch40':
    'the rep is counted, but its hold reads 4.8 s against 3.5 s (±1 s): from 40° above, the trunk extension near the top stays within the hold tolerance longer',
  'press-up:press-up/istock_cobra_hold_then_downdog_side@oblique-handheld':
    'the rep is counted, but its hold reads 4.7 s against 3.5 s (±1 s), as from 40° above',
  'knee-to-chest:knee-to-chest/ccgi_knee_to_chest_side_holds@yaw60':
    'first hold 4.5 s of 10: at the close-up cut (14.95 s) the body jumps outside the narrower outline a 60° view gives, so the identity lock reads someone else for 4 s and the hold breaks',
};
