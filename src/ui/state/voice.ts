/**
 * Spoken cues (Web Speech API) and the rep beep (WebAudio, no files). Browser only; both degrade
 * to silence where the API is missing. Cues are spoken in the app's language with a voice for
 * it; where the computer has no voice for that language nothing is spoken (a wrong-language
 * voice would garble it) and the screen says so once: the cues are on screen anyway.
 */
import { speechLang } from '../i18n/index.svelte';
import { CueGate } from './cue-gate';

/** What the voice choice reads of a SpeechSynthesisVoice. */
export interface VoiceLike {
  lang: string;
  name: string;
  default?: boolean;
  localService?: boolean;
}

/** Preferred region for a language prefix: Mainland Chinese for 'zh', British English for 'en'. */
const PREFERRED: Record<string, string> = { zh: 'zh-cn', en: 'en-gb' };

/**
 * The voice to speak `prefix` ('en', 'zh') with, or null when none fits. A voice's lang
 * ("zh-CN", "zh_CN", "cmn-Hans-CN") starts with the prefix; among those, the preferred region,
 * then a voice on this computer (works offline), then the system default. Pure.
 */
export function chooseVoice<V extends VoiceLike>(voices: readonly V[], prefix: string): V | null {
  const norm = (l: string) => l.toLowerCase().replace(/_/g, '-');
  const p = prefix.toLowerCase();
  const fits = voices.filter((v) => {
    const l = norm(v.lang);
    return l === p || l.startsWith(`${p}-`) || (p === 'zh' && l.startsWith('cmn'));
  });
  if (!fits.length) return null;
  const rank = (v: V) => (norm(v.lang) === PREFERRED[p] || (p === 'zh' && /^cmn.*cn$/.test(norm(v.lang))) ? 4 : 0) + (v.localService ? 2 : 0) + (v.default ? 1 : 0);
  return [...fits].sort((a, b) => rank(b) - rank(a))[0]!;
}

/** How long the audio context stays running after the last beep (ms). */
const IDLE_SUSPEND_MS = 2000;

export class Voice {
  private gate = new CueGate();
  private audio: AudioContext | null = null;
  /** Beeps playing or about to (the context is suspended when none). */
  private playing = 0;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  muted = false;
  beepOn = true;

  /** `synth`: the speech engine (tests pass a fake); none: silence. */
  constructor(private readonly synth: () => Pick<SpeechSynthesis, 'getVoices' | 'speak' | 'cancel' | 'speaking'> | null = () => (typeof speechSynthesis === 'undefined' ? null : speechSynthesis)) {}

  /**
   * The voice for the current language, or null when the computer has none for it (then nothing
   * is spoken). English is spoken even where the browser lists no voices: its default voice.
   */
  private voiceNow(): { voice: SpeechSynthesisVoice | null; lang: string } | null {
    const synth = this.synth();
    if (!synth) return null;
    const prefix = speechLang();
    const voice = chooseVoice(synth.getVoices(), prefix);
    return voice || prefix === 'en' ? { voice, lang: voice?.lang ?? prefix } : null;
  }

  /** False when cues cannot be spoken in the current language (no voice for it): the screen says so. */
  hasVoice(): boolean {
    const synth = this.synth();
    if (!synth) return false;
    const prefix = speechLang();
    return prefix === 'en' || chooseVoice(synth.getVoices(), prefix) !== null;
  }

  private utter(text: string, v: { voice: SpeechSynthesisVoice | null; lang: string }): SpeechSynthesisUtterance {
    const u = new SpeechSynthesisUtterance(text);
    u.rate = 0.95;
    u.lang = v.lang;
    if (v.voice) u.voice = v.voice;
    return u;
  }

  /**
   * Create the audio context inside a user gesture (browsers block it otherwise). It is then
   * suspended whenever no beep plays: a running context renders silence for ever, a steady
   * audio thread (≈ 25 ms of CPU a second here) taken from the pose model.
   */
  unlock(): void {
    if (this.audio) {
      void this.audio.resume().catch(() => undefined);
      this.idleSoon();
      return;
    }
    try {
      const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
      if (Ctor) this.audio = new Ctor();
    } catch {
      this.audio = null;
    }
    this.idleSoon();
  }

  /** Suspend the context once nothing has played for a moment (a quick next rep reuses it). */
  private idleSoon(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.playing === 0 && this.audio?.state === 'running') void this.audio.suspend().catch(() => undefined);
    }, IDLE_SUSPEND_MS);
  }

  /** Speak a cue if the gate allows it; returns true when it was spoken. */
  say(id: string, text: string, nowMs = performance.now()): boolean {
    const synth = this.synth();
    if (this.muted || !synth) return false;
    const v = this.voiceNow();
    if (!v) return false;
    if (!this.gate.offer(id, nowMs, synth.speaking)) return false;
    try {
      synth.speak(this.utter(text, v));
      return true;
    } catch {
      return false;
    }
  }

  /** Speak now regardless of the cooldown (e.g. "Set complete"), cancelling anything queued. */
  announce(text: string): void {
    const synth = this.synth();
    if (this.muted || !synth) return;
    const v = this.voiceNow();
    if (!v) return;
    try {
      synth.cancel();
      synth.speak(this.utter(text, v));
    } catch {
      /* silence */
    }
  }

  stop(): void {
    this.synth()?.cancel();
    this.gate.reset();
  }

  /** A short, soft beep for a counted rep. */
  beep(freq = 880, ms = 120): void {
    if (!this.beepOn || !this.audio) return;
    const ctx = this.audio;
    this.playing++;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const done = (): void => {
      this.playing = Math.max(0, this.playing - 1);
      this.idleSoon();
    };
    // Resumed by script: the page has had its user gesture (unlock), so browsers allow it. Always
    // through resume(): it settles after a suspend() still under way, so the beep is not lost.
    ctx.resume().then(() => this.tone(ctx, freq, ms, done), done);
  }

  private tone(ctx: AudioContext, freq: number, ms: number, done: () => void): void {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const t = ctx.currentTime;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.25, t + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + ms / 1000);
    osc.connect(gain).connect(ctx.destination);
    osc.onended = done;
    osc.start(t);
    osc.stop(t + ms / 1000 + 0.02);
  }
}
