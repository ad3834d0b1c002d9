/**
 * A programme problem made in src/storage, in the current language: in English as storage wrote it
 * (its callers and the CLI read it), in another language said by its code (core/said.ts).
 */
import type { Said } from '../../core/said';
import type { ProgrammeCode } from '../../storage/programme-file';
import { language, t } from '../i18n/index.svelte';

export function programmeText(e: Said<ProgrammeCode>): string {
  return language() === 'en' ? e.message : t(`prescription.error.${e.code}`);
}
