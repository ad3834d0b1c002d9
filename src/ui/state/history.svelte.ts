/**
 * The records side of the app (history, review, progress, prescription) as rune state: the
 * route (a #/… hash so a reload stays on the page), the stored-session list, and files in and
 * out. Storage failures are values shown in words (private window, disk full, damaged file).
 */
import { exercises } from '../../exercises';
import { repTableCsv } from '../../storage/csv';
import { resetSharedStore, sharedStore } from '../../storage/shared';
import { gzipText, readTextFile } from '../../storage/file-text';
import { checkImportSize, MAX_IMPORT_BYTES, type Result, type SessionStore, type SessionSummary, type StorageCode, type StorageError } from '../../storage/store';
import type { Said } from '../../core/said';
import type { Exercise, RepDetail } from '../../core/check/exercise';
import type { SessionRecord } from '../../core/session';
import { importRounds, loadRounds, roundsFromExport } from '../../storage/psfs';
import { fhirFile } from './fhir-export';
import { recordWritesSettled } from './recorder';
import { fmt, language, t } from '../i18n/index.svelte';
import { exerciseTitle } from '../i18n/exercise';

export type RecordsRoute =
  | { page: 'history' }
  | { page: 'review'; id: string }
  | { page: 'progress' }
  | { page: 'prescription' };

/** The records route of a location hash, or null for the coaching app. */
export function parseRoute(hash: string): RecordsRoute | null {
  const h = hash.replace(/^#\/?/, '');
  if (h === 'history') return { page: 'history' };
  if (h === 'progress') return { page: 'progress' };
  if (h === 'prescription') return { page: 'prescription' };
  const m = /^review\/([A-Za-z0-9_-]{1,80})$/.exec(h);
  return m?.[1] ? { page: 'review', id: m[1] } : null;
}

/** Follows location.hash. */
export class RouteState {
  route = $state.raw<RecordsRoute | null>(typeof location === 'undefined' ? null : parseRoute(location.hash));
  private readonly onhash = () => (this.route = parseRoute(location.hash));
  constructor() {
    if (typeof window !== 'undefined') window.addEventListener('hashchange', this.onhash);
  }
  go(hash: string): void {
    location.hash = hash;
  }
  dispose(): void {
    window.removeEventListener('hashchange', this.onhash);
  }
}

/** An exercise's title in the current language (an unknown id as it is). */
export const EXERCISE_TITLE = (id: string): string => {
  const ex = (exercises as Record<string, Exercise | undefined>)[id];
  return ex ? exerciseTitle(ex) : id;
};

/**
 * A storage, record or import problem in the current language. src/storage and src/core write
 * English (their callers, the CLI and the tests read it) and give each problem a code and its
 * parameters (core/said.ts): in English the message is shown as it is, with all its detail; in
 * another language it is said by its code.
 */
export function storageText(e: Said<StorageCode>): string {
  if (language() === 'en') return e.message;
  const p = e.params ?? {};
  const n = typeof p.n === 'number' ? fmt.number(p.n) : '';
  switch (e.code) {
    case 'sessionN':
      return t('history.storage.sessionN', { n, message: typeof p.message === 'object' ? storageText(p.message as Said<StorageCode>) : '' });
    case 'tooLargeMB':
    case 'unpacksTooLarge':
    case 'recordTooLarge':
      return t(`history.storage.${e.code}`, { n });
    default:
      return t(`history.storage.${e.code}`);
  }
}

/** Problems whose own words already say that nothing was imported. */
const SAYS_NOTHING_IMPORTED: ReadonlySet<StorageCode> = new Set(['tooLargeMB', 'tooLarge', 'empty']);

export { mmss } from './words';

/** Offer text as a download (nothing leaves the device: a local file). */
export function download(name: string, text: string, type = 'application/json'): void {
  downloadBlob(name, new Blob([text], { type }));
}

/** File name for a session's video: the session's stem and the container's extension. */
export function clipFileName(s: Pick<SessionSummary, 'exercise' | 'startedAt'>, mimeType: string): string {
  return `${fileStem(s)}.${mimeType.includes('mp4') ? 'mp4' : 'webm'}`;
}

/** Offer a blob (a video) as a download. */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A safe file-name stem for a session: exercise and local start time. */
export function fileStem(s: Pick<SessionSummary, 'exercise' | 'startedAt'>): string {
  const d = new Date(s.startedAt);
  const pad = (n: number) => String(n).padStart(2, '0');
  const when = Number.isNaN(d.getTime()) ? 'session' : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}_${pad(d.getHours())}${pad(d.getMinutes())}`;
  return `rootwell_${s.exercise.replace(/[^a-z0-9-]/gi, '')}_${when}`;
}

export type Notice = { kind: 'ok' | 'error'; text: string } | null;

/** The browser's storage estimate for this site (navigator.storage), or null where it has none. */
export async function storageUsage(): Promise<{ usedMB: number; quotaMB: number; persisted: boolean | null } | null> {
  const s = globalThis.navigator?.storage;
  if (!s?.estimate) return null;
  try {
    const e = await s.estimate();
    const persisted = s.persisted ? await s.persisted() : null;
    return { usedMB: (e.usage ?? 0) / 1e6, quotaMB: (e.quota ?? 0) / 1e6, persisted };
  } catch {
    return null;
  }
}

export class HistoryState {
  sessions = $state.raw<SessionSummary[]>([]);
  loading = $state(true);
  /** Storage unavailable / full / failed: shown instead of (or above) the list. */
  storageError = $state.raw<StorageError | null>(null);
  notice = $state.raw<Notice>(null);
  /** Sessions that have a video kept with them. */
  withVideo = $state.raw<ReadonlySet<string>>(new Set());
  /** What this site stores on the device, and how much room the browser gives it (null: unknown). */
  usage = $state.raw<{ usedMB: number; quotaMB: number; persisted: boolean | null } | null>(null);
  private store: SessionStore | null = null;
  /** The store being opened by load(): a file picked before it is open waits for it. */
  private opening: Promise<Result<SessionStore>> | null = null;

  async load(): Promise<void> {
    this.loading = true;
    this.opening = sharedStore();
    const opened = await this.opening;
    if (!opened.ok) {
      this.storageError = opened.error;
      this.loading = false;
      return;
    }
    this.store = opened.value;
    await recordWritesSettled();
    const list = await this.store.list();
    if (list.ok) {
      this.sessions = list.value;
      this.storageError = null;
    } else this.storageError = list.error;
    const clips = await this.store.clips();
    this.withVideo = new Set(clips.ok ? clips.value.map((c) => c.id) : []);
    this.usage = await storageUsage();
    this.loading = false;
  }

  async remove(id: string): Promise<void> {
    if (!this.store) return;
    const r = await this.store.delete(id);
    this.notice = r.ok ? { kind: 'ok', text: t('history.deleted') } : { kind: 'error', text: storageText(r.error) };
    await this.load();
  }

  async exportOne(s: SessionSummary): Promise<void> {
    const r = await this.store?.get(s.id);
    if (!r) return;
    if (!r.ok) return void (this.notice = { kind: 'error', text: storageText(r.error) });
    download(`${fileStem(s)}.json`, JSON.stringify(r.value));
  }

  async exportVideo(s: SessionSummary): Promise<void> {
    const r = await this.store?.getClip(s.id);
    if (!r) return;
    if (!r.ok) return void (this.notice = { kind: 'error', text: storageText(r.error) });
    if (!r.value) return void (this.notice = { kind: 'error', text: t('history.noVideo') });
    downloadBlob(clipFileName(s, r.value.meta.mimeType), r.value.blob);
  }

  async exportCsv(s: SessionSummary): Promise<void> {
    const r = await this.store?.get(s.id);
    if (!r) return;
    if (!r.ok) return void (this.notice = { kind: 'error', text: storageText(r.error) });
    const repDetails = r.value.events.flatMap((e) => (e.type === 'rep' ? [e.rep as RepDetail] : []));
    download(`${fileStem(s)}_reps.csv`, repTableCsv({ repDetails }), 'text/csv');
  }

  /** Everything as one file; `compressed`: gzip (about a third of the size, to send by e-mail). */
  async exportAll(compressed = false): Promise<void> {
    const r = await this.store?.exportAll(loadRounds());
    if (!r) return;
    if (!r.ok) return void (this.notice = { kind: 'error', text: storageText(r.error) });
    const d = new Date();
    const name = `rootwell_history_${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}.json`;
    if (!compressed) return download(name, r.value);
    try {
      downloadBlob(`${name}.gz`, new Blob([await gzipText(r.value)], { type: 'application/gzip' }));
    } catch {
      this.notice = { kind: 'error', text: t('history.noCompress') };
    }
  }

  /** Every stored session and PSFS round as one HL7 FHIR R4 bundle (for a clinic system). */
  async exportFhir(): Promise<void> {
    if (!this.store) return;
    const records: SessionRecord[] = [];
    for (const s of this.sessions) {
      const r = await this.store.get(s.id);
      if (!r.ok) return void (this.notice = { kind: 'error', text: t('history.nothingExported', { message: storageText(r.error) }) });
      records.push(r.value);
    }
    const d = new Date();
    const f = fhirFile(records, loadRounds(), `rootwell_history_${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`);
    download(f.name, f.text, f.type);
  }

  /** Import a file; on any problem nothing stored changes and the reason is shown. */
  async importFile(file: File): Promise<boolean> {
    // The message of an earlier import goes at once: it must not read as this file's outcome.
    this.notice = null;
    if (!this.store && this.opening) await this.opening;
    if (!this.store) {
      this.notice = { kind: 'error', text: this.storageError ? storageText(this.storageError) : t('history.storage.noStorage') };
      return false;
    }
    const size = checkImportSize(file.size);
    if (!size.ok) {
      this.notice = { kind: 'error', text: storageText(size.error) };
      return false;
    }
    // A gzip export is unpacked first (capped: a small file cannot unpack to gigabytes).
    const read = await readTextFile(file, MAX_IMPORT_BYTES);
    if (!read.ok) {
      this.notice = { kind: 'error', text: t('history.nothingImported', { message: storageText(read.error) }) };
      return false;
    }
    const text = read.value;
    // The PSFS rounds of a history export are checked first: damaged ones stop the import too.
    const rounds = roundsFromExport(text);
    if (!rounds.ok) {
      this.notice = { kind: 'error', text: t('history.nothingImported', { message: storageText(rounds.error) }) };
      return false;
    }
    const r = await this.store.import(text, () => globalThis.crypto.randomUUID());
    if (!r.ok) {
      this.notice = {
        kind: 'error',
        text: SAYS_NOTHING_IMPORTED.has(r.error.code) ? storageText(r.error) : t('history.nothingImported', { message: storageText(r.error) }),
      };
      return false;
    }
    // The list first, then the message: "Imported 2 sessions" never shows over the old list.
    await this.load();
    const added = rounds.rounds.length ? importRounds(rounds.rounds) : 0;
    const n = r.value.length;
    const sessions = n === 1 ? t('history.importedOne') : t('history.imported', { n: fmt.number(n) });
    const psfs = added ? (added === 1 ? t('history.roundsOne') : t('history.rounds', { n: fmt.number(added) })) : added === null ? t('history.roundsNotKept') : '';
    this.notice = { kind: 'ok', text: psfs ? `${sessions} ${psfs}` : sessions };
    return true;
  }

  /** Re-open storage (after the person freed space or left a private window). */
  async retry(): Promise<void> {
    resetSharedStore();
    await this.load();
  }
}
