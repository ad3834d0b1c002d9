/**
 * A programme problem made in src/storage (English: its own callers and the CLI read it) in the
 * current language: a known one by its words, anything else in English as it is, or in another
 * language the general sentence for a damaged programme.
 */
import { localMessage } from '../state/history.svelte';
import { t } from '../i18n/index.svelte';

export function programmeMessage(message: string): string {
  return localMessage(
    message,
    [
      [/^This file is not a Rootwell exercise programme\.$|^This is not a programme file\.$/, () => t('prescription.error.notProgramme')],
      [/^This is a session record, not a programme/, () => t('prescription.error.isRecord')],
      [/^This programme file is damaged or cut short/, () => t('prescription.error.notJson')],
      [/^This file is far too large to be an exercise programme\.$/, () => t('prescription.error.tooLarge')],
      [/^This programme was made by a newer version/, () => t('prescription.error.newer')],
      [/^This programme file has a format this app cannot read/, () => t('prescription.error.version')],
      [/^This browser is not letting Rootwell save the programme/, () => t('prescription.error.storageOff')],
      [/^The programme could not be saved: the browser storage is full\.$/, () => t('prescription.error.storageFull')],
      [/^No programme is stored on this device\.$/, () => t('prescription.error.noneStored')],
    ],
    () => t('prescription.error.invalid'),
  );
}
