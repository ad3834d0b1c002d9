/**
 * Spoken cues (Web Speech API) and the rep beep (WebAudio, no files). Browser only; both degrade
 * to silence where the API is missing.
 */
import { CueGate } from './cue-gate';

export class Voice {
  private gate = new CueGate();
  private audio: AudioContext | null = null;
  muted = false;
  beepOn = true;

  /** Create the audio context inside a user gesture (browsers block it otherwise). */
  unlock(): void {
    if (this.audio) {
      void this.audio.resume().catch(() => undefined);
      return;
    }
    try {
      const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
      if (Ctor) this.audio = new Ctor();
    } catch {
      this.audio = null;
    }
  }

  /** Speak a cue if the gate allows it; returns true when it was spoken. */
  say(id: string, text: string, nowMs = performance.now()): boolean {
    if (this.muted || typeof speechSynthesis === 'undefined') return false;
    if (!this.gate.offer(id, nowMs, speechSynthesis.speaking)) return false;
    try {
      const u = new SpeechSynthesisUtterance(text);
      u.rate = 0.95;
      u.lang = document.documentElement.lang || 'en';
      speechSynthesis.speak(u);
      return true;
    } catch {
      return false;
    }
  }

  /** Speak now regardless of the cooldown (e.g. "Set complete"), cancelling anything queued. */
  announce(text: string): void {
    if (this.muted || typeof speechSynthesis === 'undefined') return;
    try {
      speechSynthesis.cancel();
      speechSynthesis.speak(new SpeechSynthesisUtterance(text));
    } catch {
      /* silence */
    }
  }

  stop(): void {
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
    this.gate.reset();
  }

  /** A short, soft beep for a counted rep. */
  beep(freq = 880, ms = 120): void {
    if (!this.beepOn || !this.audio) return;
    const ctx = this.audio;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const t = ctx.currentTime;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.25, t + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + ms / 1000);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t);
    osc.stop(t + ms / 1000 + 0.02);
  }
}
