/** Command-line parsing for `npm run analyze`, kept apart from I/O so it can be tested. */

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
}

export type ParseResult = { ok: true; args: AnalyzeArgs } | { ok: false; message: string };

export const USAGE =
  'usage: npm run --silent analyze -- FILE --exercise ID [--model MODEL] [--fps N] [--plot out.svg] [--record out.json] [--prescription JSON] [--progress]';

/** Parse argv (without node and the script). */
export function parseArgs(argv: readonly string[]): ParseResult {
  let file: string | null = null;
  let exercise: string | null = null;
  let model: string | null = null;
  let fps = 15;
  let plot: string | null = null;
  let record: string | null = null;
  let prescription: string | null = null;
  let progress = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | null => {
      if (inline !== undefined) return inline;
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) return null;
      i++;
      return v;
    };
    switch (flag) {
      case '--exercise':
      case '-e':
        exercise = value();
        if (!exercise) return { ok: false, message: `--exercise needs an exercise id\n${USAGE}` };
        break;
      case '--model':
      case '-m':
        model = value();
        if (!model) return { ok: false, message: `--model needs a model id\n${USAGE}` };
        break;
      case '--fps': {
        const v = Number(value());
        if (!Number.isFinite(v) || v <= 0 || v > 120) return { ok: false, message: `--fps needs a number between 1 and 120\n${USAGE}` };
        fps = v;
        break;
      }
      case '--plot':
        plot = value();
        if (!plot) return { ok: false, message: `--plot needs an output file name (e.g. out.svg)\n${USAGE}` };
        break;
      case '--record':
        record = value();
        if (!record) return { ok: false, message: `--record needs an output file name (e.g. session.json)\n${USAGE}` };
        break;
      case '--prescription':
        prescription = value();
        if (!prescription) return { ok: false, message: `--prescription needs JSON, e.g. '{"holdS":5}'\n${USAGE}` };
        break;
      case '--progress':
        progress = true;
        break;
      case '--help':
      case '-h':
        return { ok: false, message: USAGE };
      default:
        if (a.startsWith('-')) return { ok: false, message: `unknown option ${a}\n${USAGE}` };
        if (file !== null) return { ok: false, message: `only one FILE, got "${file}" and "${a}"\n${USAGE}` };
        file = a;
    }
  }
  if (!file) return { ok: false, message: `missing FILE (a video or a session record)\n${USAGE}` };
  if (!exercise) return { ok: false, message: `missing --exercise ID\n${USAGE}` };
  return { ok: true, args: { file, exercise, model, fps, plot, record, prescription, progress } };
}
