/**
 * Re-projected views (tests/exercises/reprojected.test.ts) that the engine does not yet pass,
 * although the clip's own recording does, keyed `<exerciseId>:<folder>/<clip>@<view>`. They run
 * as it.fails: one that starts passing fails the test and its entry must go. Measured on
 * 2026-12-02 (95.8 % of the views exact, known clip failures apart); updated 2026-12-03 when lying
 * started to stay lying against legs that only look steep (95.7 % of 324).
 *
 * Most are one weakness: a view raises the camera on top of the original camera's own tilt
 * (scripts/lib/reproject.ts), so "pitch 40" looks down 50-65° in all. From there a person standing
 * or walking has the trunk only 20-40° above the camera's horizontal and the feet a fraction of a
 * leg below the hips in 3D, as someone lying does, and a bridging person's legs read as standing.
 * Telling them apart needs the camera's vertical estimated from the scene (the floor, or the
 * person standing), which is not done.
 */
const LOOKING_DOWN =
  'from a camera looking down 50-65° in all, the person standing or walking reads as lying in 3D (trunk 20-40° above the camera\'s horizontal, feet 0.2-0.4 leg lengths below the hips), so a lying exercise starts';
const BRIDGE_LOOKING_DOWN =
  'the original camera near the feet already looks down; tilted or rolled further, the bridging legs (hips above the ankles) read as standing for long spans, so reps are held back (posture)';

export const KNOWN_VIEW_FAILURES: Record<string, string> = {
  'bridge:bridge/fitbod_single_leg_bridge_2holds_2angles@roll-15':
    'counts 5 of 6: the side-view three are counted; in the diagonal view the top of each single-leg bridge reads as sitting once the camera is rolled 15° (hips high above the planted foot), so one of the three is held back (posture)',
  'bridge:bridge/fitbod_single_leg_bridge_2holds_2angles@oblique-handheld':
    'counts 3 of 6: the side-view three are counted; the diagonal view turned a further 45° and raised 30° reads as sitting from 1.7 to 14.9 s, so its three reps are held back (posture)',
  'bridge:no-exercise/outdoor_sit_walk_in_out_stand_square@pitch40': `counts 4 bridge reps on a negative: ${LOOKING_DOWN}`,
  'bridge:no-exercise/outdoor_sit_walk_in_out_stand_square@oblique-handheld': `counts 1 rep on a negative (the same 13.8-16.1 s span as the back-muscle bridge below; the 0.8-s whole-rep floor kept it out until that became 500 ms): ${LOOKING_DOWN}`,
  'bridge-back-muscle:bridge-back-muscle/ballsqueeze_bridge_20s_hold_oblique@oblique-handheld': `counts 0 of 3: ${BRIDGE_LOOKING_DOWN}`,
  'bridge-back-muscle:no-exercise/outdoor_sit_walk_in_out_stand_square@pitch40': `counts 3 reps on a negative: ${LOOKING_DOWN}`,
  'bridge-back-muscle:no-exercise/outdoor_sit_walk_in_out_stand_square@oblique-handheld': `counts 1 rep on a negative: ${LOOKING_DOWN}`,
  'sit-up:no-exercise/outdoor_sit_walk_in_out_stand_square@pitch40': `counts 1 rep on a negative (8.7-26 s read as lying; a dip of the walking trunk's read elevation now splits what had been one attempt): ${LOOKING_DOWN}`,
  'straight-leg-raise:no-exercise/gym_dumbbell_pickup_walk_away@pitch40': `counts 1 rep on a negative: ${LOOKING_DOWN}`,
  'press-up:no-exercise/gym_dumbbell_pickup_walk_away@pitch40': `counts 1 rep on a negative: ${LOOKING_DOWN}`,
  'waist-twist:waist-twist/mewfit_alternate_cross_toe_touch_arm_overhead_7@pitch40':
    'counts 1 of 6: from a camera 40° above, the standing person bent over to touch the opposite toe reads as lying (trunk near the camera\'s horizontal) for 0.6-1.7 s spans (posture); the counter arms only once it has seen the person facing front, which these spans hide until 9 s, so the first four twists are not counted',
  'press-up:press-up/istock_cobra_hold_then_downdog_side@pitch40':
    'the rep is counted, but its hold reads 4.8 s against 3.5 s (±1 s): from 40° above, the trunk extension near the top stays within the hold tolerance longer',
  'press-up:press-up/istock_cobra_hold_then_downdog_side@oblique-handheld':
    'the rep is counted, but its hold reads 4.7 s against 3.5 s (±1 s), as from 40° above',
  'knee-to-chest:knee-to-chest/ccgi_knee_to_chest_side_holds@yaw60':
    'first hold 4.5 s of 10: at the close-up cut (14.95 s) the body jumps outside the narrower outline a 60° view gives, so the identity lock reads someone else for 4 s and the hold breaks',
};
