/**
 * Spoken cues in the chosen language: the voice is chosen by language; where the computer has no
 * voice for it nothing is spoken (a wrong-language voice would garble it) and hasVoice() says so,
 * for the screen. Fake voices and a fake speech engine (Node has no speechSynthesis).
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setLanguage, loadLanguage } from '../../src/ui/i18n/index.svelte';
import { chooseVoice, Voice, type VoiceLike } from '../../src/ui/state/voice';

// Chinese strings load on first use in the app; here, once before the tests.
beforeAll(() => loadLanguage('zh-CN'));

const v = (lang: string, name: string, extra: Partial<VoiceLike> = {}): VoiceLike => ({ lang, name, ...extra });
const EN_ONLY = [v('en-US', 'Samantha', { default: true }), v('en-GB', 'Daniel')];
const MIXED = [...EN_ONLY, v('zh-TW', 'Mei-Jia'), v('zh-HK', 'Sin-ji'), v('zh-CN', 'Ting-Ting'), v('fr-FR', 'Thomas')];

class FakeUtterance {
  lang = '';
  rate = 1;
  voice: unknown = null;
  constructor(readonly text: string) {}
}

function engine(voices: VoiceLike[]) {
  const spoken: FakeUtterance[] = [];
  const synth = {
    speaking: false,
    getVoices: () => voices as unknown as SpeechSynthesisVoice[],
    speak: (u: SpeechSynthesisUtterance) => void spoken.push(u as unknown as FakeUtterance),
    cancel: vi.fn(),
  };
  return { voice: new Voice(() => synth), spoken };
}

beforeAll(() => vi.stubGlobal('SpeechSynthesisUtterance', FakeUtterance));
afterEach(() => setLanguage('en'));

describe('choosing a voice', () => {
  it('by the language prefix, Mainland Chinese first for zh, British English first for en', () => {
    expect(chooseVoice(MIXED, 'zh')?.name).toBe('Ting-Ting');
    expect(chooseVoice(MIXED, 'en')?.name).toBe('Daniel');
    expect(chooseVoice([v('zh-TW', 'Mei-Jia')], 'zh')?.name).toBe('Mei-Jia');
    expect(chooseVoice(EN_ONLY, 'zh')).toBeNull();
    expect(chooseVoice([], 'zh')).toBeNull();
  });

  it('reads the ways browsers write a language ("zh_CN", "cmn-Hans-CN") and never takes a prefix of another word', () => {
    expect(chooseVoice([v('en_US', 'a'), v('zh_CN', 'b')], 'zh')?.name).toBe('b');
    expect(chooseVoice([v('cmn-Hans-CN', 'c')], 'zh')?.name).toBe('c');
    expect(chooseVoice([v('zha', 'Zhuang')], 'zh')).toBeNull();
  });

  it('prefers a voice on this computer, then the default, within a region', () => {
    const voices = [v('zh-CN', 'online'), v('zh-CN', 'local', { localService: true })];
    expect(chooseVoice(voices, 'zh')?.name).toBe('local');
    expect(chooseVoice([v('zh-CN', 'a'), v('zh-CN', 'b', { default: true })], 'zh')?.name).toBe('b');
  });
});

describe('speaking', () => {
  it('Chinese cues with a Chinese voice and the utterance in Chinese', () => {
    setLanguage('zh-CN');
    const { voice, spoken } = engine(MIXED);
    expect(voice.hasVoice()).toBe(true);
    expect(voice.say('start', '很好。准备好就抬起臀部。', 0)).toBe(true);
    expect(spoken).toHaveLength(1);
    expect(spoken[0]!.lang).toBe('zh-CN');
    expect((spoken[0]!.voice as VoiceLike).name).toBe('Ting-Ting');
    voice.announce('本组完成，做得好。');
    expect(spoken).toHaveLength(2);
    expect(spoken[1]!.lang).toBe('zh-CN');
  });

  it('no Chinese voice: nothing is spoken (not an English voice reading Chinese), and hasVoice says so', () => {
    setLanguage('zh-CN');
    const { voice, spoken } = engine(EN_ONLY);
    expect(voice.hasVoice()).toBe(false);
    expect(voice.say('start', '很好。', 0)).toBe(false);
    voice.announce('本组完成。');
    expect(spoken).toEqual([]);
  });

  it('English is spoken, with an English voice when there is one and the default one when the browser lists none', () => {
    const a = engine(MIXED);
    expect(a.voice.say('start', 'Good.', 0)).toBe(true);
    expect(a.spoken[0]!.lang).toBe('en-GB');
    const b = engine([]);
    expect(b.voice.hasVoice()).toBe(true);
    expect(b.voice.say('start', 'Good.', 0)).toBe(true);
    expect(b.spoken[0]!.lang).toBe('en');
    expect(b.spoken[0]!.voice).toBeNull();
  });

  it('muted: silent in every language', () => {
    setLanguage('zh-CN');
    const { voice, spoken } = engine(MIXED);
    voice.muted = true;
    expect(voice.say('start', '很好。', 0)).toBe(false);
    voice.announce('本组完成。');
    expect(spoken).toEqual([]);
  });
});

describe('the rep beep', () => {
  /** A WebAudio context that only keeps its state and the tones asked of it. */
  class FakeAudio {
    state: AudioContextState = 'running';
    currentTime = 0;
    destination = {};
    tones: { onended: (() => void) | null }[] = [];
    async resume(): Promise<void> {
      this.state = 'running';
    }
    async suspend(): Promise<void> {
      this.state = 'suspended';
    }
    createGain() {
      return { gain: { setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined }, connect: (d: unknown) => d };
    }
    createOscillator() {
      const o = { type: '', frequency: { value: 0 }, onended: null as (() => void) | null, connect: (g: unknown) => g, start: () => undefined, stop: () => undefined };
      this.tones.push(o);
      return o;
    }
  }

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('the audio context sleeps when no beep plays (a running one renders silence on two threads) and wakes for the next beep', async () => {
    vi.useFakeTimers();
    let made: FakeAudio | null = null;
    vi.stubGlobal('window', { AudioContext: class extends FakeAudio { constructor() { super(); made = this; } } });
    const voice = new Voice(() => null);
    voice.unlock();
    const ctx = made as unknown as FakeAudio;
    expect(ctx.state).toBe('running');
    await vi.advanceTimersByTimeAsync(2500);
    expect(ctx.state).toBe('suspended');
    voice.beep();
    await vi.advanceTimersByTimeAsync(0);
    expect(ctx.state).toBe('running');
    expect(ctx.tones).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2500);
    expect(ctx.state).toBe('running'); // the tone has not ended yet
    ctx.tones[0]!.onended?.();
    await vi.advanceTimersByTimeAsync(2500);
    expect(ctx.state).toBe('suspended');
  });
});
