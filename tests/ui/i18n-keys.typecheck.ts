/**
 * Compile-time check of the i18n keys, run by tests/typecheck.test.ts (svelte-check): a key the
 * English tree has compiles; one it lacks does not (the @ts-expect-error below fails the check
 * the day unknown keys start compiling).
 */
import { t } from '../../src/ui/i18n/index.svelte';

export const known: string = t('common.language');
// @ts-expect-error an unknown key does not compile
export const unknown = t('common.no-such-key');
