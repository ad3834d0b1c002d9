/**
 * CPU accounting for the benches, noise-robust where fps is not: on a shared 2-core host the frame
 * rate swings with whatever else runs, but the CPU time a page spends per analysed frame barely
 * moves. Two sources, both read before and after a window:
 *
 * - Linux /proc: on-CPU nanoseconds (`/proc/<pid>/task/<tid>/schedstat`) of every thread of every
 *   Chromium process under the browser, grouped by process type (renderer, gpu-process, utility,
 *   browser) and thread name (CrRendererMain, DedicatedWorker, Compositor, VizCompositorTh, …).
 * - CDP `Performance.getMetrics` with `timeDomain: 'threadTicks'`: the page's main thread only,
 *   split by Blink into script, layout, style recalc and other task time (CPU time, not wall).
 *
 * Nothing here asserts a figure; the benches divide the deltas by the frames analysed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';

/** On-CPU ms per "process type/thread name" (threads of one name summed). */
export type ThreadCpu = Map<string, number>;

interface ThreadSample {
  key: string;
  ns: number;
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Parent pid from /proc/<pid>/stat (the comm field may contain spaces and parentheses). */
function ppidOf(pid: number): number {
  const s = read(`/proc/${pid}/stat`);
  if (!s) return -1;
  const rest = s.slice(s.lastIndexOf(')') + 2).split(' ');
  return Number(rest[1]);
}

function processType(pid: number): string {
  const cmd = read(`/proc/${pid}/cmdline`);
  if (!cmd) return '?';
  const m = /--type=([a-z-]+)/.exec(cmd);
  if (!m) return 'browser';
  if (m[1] === 'utility') {
    // e.g. --utility-sub-type=video_capture.mojom.VideoCaptureService → utility:video_capture
    const sub = /--utility-sub-type=([A-Za-z_.]+)/.exec(cmd);
    return `utility:${sub?.[1]?.split('.')[0] ?? '?'}`;
  }
  return m[1]!;
}

/** Every pid at or under `root`. */
function descendants(root: number): number[] {
  const parents = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    const pid = Number(d);
    if (Number.isInteger(pid)) parents.set(pid, ppidOf(pid));
  }
  const out = new Set<number>([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, pp] of parents) {
      if (!out.has(pid) && out.has(pp)) {
        out.add(pid);
        grew = true;
      }
    }
  }
  return [...out];
}

/** Per-thread on-CPU time now, keyed by tid. */
function sampleThreads(root: number): Map<number, ThreadSample> {
  const out = new Map<number, ThreadSample>();
  for (const pid of descendants(root)) {
    const type = processType(pid);
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const t of tids) {
      const sched = read(`/proc/${pid}/task/${t}/schedstat`);
      const comm = read(`/proc/${pid}/task/${t}/comm`)?.trim() ?? '?';
      if (!sched) continue;
      // A process's main thread carries the executable's name ('chromium'): call it 'main'. Numbered
      // pool threads (ThreadPoolForeg3, ThreadPoolForegr…) are one group.
      const name = Number(t) === pid ? 'main' : comm.replace(/\d+$/, '').replace(/^ThreadPool(Foreg|Backg|Servi|Single).*$/, 'ThreadPool$1');
      out.set(Number(t), { key: `${type}/${name}`, ns: Number(sched.split(' ')[0]) });
    }
  }
  return out;
}

/** A running on-CPU clock over Chromium's threads: `stop()` gives ms per group since `start`. */
export function threadClock(browserPid: number): { stop(): ThreadCpu } {
  const before = sampleThreads(browserPid);
  return {
    stop() {
      const after = sampleThreads(browserPid);
      const out: ThreadCpu = new Map();
      for (const [tid, a] of after) {
        const b = before.get(tid);
        // A thread that started during the window counts from zero; one that ended is lost (rare: closed pages).
        const ms = (a.ns - (b && b.key === a.key ? b.ns : 0)) / 1e6;
        if (ms > 0) out.set(a.key, (out.get(a.key) ?? 0) + ms);
      }
      return out;
    },
  };
}

/** Blink's main-thread split (CPU ms, from Performance.getMetrics in threadTicks). */
export interface MainThreadCpu {
  /** All main-thread tasks. */
  task: number;
  script: number;
  layout: number;
  style: number;
  /** Task time outside script, layout and style: paint, compositing commit, media, IPC, … */
  other: number;
  /** The renderer main thread's own CPU clock (ThreadTime) and the whole renderer process's (ProcessTime). */
  thread: number;
  process: number;
  layoutCount: number;
  styleCount: number;
}

const METRICS = {
  task: 'TaskDuration',
  script: 'ScriptDuration',
  layout: 'LayoutDuration',
  style: 'RecalcStyleDuration',
  other: 'TaskOtherDuration',
  thread: 'ThreadTime',
  process: 'ProcessTime',
  layoutCount: 'LayoutCount',
  styleCount: 'RecalcStyleCount',
} as const satisfies Record<keyof MainThreadCpu, string>;

async function metrics(cdp: CDPSession): Promise<MainThreadCpu> {
  const r = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const by = new Map(r.metrics.map((m) => [m.name, m.value]));
  const out = {} as MainThreadCpu;
  for (const [k, name] of Object.entries(METRICS) as [keyof MainThreadCpu, string][]) {
    const v = by.get(name) ?? NaN;
    // Durations and clocks come in seconds; counts are counts.
    out[k] = k.endsWith('Count') ? v : v * 1000;
  }
  return out;
}

/** Start Blink's metrics on `page`; `stop()` returns the deltas since (ms, counts). */
export async function mainThreadClock(page: Page): Promise<{ stop(): Promise<MainThreadCpu> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const a = await metrics(cdp);
  return {
    async stop() {
      const b = await metrics(cdp);
      await cdp.send('Performance.disable').catch(() => undefined);
      await cdp.detach().catch(() => undefined);
      const out = {} as MainThreadCpu;
      for (const k of Object.keys(METRICS) as (keyof MainThreadCpu)[]) out[k] = b[k] - a[k];
      return out;
    },
  };
}

/** Both clocks over one window. */
export interface CpuWindow {
  threads: ThreadCpu;
  main: MainThreadCpu;
  frames: number;
  /** Wall-clock length of the window (s). */
  seconds: number;
}

export async function startCpuWindow(page: Page, browserPid: number): Promise<{ stop(frames: number): Promise<CpuWindow> }> {
  const main = await mainThreadClock(page);
  const threads = threadClock(browserPid);
  const t0 = performance.now();
  return {
    async stop(frames) {
      const t = threads.stop();
      const seconds = (performance.now() - t0) / 1000;
      return { threads: t, main: await main.stop(), frames, seconds };
    },
  };
}

/** Sum of several windows (per-frame figures are then pooled over all their frames). */
export function poolCpu(ws: CpuWindow[]): CpuWindow {
  const threads: ThreadCpu = new Map();
  const main = Object.fromEntries(Object.keys(METRICS).map((k) => [k, 0])) as unknown as MainThreadCpu;
  let frames = 0;
  let seconds = 0;
  for (const w of ws) {
    for (const [k, v] of w.threads) threads.set(k, (threads.get(k) ?? 0) + v);
    for (const k of Object.keys(METRICS) as (keyof MainThreadCpu)[]) main[k] += w.main[k];
    frames += w.frames;
    seconds += w.seconds;
  }
  return { threads, main, frames, seconds };
}

/** ms per frame of one thread group ('renderer/CrRendererMain'), or of groups matching a test. */
export function perFrame(w: CpuWindow, key: string | ((k: string) => boolean)): number {
  let ms = 0;
  for (const [k, v] of w.threads) if (typeof key === 'string' ? k === key : key(k)) ms += v;
  return w.frames ? ms / w.frames : NaN;
}

/** The Chromium browser process whose command line names `marker` (e.g. this run's fake-camera file). */
export function findBrowserPid(marker: string): number {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const cmd = read(`/proc/${d}/cmdline`);
    if (cmd?.includes(marker) && !cmd.includes('--type=')) return Number(d);
  }
  throw new Error('browser process not found');
}

/** What the report shows, thread group by thread group (keys of ThreadCpu matched by these tests). */
export const CPU_ROWS: readonly { label: string; match: (k: string) => boolean }[] = [
  { label: "page's main thread (renderer)", match: (k) => k === 'renderer/main' },
  { label: 'pose model (dedicated worker)', match: (k) => k.startsWith('renderer/DedicatedWorker') },
  { label: 'display compositor (viz, software)', match: (k) => k === 'gpu-process/VizCompositorTh' },
  { label: "page's compositor thread (cc)", match: (k) => k === 'renderer/Compositor' },
  { label: 'raster and V8 helper threads (renderer pool)', match: (k) => k.startsWith('renderer/ThreadPool') },
  { label: 'video frame compositor', match: (k) => k === 'renderer/VideoFrameCompo' },
  { label: 'camera capture (fake device)', match: (k) => k.startsWith('utility:video_capture') },
  { label: 'audio output', match: (k) => /Audio/.test(k) || k.startsWith('utility:audio') },
];

/** ms per frame by CPU_ROWS, plus 'everything else' and 'all Chromium'. */
export function cpuRows(w: CpuWindow): { label: string; msPerFrame: number }[] {
  const rows = CPU_ROWS.map((r) => ({ label: r.label, msPerFrame: perFrame(w, r.match) }));
  const other = perFrame(w, (k) => !CPU_ROWS.some((r) => r.match(k)));
  return [...rows, { label: 'everything else (IPC, browser process, …)', msPerFrame: other }, { label: 'all Chromium processes', msPerFrame: perFrame(w, () => true) }];
}