/**
 * Draws the counted signal over time as a standalone SVG, with reps, holds and faults marked:
 * how a physio or a developer sees at a glance why a clip was counted as it was.
 * Pure string building (no DOM), so the CLI and tests can use it.
 */

/** One time series: t in seconds, v in degrees (null where the joint was not visible). */
export interface PlotSeries {
  name: string;
  points: ReadonlyArray<readonly [number, number | null]>;
}

export interface PlotRep {
  index: number;
  side: string;
  startS: number;
  peakS: number;
  endS: number;
  score: number;
  faults: readonly string[];
}

export interface PlotHold {
  side: string;
  startS: number;
  endS: number;
  seconds: number;
  targetS: number;
  met: boolean;
}

export interface PlotInput {
  title: string;
  durationS: number;
  series: readonly PlotSeries[];
  reps: readonly PlotRep[];
  holds: readonly PlotHold[];
  /** Horizontal reference lines, e.g. the up/down thresholds in force. */
  thresholds?: ReadonlyArray<{ label: string; value: number }>;
  /** Spans in which the signal was held back, shaded grey and labelled with the gate. */
  gated?: ReadonlyArray<{ fromS: number; toS: number; label: string }>;
}

// Okabe-Ito: distinguishable with the common colour-vision deficiencies.
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
const f1 = (n: number): string => (Math.round(n * 10) / 10).toString();

/** Render the plot; returns the SVG document as a string. */
export function renderPlot(input: PlotInput, width = 1200, height = 420): string {
  const m = { l: 56, r: 16, t: 40, b: 64 };
  const w = width - m.l - m.r;
  const h = height - m.t - m.b;
  const values: number[] = [];
  for (const s of input.series) for (const [, v] of s.points) if (v !== null && Number.isFinite(v)) values.push(v);
  for (const t of input.thresholds ?? []) values.push(t.value);
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  if (hi - lo < 1) {
    hi += 0.5;
    lo -= 0.5;
  }
  const pad = (hi - lo) * 0.08;
  lo -= pad;
  hi += pad;
  const dur = Math.max(input.durationS, 0.001);
  const x = (t: number): number => m.l + (t / dur) * w;
  const y = (v: number): number => m.t + h - ((v - lo) / (hi - lo)) * h;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${m.l}" y="22" font-size="15" font-weight="600">${esc(input.title)}</text>`,
  );
  // Gated spans (the signal held back, and why), then holds (background bands), then rep windows.
  for (const g of input.gated ?? []) {
    const gx = x(g.fromS);
    const gw = Math.max(1, x(g.toS) - gx);
    out.push(
      `<rect x="${f1(gx)}" y="${m.t}" width="${f1(gw)}" height="${h}" fill="#999" fill-opacity="0.25"><title>${esc(g.label)}</title></rect>`,
    );
    if (gw > 60) out.push(`<text x="${f1(gx + 3)}" y="${m.t + h - 4}" font-size="10" fill="#555">${esc(g.label)}</text>`);
  }
  // Holds (background bands), then rep windows.
  for (const hd of input.holds) {
    const fill = hd.met ? '#009E73' : '#E69F00';
    out.push(
      `<rect x="${f1(x(hd.startS))}" y="${m.t}" width="${f1(Math.max(1, x(hd.endS) - x(hd.startS)))}" height="${h}" fill="${fill}" fill-opacity="0.15"/>`,
      `<text x="${f1(x(hd.startS) + 3)}" y="${m.t + 14}" fill="#333">hold ${esc(hd.side)} ${f1(hd.seconds)}/${f1(hd.targetS)} s${hd.met ? '' : ' (short)'}</text>`,
    );
  }
  for (const r of input.reps) {
    const x0 = x(r.startS);
    const x1 = x(r.endS);
    out.push(
      `<rect x="${f1(x0)}" y="${m.t + h - 10}" width="${f1(Math.max(1, x1 - x0))}" height="10" fill="#0072B2" fill-opacity="0.35"/>`,
      `<line x1="${f1(x(r.peakS))}" x2="${f1(x(r.peakS))}" y1="${m.t}" y2="${m.t + h}" stroke="#0072B2" stroke-dasharray="3 3"/>`,
      `<text x="${f1(x(r.peakS) + 3)}" y="${m.t + 28}" fill="#0072B2" font-weight="600">#${r.index} ${esc(r.side)} ${Math.round(r.score)}</text>`,
    );
    r.faults.forEach((fault, i) => {
      out.push(`<text x="${f1(x(r.peakS) + 3)}" y="${m.t + 42 + i * 12}" fill="#D55E00" font-size="10">${esc(fault)}</text>`);
    });
  }
  // Axes and grid.
  const ticks = 5;
  for (let i = 0; i <= ticks; i++) {
    const v = lo + ((hi - lo) * i) / ticks;
    out.push(
      `<line x1="${m.l}" x2="${m.l + w}" y1="${f1(y(v))}" y2="${f1(y(v))}" stroke="#ddd"/>`,
      `<text x="${m.l - 6}" y="${f1(y(v) + 4)}" text-anchor="end" fill="#555">${Math.round(v)}°</text>`,
    );
  }
  const step = dur > 60 ? 10 : dur > 20 ? 5 : 1;
  for (let t = 0; t <= dur + 1e-9; t += step) {
    out.push(`<text x="${f1(x(t))}" y="${m.t + h + 16}" text-anchor="middle" fill="#555">${t}s</text>`);
  }
  out.push(`<rect x="${m.l}" y="${m.t}" width="${w}" height="${h}" fill="none" stroke="#999"/>`);
  for (const t of input.thresholds ?? []) {
    out.push(
      `<line x1="${m.l}" x2="${m.l + w}" y1="${f1(y(t.value))}" y2="${f1(y(t.value))}" stroke="#555" stroke-dasharray="6 4"/>`,
      `<text x="${m.l + w - 4}" y="${f1(y(t.value) - 4)}" text-anchor="end" fill="#555">${esc(t.label)}</text>`,
    );
  }
  // Series as polylines broken where the signal is missing.
  input.series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length] ?? '#000';
    let seg: string[] = [];
    const flush = (): void => {
      if (seg.length > 1) out.push(`<polyline fill="none" stroke="${colour}" stroke-width="1.6" points="${seg.join(' ')}"/>`);
      seg = [];
    };
    for (const [t, v] of s.points) {
      if (v === null || !Number.isFinite(v)) flush();
      else seg.push(`${f1(x(t))},${f1(y(v))}`);
    }
    flush();
    out.push(
      `<rect x="${m.l + i * 180}" y="${height - 22}" width="14" height="4" fill="${colour}"/>`,
      `<text x="${m.l + i * 180 + 20}" y="${height - 16}">${esc(s.name)}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n');
}
