/** Which screen is showing and what the person has told us (safety, pain), as rune state. */
import { localStore, writeStored } from '../../storage/local';
import { parseSafety, SAFETY_KEY, type PainCheck, type SafetyRecord } from './safety';
import { prewarm } from '../../live/browser';
import { Settings } from './settings.svelte';
import { Voice } from './voice';
import { setLanguage, type Language } from '../i18n/index.svelte';

export type Screen = 'programme' | 'safety' | 'pain-before' | 'coach' | 'pain-after';

export class AppState {
  screen = $state<Screen>('programme');
  /** The exercise chosen from the programme (kept while its screens run). */
  exerciseId = $state<string | null>(null);
  safety = $state.raw<SafetyRecord | null>(parseSafety(localStore()?.getItem(SAFETY_KEY) ?? null));
  painBefore = $state.raw<PainCheck | null>(null);
  painAfter = $state.raw<PainCheck | null>(null);
  readonly settings = new Settings();
  readonly voice = new Voice();

  constructor() {
    this.voice.muted = this.settings.muted;
    this.voice.beepOn = this.settings.beep;
    void setLanguage(this.settings.language).catch(() => undefined); // loaded before mount (main.ts)
  }

  /** True when exercise is allowed: the red-flag screen was answered and every answer was no. */
  get cleared(): boolean {
    return this.safety?.result === 'clear';
  }

  /** From the programme: the safety screen comes first if needed, then the pain check-in. */
  start(exerciseId: string): void {
    this.voice.unlock();
    // The pose model starts loading now, while the person reads the next screens.
    prewarm(this.settings.model, this.settings.backend);
    this.exerciseId = exerciseId;
    this.painAfter = null;
    if (!this.cleared) {
      this.screen = 'safety';
      return;
    }
    this.screen = this.painBefore ? 'coach' : 'pain-before';
  }

  recordSafety(result: 'stop' | 'clear'): void {
    const rec: SafetyRecord = { result, at: new Date().toISOString() };
    this.safety = rec;
    writeStored(SAFETY_KEY, rec); // refused: kept for this visit
  }

  /** After a clear safety screen: continue to the chosen exercise, or back to the programme. */
  afterSafety(): void {
    if (!this.cleared) return;
    this.screen = this.exerciseId ? (this.painBefore ? 'coach' : 'pain-before') : 'programme';
  }

  home(): void {
    this.screen = 'programme';
    this.exerciseId = null;
  }

  setMuted(m: boolean): void {
    this.settings.muted = m;
    this.voice.muted = m;
    if (m) this.voice.stop();
    this.settings.save();
  }

  /** The language for every screen and spoken cue, remembered on this computer. */
  setLanguage(lang: Language): void {
    this.settings.language = lang;
    setLanguage(lang).catch(() => undefined); // its strings could not load (offline, first visit): the screen stays as it is
    this.voice.stop();
    this.settings.save();
  }

  setTelehealth(on: boolean): void {
    this.settings.telehealth = on;
    this.settings.save();
  }
}
