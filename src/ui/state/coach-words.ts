/**
 * The coach's words that come from outside the UI, in the current language. Core, the sources,
 * the estimator and storage write English (the CLI and the records keep it); the UI recognises
 * each of their messages (by id, kind, or the exact English the module exports) and says it
 * through the i18n layer. Anything not recognised is shown as it came, so nothing is ever lost.
 */
import { en } from '../i18n/en';
import { describeEstimatorError, type EstimatorErrorKind } from '../../estimate/errors';
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
  switch (e.source) {
    case 'camera':
      return {
        title: t(`coach.sourceError.camera.${e.kind}.title`),
        message: t(`coach.sourceError.camera.${e.kind}.message`),
        action: t(`coach.sourceError.camera.${e.kind}.action`),
        retryLabel: t(`coach.sourceError.camera.${e.kind}.retryLabel`),
      };
    case 'screen':
      return {
        title: t(`coach.sourceError.screen.${e.kind}.title`),
        message: t(`coach.sourceError.screen.${e.kind}.message`),
        action: t(`coach.sourceError.screen.${e.kind}.action`),
      };
    case 'file':
      return {
        title: t(`coach.sourceError.file.${e.kind}.title`),
        message: t(`coach.sourceError.file.${e.kind}.message`),
        action: t(`coach.sourceError.file.${e.kind}.action`),
      };
    case 'ffmpeg':
      return sourceErrorHelp(e); // the command line's, never shown in the app
  }
}

/** Every estimator error kind (a Record, so a new kind is a compile error here). */
const MODEL_ERROR_KINDS = Object.keys({
  'model-load-failed': 1,
  'backend-unavailable': 1,
  'unsupported-runtime': 1,
  'bad-input': 1,
  'estimate-failed': 1,
} satisfies Record<EstimatorErrorKind, 1>) as EstimatorErrorKind[];

/** Why the pose model failed (the estimator's sentence), in the current language. */
export function modelErrorText(message: string): string {
  const kind = MODEL_ERROR_KINDS.find((k) => describeEstimatorError(k) === message);
  if (kind) return t(`coach.modelError.${kind}`);
  return language() === 'en' ? message : t('coach.modelError.other');
}

const LIGHTER_FAILED = /^The lighter model could not be loaded, so I kept (.+)\. Counting goes on\.$/;
const WORKER_FAILED = /^The pose model could not be restarted: (.*)$/s;

/** A notice from the live run (a fault handled mid-set), in the current language. */
export function noticeText(text: string): string {
  if (text === t('coach.notice.gpuLost', { lng: 'en' })) return t('coach.notice.gpuLost');
  if (text === t('coach.notice.workerRestarted', { lng: 'en' })) return t('coach.notice.workerRestarted');
  let m = LIGHTER_FAILED.exec(text);
  if (m) return t('coach.notice.lighterFailed', { model: m[1] ?? '' });
  m = WORKER_FAILED.exec(text);
  if (m) return t('coach.notice.workerFailed', { message: modelErrorText(m[1] ?? '') });
  if (text === t('coach.autoSwitched', { lng: 'en' })) return t('coach.autoSwitched');
  return text;
}

/** Why this set could not be saved on this computer, in the current language. */
export function saveErrorText(e: StorageError): string {
  if (e.message === t('coach.saveError.blocked', { lng: 'en' })) return t('coach.saveError.blocked');
  if (e.kind === 'unavailable') return t('coach.saveError.unavailable');
  if (e.kind === 'full') return t('coach.saveError.full');
  return language() === 'en' ? e.message : t('coach.saveError.failed');
}

/** What became of the consented video, in the current language (null: nothing to say). */
export function clipText(clip: ClipStatus, mb: string): string | null {
  if (clip.state === 'saved') return t('coach.clipSaved', { mb });
  if (clip.state !== 'error') return null;
  if (language() === 'en') return clip.message;
  return clip.kind === 'stopped' ? t('coach.clipStopped') : clip.kind === 'not-started' ? t('coach.clipNotStarted') : t('coach.clipNotFinished');
}
