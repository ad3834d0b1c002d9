/**
 * Real clips that the exercise definitions do not yet pass, with the reason. Keyed
 * `<exerciseId>:<folder>/<clip>`. These run as it.fails: if one starts passing, the test
 * fails and the entry must go.
 */
export const KNOWN_FAILURES: Record<string, string> = {};
