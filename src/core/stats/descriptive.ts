/**
 * Descriptive statistics: percentiles, summaries of samples and of rounds (processes).
 */
import type { MetricSummary, Summary } from '../model.js';

/** Scale factor that makes the median absolute deviation estimate a normal standard deviation. */
export const MAD_SCALE = 1.4826;

function assertNonEmpty(values: ArrayLike<number>, what: string): void {
  if (values.length === 0) throw new Error(`${what}: expected at least one value, got an empty array`);
}

/**
 * The q-quantile (q in [0, 1]) of an ascending array by linear interpolation between closest ranks
 * (Hyndman & Fan type 7, numpy's default `method='linear'`, R's default `type=7`).
 */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  assertNonEmpty(sorted, 'percentile');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`percentile: q must be in [0, 1], got ${q}`);
  const n = sorted.length;
  const index = (n - 1) * q;
  const below = Math.floor(index);
  const a = sorted[below]!;
  if (below >= n - 1) return a;
  const b = sorted[below + 1]!;
  const t = index - below;
  // numpy's lerp: interpolate from the nearer end, so that t = 1 gives b exactly.
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Median of an ascending array (mean of the two middle values for even n, as numpy.median). */
export function medianOfSorted(sorted: ArrayLike<number>): number {
  assertNonEmpty(sorted, 'median');
  const n = sorted.length;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median of an array in any order. */
export function median(values: readonly number[]): number {
  return medianOfSorted([...values].sort(ascending));
}

export function ascending(a: number, b: number): number {
  return a - b;
}

/** A ratio of spread to level that stays finite and non-negative: 0/0 = 0, x/0 = Infinity. */
function relative(spread: number, level: number): number {
  if (level === 0) return spread === 0 ? 0 : Number.POSITIVE_INFINITY;
  return spread / Math.abs(level);
}

/** Median absolute deviation from the median, unscaled. */
export function medianAbsoluteDeviation(values: readonly number[]): number {
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

/**
 * Summary of a set of numbers. `sd` is the sample standard deviation (n - 1; 0 when n = 1),
 * `cv = sd / |mean|` and `robustCv = 1.4826 * MAD / |median|` (0 when both parts are 0, Infinity
 * when only the level is 0). Throws on an empty array.
 */
export function summarize(values: readonly number[]): Summary {
  assertNonEmpty(values, 'summarize');
  const sorted = [...values].sort(ascending);
  const n = sorted.length;
  let sum = 0;
  for (const v of sorted) sum += v;
  const mean = sum / n;
  let squares = 0;
  for (const v of sorted) squares += (v - mean) * (v - mean);
  const sd = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
  const med = medianOfSorted(sorted);
  const mad = medianOfSorted(sorted.map((v) => Math.abs(v - med)).sort(ascending));
  return {
    n,
    min: sorted[0]!,
    max: sorted[n - 1]!,
    mean,
    median: med,
    p50: med,
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    sd,
    cv: relative(sd, mean),
    robustCv: relative(MAD_SCALE * mad, med),
  };
}

/**
 * Summary of a metric measured in rounds (one array of samples per process): the pooled samples,
 * the number of rounds, and `roundCv`, the robust CV of the per-round medians (0 for one round).
 * With `timeUnit` (samples in ms) it adds `opsPerSecond = 1000 / mean`.
 */
export function summarizeRounds(rounds: readonly (readonly number[])[], timeUnit: boolean): MetricSummary {
  if (rounds.length === 0) throw new Error('summarizeRounds: expected at least one round, got none');
  rounds.forEach((round, i) => assertNonEmpty(round, `summarizeRounds (round ${i + 1})`));
  const pooled = summarize(rounds.flat());
  const medians = rounds.map((round) => median(round));
  const roundCv = medians.length > 1 ? summarize(medians).robustCv : 0;
  const result: MetricSummary = { ...pooled, rounds: rounds.length, roundCv };
  if (timeUnit) result.opsPerSecond = 1000 / pooled.mean;
  return result;
}
