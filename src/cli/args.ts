/**
 * Command-line parsing for `npm run analyze`, kept apart from I/O so it can be tested. Node's
 * util.parseArgs splits the words; this file only checks them and words the errors.
 */
import { parseArgs as splitArgs } from 'node:util';

export interface AnalyzeArgs {
  file: string;
  exercise: string;
  model: string | null;
  /** Frames per second to analyse a video at (the video is resampled by ffmpeg). */
  fps: number;
  plot: string | null;
  /** Save the session record (raw keypoints) made from a video here. */
  record: string | null;
  prescription: string | null;
  progress: boolean;
  /** Print the explanation timeline (why each span was used or held back, each attempt's fate) instead of the JSON report. */
  explain: boolean;
}

export type ParseResult = { ok: true; args: AnalyzeArgs } | { ok: false; message: string };

export const USAGE =
  'usage: npm run --silent analyze -- FILE --exercise ID [--model MODEL] [--fps N] [--plot out.svg] [--record out.json] [--prescription JSON] [--progress] [--explain]';

const OPTIONS = {
  exercise: { type: 'string', short: 'e' },
  model: { type: 'string', short: 'm' },
  fps: { type: 'string' },
  plot: { type: 'string' },
  record: { type: 'string' },
  prescription: { type: 'string' },
  progress: { type: 'boolean' },
  explain: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = keyof typeof OPTIONS;
type ValueOption = { [K in OptionName]: (typeof OPTIONS)[K]['type'] extends 'string' ? K : never }[OptionName];

/** What to say when a value option has no value. */
const NEEDS: Record<ValueOption, string> = {
  exercise: '--exercise needs an exercise id',
  model: '--model needs a model id',
  fps: '--fps needs a number between 1 and 120',
  plot: '--plot needs an output file name (e.g. out.svg)',
  record: '--record needs an output file name (e.g. session.json)',
  prescription: `--prescription needs JSON, e.g. '{"holdS":5}'`,
};

const fail = (message: string): ParseResult => ({ ok: false, message: `${message}\n${USAGE}` });
const isOption = (name: string): name is OptionName => Object.hasOwn(OPTIONS, name);

/** Parse argv (without node and the script). */
export function parseArgs(argv: readonly string[]): ParseResult {
  // Not strict: every word comes back as a token, so each error can be worded here.
  const { tokens } = splitArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
  const values: Partial<Record<Exclude<ValueOption, 'fps'>, string>> = {};
  let file: string | null = null;
  let fps = 15;
  let progress = false;
  let explain = false;
  for (const t of tokens) {
    if (t.kind === 'option-terminator') continue;
    if (t.kind === 'positional') {
      if (file !== null) return fail(`only one FILE, got "${file}" and "${t.value}"`);
      file = t.value;
      continue;
    }
    if (!isOption(t.name)) return fail(`unknown option ${t.rawName}`);
    if (t.name === 'help') return { ok: false, message: USAGE };
    if (t.name === 'progress' || t.name === 'explain') {
      if (t.name === 'progress') progress = true;
      else explain = true;
      continue;
    }
    // A following word that starts with '-' is the next option, not this one's value.
    const value = t.value === undefined || (!t.inlineValue && t.value.startsWith('-')) ? '' : t.value;
    if (t.name === 'fps') {
      fps = value === '' ? NaN : Number(value);
      if (!Number.isFinite(fps) || fps <= 0 || fps > 120) return fail(NEEDS.fps);
      continue;
    }
    if (value === '') return fail(NEEDS[t.name]);
    values[t.name] = value;
  }
  if (!file) return fail('missing FILE (a video or a session record)');
  if (!values.exercise) return fail('missing --exercise ID');
  return {
    ok: true,
    args: {
      file,
      exercise: values.exercise,
      model: values.model ?? null,
      fps,
      plot: values.plot ?? null,
      record: values.record ?? null,
      prescription: values.prescription ?? null,
      progress,
      explain,
    },
  };
}
