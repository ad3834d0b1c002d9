/**
 * What counts as English left in Chinese text: the Latin words of a text, minus the words that
 * stay as they are in Chinese (names of the app, models, browsers and formats, units, standard
 * abbreviations, what a person types). Used by the string tables' test and the Chinese e2e.
 */
export const KEEP =
  /^(Rootwell|PSFS|FHIR|CSV|JSON|ICS|WebM|webm|MP4|mp4|MoveNet|BlazePose|MediaPipe|Lightning|Thunder|Lite|Full|Heavy|WebGL|WebGPU|WebAssembly|WASM|GPU|CPU|HL7|R4|OK|kB|MB|GB|PDF|fps|ms|s|°|Chrome|Edge|Firefox|https?|localhost)$/i;

/** The Latin words of a text (a letter, then letters or digits: "HL7", "MP4"), {{placeholders}} removed. */
export const latinWords = (text: string): string[] => text.replace(/\{\{[^}]*\}\}/g, '').match(/[A-Za-z][A-Za-z0-9]+/g) ?? [];

/** The words of a text that are English left untranslated. */
export const englishLeft = (text: string, keep: RegExp = KEEP): string[] => latinWords(text).filter((w) => !keep.test(w));
