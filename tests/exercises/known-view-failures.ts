/**
 * Re-projected views (tests/exercises/reprojected.test.ts) that the engine does not yet pass,
 * although the clip's own recording does, keyed `<exerciseId>:<folder>/<clip>@<view>`. They run
 * as it.fails: one that starts passing fails the test and its entry must go. Measured on
 * 2026-12-02 with the engine of that day (92.4 % of the views exact, known clip failures apart).
 */
export const KNOWN_VIEW_FAILURES: Record<string, string> = {
  'bridge:bridge/istock_glute_bridge_home_side_3reps@yaw60':
    'reps 0≠3: 60° off the side (not yet diagnosed frame by frame)',
  'bridge:bridge/sportsinjuryclinic_bridge_closeup_side@yaw60':
    'reps 0≠1: 60° off the side (not yet diagnosed frame by frame)',
  'bridge:no-exercise/outdoor_sit_walk_in_out_stand_square@pitch20':
    'negative counted (reps 1≠0): seen from a camera looking down 20-40°, the person sitting or bending reads as lying often enough to start the checker (not yet diagnosed frame by frame)',
  'bridge:no-exercise/outdoor_sit_walk_in_out_stand_square@pitch40':
    'negative counted (reps 5≠0): seen from a camera looking down 20-40°, the person sitting or bending reads as lying often enough to start the checker (not yet diagnosed frame by frame)',
  'bridge:no-exercise/outdoor_sit_walk_in_out_stand_square@oblique-handheld':
    'negative counted (reps 1≠0): seen from a camera looking down 20-40°, the person sitting or bending reads as lying often enough to start the checker (not yet diagnosed frame by frame)',
  'bridge-back-muscle:no-exercise/gym_dumbbell_pickup_walk_away@oblique-handheld':
    'negative counted (reps 1≠0): seen from a camera looking down 20-40°, the person sitting or bending reads as lying often enough to start the checker (not yet diagnosed frame by frame)',
  'bridge-back-muscle:no-exercise/outdoor_sit_walk_in_out_stand_square@pitch20':
    'negative counted (reps 1≠0): seen from a camera looking down 20-40°, the person sitting or bending reads as lying often enough to start the checker (not yet diagnosed frame by frame)',
  'bridge-back-muscle:no-exercise/outdoor_sit_walk_in_out_stand_square@pitch40':
    'negative counted (reps 1≠0): seen from a camera looking down 20-40°, the person sitting or bending reads as lying often enough to start the checker (not yet diagnosed frame by frame)',
  'waist-twist:waist-twist/istock_standing_torso_twist_front_outdoor@pitch20':
    'reps 3≠5; left 1≠3: from a raised camera the standing twist is gated for long spans (not yet diagnosed frame by frame)',
  'waist-twist:waist-twist/istock_standing_torso_twist_front_outdoor@pitch40':
    'reps 0≠5; left 0≠3; right 0≠2: from a raised camera the standing twist is gated for long spans (not yet diagnosed frame by frame)',
  'waist-twist:waist-twist/istock_standing_torso_twist_front_outdoor@oblique-handheld':
    'reps 0≠5; left 0≠3; right 0≠2: from a raised camera the standing twist is gated for long spans (not yet diagnosed frame by frame)',
  'press-up:press-up/darebee_superman_side_3reps@roll15':
    'reps 2≠3: the press-up signal is the trunk\'s elevation minus the legs\' against the camera\'s horizontal, with absolute lines (20°/15°), so a rolled or turned camera shifts it; a body-relative trunk-leg angle is the fix, not done',
  'press-up:press-up/istock_cobra_hold_then_downdog_side@yaw60':
    'hold 1 0.7≠3.5±1: the press-up signal is the trunk\'s elevation minus the legs\' against the camera\'s horizontal, with absolute lines (20°/15°), so a rolled or turned camera shifts it; a body-relative trunk-leg angle is the fix, not done',
  'press-up:press-up/istock_cobra_hold_then_downdog_side@yaw-45':
    'hold 1 0.3≠3.5±1: the press-up signal is the trunk\'s elevation minus the legs\' against the camera\'s horizontal, with absolute lines (20°/15°), so a rolled or turned camera shifts it; a body-relative trunk-leg angle is the fix, not done',
  'press-up:press-up/istock_cobra_hold_then_downdog_side@pitch40':
    'hold 1 4.8≠3.5±1: the press-up signal is the trunk\'s elevation minus the legs\' against the camera\'s horizontal, with absolute lines (20°/15°), so a rolled or turned camera shifts it; a body-relative trunk-leg angle is the fix, not done',
  'press-up:press-up/istock_cobra_hold_then_downdog_side@roll-15':
    'reps 0≠1; holds []≠[3.5]: the press-up signal is the trunk\'s elevation minus the legs\' against the camera\'s horizontal, with absolute lines (20°/15°), so a rolled or turned camera shifts it; a body-relative trunk-leg angle is the fix, not done',
  'press-up:press-up/istock_cobra_hold_then_downdog_side@oblique-handheld':
    'reps 0≠1; holds []≠[3.5]: the press-up signal is the trunk\'s elevation minus the legs\' against the camera\'s horizontal, with absolute lines (20°/15°), so a rolled or turned camera shifts it; a body-relative trunk-leg angle is the fix, not done',
  'press-up:press-up/shvasa_sphinx_hold_side_portrait@yaw60':
    'holds []≠[24.8]: the press-up signal is the trunk\'s elevation minus the legs\' against the camera\'s horizontal, with absolute lines (20°/15°), so a rolled or turned camera shifts it; a body-relative trunk-leg angle is the fix, not done',
  'press-up:press-up/shvasa_sphinx_hold_side_portrait@roll15':
    'holds []≠[24.8]: the press-up signal is the trunk\'s elevation minus the legs\' against the camera\'s horizontal, with absolute lines (20°/15°), so a rolled or turned camera shifts it; a body-relative trunk-leg angle is the fix, not done',
  'knee-to-chest:knee-to-chest/ccgi_knee_to_chest_side_holds@yaw60':
    'hold 1 4.5≠10±1: 60° off the side (not yet diagnosed frame by frame)',
  'knee-to-chest:no-exercise/outdoor_sit_walk_in_out_stand_square@pitch40':
    'negative counted (holds [2.7]≠[]): seen from a camera looking down 20-40°, the person sitting or bending reads as lying often enough to start the checker (not yet diagnosed frame by frame)',
  'knee-to-chest:no-exercise/outdoor_sit_walk_in_out_stand_square@oblique-handheld':
    'negative counted (holds [6.5]≠[]): seen from a camera looking down 20-40°, the person sitting or bending reads as lying often enough to start the checker (not yet diagnosed frame by frame)',
};
