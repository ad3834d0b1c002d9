/** The shape of one language's strings: the English tree with every leaf a string. */
export type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

/** The languages the app speaks; the first is the fallback for anything missing at run time. */
export const LANGUAGES = [
  { id: 'en', label: 'English', speech: 'en', intl: 'en-GB' },
  { id: 'zh-CN', label: '简体中文', speech: 'zh', intl: 'zh-CN' },
] as const;

export type Language = (typeof LANGUAGES)[number]['id'];

/** The language for a browser's preferred languages (navigator.languages): Chinese for any zh-*, else English. Pure. */
export function languageFor(preferred: readonly string[]): Language {
  for (const p of preferred) {
    const l = p.toLowerCase();
    if (l.startsWith('zh')) return 'zh-CN';
    if (l.startsWith('en')) return 'en';
  }
  return 'en';
}
