import type { LogChangePoint } from '../change-points.js';
import type { LogSeries, MergeLogDelta, MergeLogEntry } from '../merge-log.js';
import { VERDICT_ORDER, type BaselineMethod } from '../model.js';
import { formatRatioChange } from './format.js';

/** Plain-text pieces of the per-merge log that every rendering shares; each renderer escapes them. */

export const SHORT_SHA = 7;

export function shortSha(sha: string): string {
  return sha.slice(0, SHORT_SHA);
}

/** A sha can be shown verbatim in code only when it looks like one; the log is a file anyone can edit. */
export function isSha(text: string): boolean {
  return /^[0-9a-f]{4,64}$/i.test(text);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Year, month and day of a count of days since 1970-01-01 (H. Hinnant's civil_from_days). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/**
 * "YYYY-MM-DD HH:MM" in UTC. Arithmetic on the parsed instant rather than a Date object keeps the
 * rendering free of anything that could read the clock or the machine's time zone.
 */
export function utcMinute(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const minuteOfDay = minutes - days * 1440;
  const [y, m, d] = civilFromDays(days);
  return `${y}-${pad2(m)}-${pad2(d)} ${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}`;
}

export function howText(entry: MergeLogEntry): string {
  if (entry.mergeMethod === 'rebase' && entry.commits.length > 1) return `rebase (${entry.commits.length} commits)`;
  return entry.mergeMethod;
}

const COMPARED: Record<BaselineMethod, string> = {
  'same-runner': 'same-runner',
  artifact: 'artifact',
  committed: 'committed',
  file: 'file',
  none: 'no baseline',
};

export function comparedText(method: BaselineMethod): string {
  return COMPARED[method];
}

function weight(d: MergeLogDelta): number {
  return d.ratio === null || !(d.ratio > 0) ? 0 : Math.abs(Math.log(d.ratio));
}

/** The deltas a reader must see: anything but a pass, worst verdict and largest change first. */
export function movedDeltas(entry: MergeLogEntry): MergeLogDelta[] {
  const rank = (d: MergeLogDelta) => VERDICT_ORDER.indexOf(d.verdict);
  return entry.deltas
    .map((d, i) => ({ d, i }))
    .filter(({ d }) => d.verdict !== 'pass')
    .sort((a, b) => rank(a.d) - rank(b.d) || weight(b.d) - weight(a.d) || a.i - b.i)
    .map(({ d }) => d);
}

/**
 * "api/work latency p95 +12.3% (+8.1% … +16.0%)"; a delta without a ratio names its verdict unless
 * the caller shows the verdict beside it anyway.
 */
export function deltaText(d: MergeLogDelta, verdictShown = false): string {
  const name = d.metric === '' ? d.id : `${d.id} ${d.metric} ${d.statistic}`;
  if (d.ratio === null) return verdictShown ? name : `${name} ${d.verdict}`;
  const interval = d.ci ? ` (${formatRatioChange(d.ci[0])} … ${formatRatioChange(d.ci[1])})` : '';
  return `${name} ${formatRatioChange(d.ratio)}${interval}`;
}

export function seriesTitle(s: { id: string; metric: string; statistic: string }): string {
  return `${s.id} ${s.metric} (${s.statistic})`;
}

export function changePointsOf(series: LogSeries, changePoints: readonly LogChangePoint[]): LogChangePoint[] {
  return changePoints.filter((cp) => cp.id === series.id && cp.metric === series.metric);
}

/**
 * The series worth a chart, at most `max`: those with a change point first (the most recent shift
 * first), then the rest in the log's order. Charts need two points to draw a line.
 */
export function chartedSeries(series: readonly LogSeries[], changePoints: readonly LogChangePoint[], max: number): { shown: LogSeries[]; omitted: number } {
  const drawable = series.filter((s) => s.points.length >= 2);
  const latestShift = (s: LogSeries): number => Math.max(Number.NEGATIVE_INFINITY, ...changePointsOf(s, changePoints).map((cp) => Date.parse(cp.time) || 0));
  const ordered = drawable
    .map((s, i) => ({ s, i, shift: latestShift(s) }))
    .sort((a, b) => (b.shift === a.shift ? a.i - b.i : b.shift > a.shift ? 1 : -1))
    .map(({ s }) => s);
  const shown = ordered.slice(0, Math.max(0, max));
  return { shown, omitted: ordered.length - shown.length };
}

export interface ChartScale {
  /** Multiply a canonical value by this to get the displayed one. */
  factor: number;
  unit: string;
}

const TIME_SCALES: [number, string][] = [
  [1000, 's'],
  [1, 'ms'],
  [1e-3, 'µs'],
  [1e-6, 'ns'],
];

/** One display unit for a whole series, picked by its median magnitude, so that ticks read well. */
export function chartScale(values: readonly number[], unit: string): ChartScale {
  const sorted = values.filter(Number.isFinite).map(Math.abs).sort((a, b) => a - b);
  const typical = sorted.length > 0 ? (sorted[Math.floor(sorted.length / 2)] as number) : 0;
  if (unit === 'ms') {
    for (const [scale, name] of TIME_SCALES) if (typical >= scale || scale === 1e-6) return { factor: 1 / scale, unit: name };
  }
  if (unit === 'B') {
    if (typical >= 2 ** 30) return { factor: 2 ** -30, unit: 'GiB' };
    if (typical >= 2 ** 20) return { factor: 2 ** -20, unit: 'MiB' };
    if (typical >= 2 ** 10) return { factor: 2 ** -10, unit: 'KiB' };
    return { factor: 1, unit: 'B' };
  }
  if (unit.endsWith('/s')) {
    if (typical >= 1e9) return { factor: 1e-9, unit: `G${unit}` };
    if (typical >= 1e6) return { factor: 1e-6, unit: `M${unit}` };
    if (typical >= 1e4) return { factor: 1e-3, unit: `k${unit}` };
  }
  return { factor: 1, unit };
}

/**
 * A number without exponent notation and with about `digits` significant digits: Mermaid's grammar
 * has no exponents, and tick labels read better without them.
 */
export function plainNumber(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return '0';
  if (value === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.min(12, Math.max(0, digits - 1 - magnitude));
  const text = value.toFixed(decimals);
  const trimmed = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  return trimmed === '-0' ? '0' : trimmed;
}

/** The level (segment median) at each point of a series, or null when it has no change point. */
export function seriesLevels(series: LogSeries, changePoints: readonly LogChangePoint[]): number[] | null {
  const own = changePointsOf(series, changePoints);
  if (own.length === 0) return null;
  const at = own
    .map((cp) => ({ cp, index: series.points.findIndex((p) => p.commit === cp.commit) }))
    .filter((x) => x.index >= 0)
    .sort((a, b) => a.index - b.index);
  if (at.length === 0) return null;
  return series.points.map((_, i) => {
    let level = at[0]!.cp.before;
    for (const { cp, index } of at) if (index <= i) level = cp.after;
    return level;
  });
}

/** Change points as a reader scans them: the most recent shift first. */
export function newestChangePointsFirst(changePoints: readonly LogChangePoint[]): LogChangePoint[] {
  return changePoints
    .map((cp, i) => ({ cp, i, t: Date.parse(cp.time) }))
    .sort((a, b) => (a.t === b.t || Number.isNaN(a.t) || Number.isNaN(b.t) ? b.i - a.i : b.t - a.t))
    .map(({ cp }) => cp);
}

export function changeWord(cp: LogChangePoint): string {
  return cp.worse ? 'worse' : 'better';
}

export function changeRatioText(cp: LogChangePoint): string {
  return formatRatioChange(cp.ratio);
}

/** "N merges, from … to … UTC" over the whole log (newest first). */
export function spanText(entries: readonly MergeLogEntry[]): string {
  if (entries.length === 0) return 'no merges recorded yet';
  const newest = entries[0]!;
  const oldest = entries[entries.length - 1]!;
  const count = `${entries.length} merge${entries.length === 1 ? '' : 's'}`;
  if (entries.length === 1) return `${count}, ${utcMinute(newest.time)} UTC`;
  return `${count} from ${utcMinute(oldest.time)} to ${utcMinute(newest.time)} UTC`;
}

/** A pull request's URL is shown as a link only when it is plainly an https URL. */
export function safeUrl(url: string | undefined): string | null {
  return url !== undefined && /^https:\/\/[^\s"'<>()`\\]+$/.test(url) ? url : null;
}
