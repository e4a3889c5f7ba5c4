import { plainNumber } from './merge-log-text.js';

/**
 * A small line chart as inline SVG: the HTML page must stand alone, so no charting library or
 * script can draw it. Points are spaced evenly (one per merge); the y axis gets round ticks.
 */

export const SERIES_COLOR = '#1f6feb';
export const LEVEL_COLOR = '#6e7781';
export const WORSE_COLOR = '#cf222e';
export const BETTER_COLOR = '#1a7f37';

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text and attribute values of HTML and SVG alike. */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ').replace(/[&<>"']/g, (c) => XML_ENTITIES[c] as string);
}

/**
 * Round tick values covering [min, max]: steps of 1, 2, 2.5 or 5 times a power of ten, about
 * `target` of them. The first and last tick enclose the data; a flat series gets a band around it.
 */
export function niceTicks(min: number, max: number, target = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  let lo = Math.min(min, max);
  let hi = Math.max(min, max);
  if (hi === lo) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / Math.max(1, target);
  const exponent = Math.floor(Math.log10(raw));
  const magnitude = 10 ** exponent;
  const norm = raw / magnitude;
  const factor = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10;
  const step = factor * magnitude;
  // Decimals of the step itself, so sums like 0.1 + 0.2 print as 0.3.
  const decimals = Math.max(0, -exponent + (factor === 2.5 ? 1 : 0) - (factor === 10 ? 1 : 0));
  const first = Math.floor(lo / step);
  const last = Math.ceil(hi / step);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toFixed(Math.min(20, decimals))));
  return ticks;
}

export interface SvgChartPoint {
  /** Shown under the x axis (a short sha). */
  label: string;
  value: number;
  /** Shown on hover. */
  tooltip?: string;
}

export interface SvgChartMarker {
  /** Index of the last point at the old level and of the first at the new one. */
  from: number;
  to: number;
  /** Written above the plot, e.g. "+25.0%". */
  label: string;
  worse: boolean;
  tooltip?: string;
}

export interface SvgLineChart {
  /** Read by screen readers; the page shows its own heading. */
  title: string;
  points: readonly SvgChartPoint[];
  /** A second, dashed line: the level between change points. */
  levels?: readonly number[] | null;
  markers?: readonly SvgChartMarker[];
  yLabel: string;
  xLabel: string;
  seriesLabel: string;
  width?: number;
  height?: number;
}

const MONO = `font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, monospace"`;
const MUTED = '#57606a';

const MARGIN = { left: 64, right: 16, top: 26, bottom: 74 };
const INSET = 8;

function c(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function polyline(xs: readonly number[], ys: readonly number[], attributes: string): string {
  return `<polyline ${attributes} points="${xs.map((x, i) => `${c(x)},${c(ys[i] as number)}`).join(' ')}"/>`;
}

function legend(chart: SvgLineChart, y: number): string {
  const items: string[] = [];
  let x = MARGIN.left;
  const add = (swatch: string, text: string): void => {
    items.push(`<g transform="translate(${c(x)},${c(y)})">${swatch}<text x="26" y="4">${escapeXml(text)}</text></g>`);
    x += 40 + text.length * 6.2;
  };
  add(`<line x1="0" y1="0" x2="20" y2="0" stroke="${SERIES_COLOR}" stroke-width="2"/><circle cx="10" cy="0" r="2.5" fill="${SERIES_COLOR}"/>`, chart.seriesLabel);
  if (chart.levels) add(`<line x1="0" y1="0" x2="20" y2="0" stroke="${LEVEL_COLOR}" stroke-width="1.5" stroke-dasharray="4 3"/>`, 'level between change points');
  const markers = chart.markers ?? [];
  for (const worse of [true, false]) {
    if (!markers.some((m) => m.worse === worse)) continue;
    const color = worse ? WORSE_COLOR : BETTER_COLOR;
    add(`<rect x="2" y="-6" width="16" height="12" fill="${color}" fill-opacity="0.15"/><line x1="18" y1="-7" x2="18" y2="7" stroke="${color}" stroke-width="1.5" stroke-dasharray="3 2"/>`, `change point (${worse ? 'worse' : 'better'})`);
  }
  return `<g class="legend">${items.join('')}</g>`;
}

/** The chart as one <svg> element; every text is escaped. */
export function renderSvgLineChart(chart: SvgLineChart): string {
  const width = chart.width ?? 600;
  const height = chart.height ?? 300;
  const left = MARGIN.left;
  const right = width - MARGIN.right;
  const top = MARGIN.top;
  const bottom = height - MARGIN.bottom;
  const n = chart.points.length;
  const values = chart.points.map((p) => p.value);
  const all = [...values, ...(chart.levels ?? [])].filter(Number.isFinite);
  const ticks = niceTicks(Math.min(...all), Math.max(...all));
  const lo = ticks[0] as number;
  const hi = ticks[ticks.length - 1] as number;
  const x = (i: number): number => (n <= 1 ? (left + right) / 2 : left + INSET + (i / (n - 1)) * (right - left - 2 * INSET));
  const y = (v: number): number => bottom - ((v - lo) / (hi - lo)) * (bottom - top);

  const parts: string[] = [];
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  for (const t of ticks) {
    parts.push(`<line x1="${left}" y1="${c(y(t))}" x2="${right}" y2="${c(y(t))}" class="grid" stroke="#d8dee4" stroke-width="1"/>`);
    parts.push(`<text x="${left - 6}" y="${c(y(t) + 4)}" text-anchor="end" fill="${MUTED}">${escapeXml(plainNumber(t, 12))}</text>`);
  }
  for (const m of chart.markers ?? []) {
    const color = m.worse ? WORSE_COLOR : BETTER_COLOR;
    const x0 = x(m.from);
    const x1 = x(m.to);
    parts.push(
      `<g class="change-point">${m.tooltip ? `<title>${escapeXml(m.tooltip)}</title>` : ''}` +
        `<rect x="${c(Math.min(x0, x1))}" y="${top}" width="${c(Math.max(2, Math.abs(x1 - x0)))}" height="${c(bottom - top)}" fill="${color}" fill-opacity="0.15"/>` +
        `<line x1="${c(x1)}" y1="${top}" x2="${c(x1)}" y2="${bottom}" stroke="${color}" stroke-width="1.5" stroke-dasharray="3 2"/>` +
        `<text x="${c(x1)}" y="${top - 8}" text-anchor="middle" font-weight="600" fill="${color}">${escapeXml(m.label)}</text></g>`,
    );
  }
  parts.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${bottom}" stroke="${MUTED}" stroke-width="1"/>`);
  parts.push(`<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="${MUTED}" stroke-width="1"/>`);
  // Labels thin out evenly from the newest point, which is always labelled.
  const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor((right - left) / 58))));
  chart.points.forEach((p, i) => {
    if ((n - 1 - i) % every !== 0) return;
    parts.push(`<line x1="${c(x(i))}" y1="${bottom}" x2="${c(x(i))}" y2="${bottom + 4}" stroke="${MUTED}" stroke-width="1"/>`);
    parts.push(`<text x="${c(x(i))}" y="${bottom + 16}" text-anchor="middle" fill="${MUTED}" font-size="10" ${MONO}>${escapeXml(p.label)}</text>`);
  });
  parts.push(`<text x="${c((left + right) / 2)}" y="${bottom + 34}" text-anchor="middle" fill="${MUTED}">${escapeXml(chart.xLabel)}</text>`);
  parts.push(`<text transform="translate(14,${c((top + bottom) / 2)}) rotate(-90)" text-anchor="middle" fill="${MUTED}">${escapeXml(chart.yLabel)}</text>`);
  const xs = chart.points.map((_, i) => x(i));
  if (chart.levels) parts.push(polyline(xs, chart.levels.map(y), `class="level" fill="none" stroke="${LEVEL_COLOR}" stroke-width="1.5" stroke-dasharray="4 3"`));
  parts.push(polyline(xs, values.map(y), `class="series" fill="none" stroke="${SERIES_COLOR}" stroke-width="2" stroke-linejoin="round"`));
  const dots = chart.points.map((p, i) => `<circle cx="${c(x(i))}" cy="${c(y(p.value))}" r="2.5">${p.tooltip ? `<title>${escapeXml(p.tooltip)}</title>` : ''}</circle>`);
  parts.push(`<g class="points" fill="${SERIES_COLOR}">${dots.join('')}</g>`);
  parts.push(legend(chart, height - 16));
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(chart.title)}" font-family="-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="11" fill="#24292f">` +
    `<title>${escapeXml(chart.title)}</title>${parts.join('')}</svg>`
  );
}
