/** Preferences remembered on this computer (localStorage): voice, model, telehealth layout, camera. */
import { DEFAULT_MODEL, type BackendChoice, type ModelId } from '../../estimate/estimator';
import { pickerChoices } from '../../estimate/model-table';

export const SETTINGS_KEY = 'rootwell.settings.v1';

export interface SettingsData {
  muted: boolean;
  beep: boolean;
  model: ModelId;
  backend: BackendChoice;
  telehealth: boolean;
  cameraId: string | null;
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
};

/** Parse stored settings, keeping defaults for anything missing or invalid. Pure. */
export function parseSettings(raw: string | null): SettingsData {
  const out = { ...DEFAULT_SETTINGS };
  if (!raw) return out;
  try {
    const v = JSON.parse(raw) as Partial<SettingsData>;
    if (typeof v.muted === 'boolean') out.muted = v.muted;
    if (typeof v.beep === 'boolean') out.beep = v.beep;
    if (typeof v.telehealth === 'boolean') out.telehealth = v.telehealth;
    if (typeof v.cameraId === 'string') out.cameraId = v.cameraId;
    if (typeof v.model === 'string' && MODEL_CHOICES.some((m) => m.id === v.model)) out.model = v.model;
    if (v.backend === 'auto' || v.backend === 'wasm' || v.backend === 'webgl' || v.backend === 'webgpu' || v.backend === 'cpu') out.backend = v.backend;
  } catch {
    /* defaults */
  }
  return out;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export class Settings {
  muted = $state(DEFAULT_SETTINGS.muted);
  beep = $state(DEFAULT_SETTINGS.beep);
  model = $state<ModelId>(DEFAULT_SETTINGS.model);
  backend = $state<BackendChoice>(DEFAULT_SETTINGS.backend);
  telehealth = $state(DEFAULT_SETTINGS.telehealth);
  cameraId = $state<string | null>(DEFAULT_SETTINGS.cameraId);

  constructor() {
    const s = parseSettings(storage()?.getItem(SETTINGS_KEY) ?? null);
    this.muted = s.muted;
    this.beep = s.beep;
    this.model = s.model;
    this.backend = s.backend;
    this.telehealth = s.telehealth;
    this.cameraId = s.cameraId;
  }

  save(): void {
    const data: SettingsData = {
      muted: this.muted,
      beep: this.beep,
      model: this.model,
      backend: this.backend,
      telehealth: this.telehealth,
      cameraId: this.cameraId,
    };
    try {
      storage()?.setItem(SETTINGS_KEY, JSON.stringify(data));
    } catch {
      /* private mode: settings last for this visit only */
    }
  }
}
