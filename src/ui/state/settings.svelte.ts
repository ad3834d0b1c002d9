/** Preferences remembered on this computer (localStorage): voice, model, telehealth layout, camera. */
import * as v from 'valibot';
import { DEFAULT_MODEL, type BackendChoice, type ModelId } from '../../estimate/estimator';
import { localStore, parseStored, writeStored } from '../../storage/local';
import { pickerChoices } from '../../estimate/model-table';
import { LANGUAGES, languageFor, type Language } from '../i18n/types';

export const SETTINGS_KEY = 'rootwell.settings.v1';

export interface SettingsData {
  muted: boolean;
  beep: boolean;
  model: ModelId;
  backend: BackendChoice;
  telehealth: boolean;
  cameraId: string | null;
  /** The app's language; first visit: the browser's preferred languages. */
  language: Language;
}

/** Lighter to heavier, with words a patient understands: the model table's tfjs rows (they run everywhere). */
export const MODEL_CHOICES: readonly { id: ModelId; label: string }[] = pickerChoices();

export const DEFAULT_SETTINGS: SettingsData = {
  muted: false,
  beep: true,
  // The model core was tuned on (fixtures recorded with it); the picker offers lighter and heavier.
  model: DEFAULT_MODEL,
  backend: 'auto',
  telehealth: false,
  cameraId: null,
  language: languageFor(typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]),
};

const BACKENDS = ['auto', 'wasm', 'webgl', 'webgpu', 'cpu'] as const satisfies readonly BackendChoice[];

/** A field that keeps its default when missing or invalid (one bad field does not lose the others). */
const field = <T>(schema: v.GenericSchema<unknown, T>, fallback: T) => v.fallback(v.optional(schema, fallback), fallback);

/** Stored settings: every field checked, unknown keys dropped. */
const SettingsSchema = v.object({
  muted: field(v.boolean(), DEFAULT_SETTINGS.muted),
  beep: field(v.boolean(), DEFAULT_SETTINGS.beep),
  model: field(v.custom<ModelId>((m) => typeof m === 'string' && MODEL_CHOICES.some((c) => c.id === m)), DEFAULT_SETTINGS.model),
  backend: field(v.picklist(BACKENDS), DEFAULT_SETTINGS.backend),
  telehealth: field(v.boolean(), DEFAULT_SETTINGS.telehealth),
  cameraId: field(v.nullable(v.string()), DEFAULT_SETTINGS.cameraId),
  language: field(v.picklist(LANGUAGES.map((l) => l.id)), DEFAULT_SETTINGS.language),
}) satisfies v.GenericSchema<unknown, SettingsData>;

/** Parse stored settings, keeping defaults for anything missing or invalid. Pure. */
export function parseSettings(raw: string | null): SettingsData {
  return parseStored(raw, SettingsSchema) ?? { ...DEFAULT_SETTINGS };
}

export class Settings {
  muted = $state(DEFAULT_SETTINGS.muted);
  beep = $state(DEFAULT_SETTINGS.beep);
  model = $state<ModelId>(DEFAULT_SETTINGS.model);
  backend = $state<BackendChoice>(DEFAULT_SETTINGS.backend);
  telehealth = $state(DEFAULT_SETTINGS.telehealth);
  cameraId = $state<string | null>(DEFAULT_SETTINGS.cameraId);
  language = $state<Language>(DEFAULT_SETTINGS.language);

  constructor() {
    const s = parseSettings(localStore()?.getItem(SETTINGS_KEY) ?? null);
    this.muted = s.muted;
    this.beep = s.beep;
    this.model = s.model;
    this.backend = s.backend;
    this.telehealth = s.telehealth;
    this.cameraId = s.cameraId;
    this.language = s.language;
  }

  save(): void {
    const data: SettingsData = {
      muted: this.muted,
      beep: this.beep,
      model: this.model,
      backend: this.backend,
      telehealth: this.telehealth,
      cameraId: this.cameraId,
      language: this.language,
    };
    writeStored(SETTINGS_KEY, data); // refused (private mode): settings last for this visit only
  }
}
