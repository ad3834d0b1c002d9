/**
 * The coach's words that come from outside the UI, in the current language. Core, the sources,
 * the estimator, the live run and storage write English (the CLI and the records keep it) and give
 * each message a code or kind (core/said.ts); the UI says it by that code through the i18n layer,
 * never by matching the English. In English the message is shown as it came, with its detail.
 */
import { en } from '../i18n/en';
import type { EstimatorErrorKind } from '../../estimate/errors';
import type { Said } from '../../core/said';
import type { LiveNotice } from '../../live/models';
import { sourceErrorHelp, type SourceError, type SourceHelp } from '../../source/source';
import type { StorageError } from '../../storage/store';
import { cueText } from '../i18n/exercise';
import { language, t } from '../i18n/index.svelte';
import type { ClipStatus } from './clip-keeper';
import type { Exercise } from './contract';

type SeeKey = keyof typeof en.coach.see;

/** Every visibility message core can give, by its key in coach.see (the English tree takes them from core). */
export const SEE_MESSAGES: Readonly<Record<SeeKey, string>> = en.coach.see;

const seeByText = new Map(Object.entries(SEE_MESSAGES).map(([k, v]) => [v, k as SeeKey]));

/** A visibility message or camera advice from core, in the current language. */
export function seeText(message: string): string {
  const key = seeByText.get(message);
  return key ? t(`coach.see.${key}`) : message;
}

/** The cue core chose (an exercise's cue by id, or a visibility message), in the current language. */
export function cueWords(ex: Exercise, cue: { id: string; text: string }): string {
  if (ex.cues.some((c) => c.id === cue.id)) return cueText(ex, cue.id, cue.text);
  return seeText(cue.text);
}

/** The words for a source error (camera, shared window, video file), in the current language. */
export function sourceHelp(e: SourceError): SourceHelp {
  if (e.source === 'ffmpeg') return sourceErrorHelp(e); // the command line's, never shown in the app
  const group = t(`coach.sourceError.${e.source}`, { returnObjects: true }) as Readonly<Record<string, SourceHelp>>;
  return group[e.kind] ?? sourceErrorHelp(e);
}

/** Why the pose model failed, by the estimator's error kind, in the current language. */
export function modelErrorText(e: { code: string; message: string }): string {
  if (isModelErrorKind(e.code)) return language() === 'en' ? e.message : t(`coach.modelError.${e.code}`);
  return language() === 'en' ? e.message : t('coach.modelError.other');
}

const isModelErrorKind = (code: string): code is EstimatorErrorKind => code in MODEL_ERROR_KINDS;

/** Every estimator error kind (a Record, so a new kind is a compile error here). */
const MODEL_ERROR_KINDS: Record<EstimatorErrorKind, 1> = {
  'model-load-failed': 1,
  'backend-unavailable': 1,
  'unsupported-runtime': 1,
  'bad-input': 1,
  'estimate-failed': 1,
};

/** A notice from the live run (a fault handled mid-set), or the coach's own, said by its code in the current language. */
export function noticeText(n: LiveNotice | Said<'autoSwitched'>): string {
  if (language() === 'en' && n.code !== 'autoSwitched') return n.message;
  switch (n.code) {
    case 'autoSwitched':
      return t('coach.autoSwitched');
    case 'gpuLost':
      return t('coach.notice.gpuLost');
    case 'workerRestarted':
      return t('coach.notice.workerRestarted');
    case 'lighterFailed':
      return t('coach.notice.lighterFailed', { model: String(n.params?.model ?? '') });
    case 'workerFailed': {
      const why = n.params?.message;
      return t('coach.notice.workerFailed', { message: typeof why === 'object' ? modelErrorText(why) : '' });
    }
  }
}

/** Why this set could not be saved on this computer, said by its code in the current language. */
export function saveErrorText(e: StorageError): string {
  if (language() === 'en') return e.message;
  if (e.code === 'blocked') return t('coach.saveError.blocked');
  if (e.kind === 'unavailable') return t('coach.saveError.unavailable');
  if (e.kind === 'full') return t('coach.saveError.full');
  return t('coach.saveError.failed');
}

/** What became of the consented video, in the current language (null: nothing to say). */
export function clipText(clip: ClipStatus, mb: string): string | null {
  if (clip.state === 'saved') return t('coach.clipSaved', { mb });
  if (clip.state !== 'error') return null;
  if (language() === 'en') return clip.message;
  return clip.kind === 'stopped' ? t('coach.clipStopped') : clip.kind === 'not-started' ? t('coach.clipNotStarted') : t('coach.clipNotFinished');
}
