/**
 * Messages made below the UI in English (src/storage, src/core: their callers, the CLI and the
 * tests read them) reach a Chinese reader translated: each real problem carries a code (core/said.ts)
 * and is said by it in its own sentence; an English reader gets the message as it is. And the
 * calendar file carries the reminders in the chosen language.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindersCalendar } from '../../src/storage/calendar';
import { checkImportSize, parseImport } from '../../src/storage/store';
import { readTextFile } from '../../src/storage/file-text';
import { roundsFromExport } from '../../src/storage/psfs';
import { parseProgramme } from '../../src/storage/programme-file';
import { setLanguage, t, loadLanguage } from '../../src/ui/i18n/index.svelte';
import { zh } from '../../src/ui/i18n/zh';
import { storageText } from '../../src/ui/state/history.svelte';
import { programmeText } from '../../src/ui/prescription/messages';
import type { StorageError } from '../../src/storage/store';
import type { ProgrammeError } from '../../src/storage/programme-file';
import { calendarWords } from '../../src/ui/state/reminders';

// Chinese strings load on first use in the app; here, once before the tests.
beforeAll(() => loadLanguage('zh-CN'));

const english = (s: string) => (s.replace(/\{\{[^}]*\}\}/g, '').match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !/^(Rootwell|PSFS|JSON|MB)$/.test(w));

function importError(text: string): StorageError {
  const r = parseImport(text);
  if (r.ok) throw new Error('expected an import error');
  return r.error;
}

function programmeError(text: string): ProgrammeError {
  const r = parseProgramme(text);
  if (r.ok) throw new Error('expected a programme error');
  return r.error;
}

async function gzError(bytes: Uint8Array): Promise<StorageError> {
  const r = await readTextFile(new Blob([bytes as BlobPart]), 1000);
  if (r.ok) throw new Error('expected a read error');
  return r.error;
}

describe('storage and programme messages in Simplified Chinese', () => {
  beforeAll(() => setLanguage('zh-CN'));
  afterAll(() => setLanguage('en'));

  it('each import problem has its own sentence, with no English left', async () => {
    const size0 = checkImportSize(0);
    const sizeHuge = checkImportSize(1e12);
    const psfs = roundsFromExport(JSON.stringify({ rootwellHistory: 1, psfs: [{ id: 'x' }], sessions: [] }));
    if (size0.ok || sizeHuge.ok || psfs.ok) throw new Error('expected errors');
    const cases: [StorageError, string][] = [
      [size0.error, zh.history.storage.empty],
      [sizeHuge.error, zh.history.storage.tooLargeMB.replace('{{n}}', '1,000,000')],
      [importError('{'), zh.history.storage.recordNotJson],
      [importError(JSON.stringify({ rootwellProgramme: 1, exercises: [] })), zh.history.storage.isProgramme],
      [importError(JSON.stringify({ rootwellHistory: 1 })), zh.history.storage.noSessions],
      [importError(JSON.stringify({ schemaVersion: 999 })), zh.history.storage.newer],
      [await gzError(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3])), zh.history.storage.gzDamaged],
      [psfs.error, zh.history.storage.psfsDamaged],
    ];
    for (const [error, want] of cases) {
      expect(error.message, 'an English message from storage').toMatch(/[A-Za-z]{3,}/);
      expect(storageText(error), error.message).toBe(want);
      expect(english(want), want).toEqual([]);
    }
    // A damaged session inside a history file: its place in the file, and the record's problem.
    const nth = importError(JSON.stringify({ rootwellHistory: 1, sessions: [{ schemaVersion: 999 }] }));
    expect(storageText(nth)).toBe(t('history.storage.sessionN', { n: '1', message: zh.history.storage.newer }));
    // The same English reworded: still said by its code, never English.
    expect(storageText({ ...nth, message: 'Something nobody wrote yet.' })).toBe(storageText(nth));
  });

  it('programme file problems too', () => {
    expect(programmeText(programmeError('{'))).toBe(zh.prescription.error.notJson);
    expect(programmeText(programmeError(JSON.stringify({ schemaVersion: 1 })))).toBe(zh.prescription.error.isRecord);
    expect(programmeText(programmeError(JSON.stringify({ rootwellProgramme: 999 })))).toBe(zh.prescription.error.newer);
    expect(programmeText(programmeError(JSON.stringify({ hello: 1 })))).toBe(zh.prescription.error.notProgramme);
    expect(programmeText(programmeError(JSON.stringify({ rootwellProgramme: 1, exercises: [{ exercise: 0 }] })))).toBe(zh.prescription.error.invalid);
  });

  it('the calendar file carries the reminders in Chinese', () => {
    const r = remindersCalendar(['08:00'], [{ title: '五点支撑臀桥', dose: '10 次 · 每天 2 次' }], { year: 2026, month: 12, day: 2 }, calendarWords());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const ev = new ICAL.Event(new ICAL.Component(ICAL.parse(r.text)).getFirstSubcomponent('vevent')!);
    expect(ev.summary).toBe(zh.program.reminders.calendar.title);
    expect(ev.description).toBe([zh.program.reminders.calendar.intro, '- 五点支撑臀桥：10 次 · 每天 2 次', '', zh.program.reminders.calendar.setup].join('\n'));
    const none = remindersCalendar([], [], { year: 2026, month: 12, day: 2 }, calendarWords());
    expect(!none.ok && none.message).toBe(zh.program.reminders.noTimes);
  });
});

describe('in English', () => {
  it('a storage message is shown as storage wrote it', () => {
    setLanguage('en');
    const m = importError('{');
    expect(storageText(m)).toBe(m.message);
    expect(programmeText(programmeError('{'))).toBe(programmeError('{').message);
  });
});
