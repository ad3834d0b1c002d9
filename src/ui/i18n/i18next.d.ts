/** Compile-time checked keys: t('coach.start') compiles only when the English tree has it. */
import 'i18next';
import type { Messages } from './en';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
