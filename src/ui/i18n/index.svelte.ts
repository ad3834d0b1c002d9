/**
 * The one i18n layer (i18next): every screen, cue and spoken line goes through `t`.
 * The chosen language is a rune, so anything that calls `t` while rendering re-renders when
 * it changes. Numbers and dates go through `Intl` with the same language (`fmt`).
 * Anything missing in a language at run time falls back to English (tests fail on it first).
 * English is in the first bundle; another language's strings load when it is first chosen (or
 * before the app mounts, when it is the remembered choice: src/main.ts), so an English reader
 * does not download the Chinese tree.
 */
import i18next, { type TFunction } from 'i18next';
import { en } from './en';
import { LANGUAGES, languageFor, type Language } from './types';

export { LANGUAGES, languageFor, type Language } from './types';

const state = $state<{ lang: Language }>({ lang: 'en' });

void i18next.init({
  lng: 'en',
  fallbackLng: 'en',
  resources: { en: { translation: en } },
  initAsync: false, // resources are bundled: init is synchronous
  interpolation: { escapeValue: false }, // Svelte escapes what it renders
  returnNull: false,
});

/** The current language. Reading it inside a component or $derived tracks it. */
export function language(): Language {
  return state.lang;
}

/** The other languages' string trees, loaded on first use (each its own chunk). */
const LOADERS: Record<Exclude<Language, 'en'>, () => Promise<unknown>> = {
  'zh-CN': () => import('./zh').then((m) => m.zh),
};
const loaded = new Set<Language>(['en']);
let wanted: Language = 'en';

/** Load a language's strings (once). Resolves when `t` can answer in it. */
export async function loadLanguage(lang: Language): Promise<void> {
  if (loaded.has(lang)) return;
  const tree = await LOADERS[lang as Exclude<Language, 'en'>]();
  i18next.addResourceBundle(lang, 'translation', tree, true, true);
  loaded.add(lang);
}

/**
 * Switch the language for every screen (and the document's lang, so screen readers and fonts
 * follow): at once when its strings are loaded, else as soon as they are (the last choice wins).
 */
export function setLanguage(lang: Language): Promise<void> {
  wanted = lang;
  if (!loaded.has(lang)) return loadLanguage(lang).then(() => (wanted === lang ? setLanguage(lang) : undefined));
  state.lang = lang;
  void i18next.changeLanguage(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  return Promise.resolve();
}

/** Translate a key of the English tree (typed: an unknown key does not compile). */
export const t = ((...args: Parameters<TFunction>) => {
  void state.lang; // track the language
  return (i18next.t as unknown as (...a: unknown[]) => string)(...args);
}) as TFunction;

/** BCP 47 tag for Intl and speech in the current language. */
export function intlLocale(): string {
  return LANGUAGES.find((l) => l.id === state.lang)?.intl ?? 'en-GB';
}

/**
 * Formatters are built once per language and options: building an Intl.NumberFormat costs tens
 * of microseconds, and the live coach formats several numbers on every analysed frame.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<F extends Intl.NumberFormat | Intl.DateTimeFormat>(kind: 'n' | 'd', opts: object | undefined, make: (locale: string) => F): F {
  const locale = intlLocale();
  const key = `${kind}|${locale}|${opts ? JSON.stringify(opts) : ''}`;
  let f = formatters.get(key) as F | undefined;
  if (!f) formatters.set(key, (f = make(locale)));
  return f;
}

/** Numbers and dates in the current language. */
export const fmt = {
  number: (n: number, opts?: Intl.NumberFormatOptions) => formatter('n', opts, (l) => new Intl.NumberFormat(l, opts)).format(n),
  date: (d: Date | number, opts?: Intl.DateTimeFormatOptions) => formatter('d', opts, (l) => new Intl.DateTimeFormat(l, opts)).format(d),
};

/** The speech-synthesis language prefix for the current language ('en', 'zh'). */
export function speechLang(): string {
  return LANGUAGES.find((l) => l.id === state.lang)?.speech ?? 'en';
}
