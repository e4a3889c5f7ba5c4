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

/** An ascending copy. Typed-array sort is numeric and several times faster than a comparator sort. */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  // The constructor copies an array directly; Float64Array.from would walk an iterator.
  return new Float64Array(values as ArrayLike<number>).sort();
}

function mergeTwo(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/**
 * All rounds in one ascending array: the pooled samples. The rounds arrive sorted, so merging
 * them pairwise (O(n log k)) is several times faster than sorting the pool again.
 */
export function pooledSorted(sortedRounds: readonly Float64Array[]): Float64Array {
  if (sortedRounds.length === 0) return new Float64Array(0);
  let level = [...sortedRounds];
  while (level.length > 1) {
    const next: Float64Array[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? mergeTwo(level[i]!, level[i + 1]!) : level[i]!);
    level = next;
  }
  return level[0]!;
}

/** Median of an array in any order. */
export function median(values: readonly number[]): number {
  return medianOfSorted(sortedCopy(values));
}

/**
 * Median absolute deviation of an ascending array around its median `m`, in O(n): the deviations
 * left of the middle grow leftwards and those right of it grow rightwards, so merging the two
 * ascending runs up to the middle rank finds their median without sorting again.
 */
function madOfSorted(sorted: ArrayLike<number>, m: number): number {
  const n = sorted.length;
  const mid = n >> 1;
  const odd = n % 2 === 1;
  // For odd n the middle element is the smallest deviation (0) and is taken up front.
  let left = mid - 1;
  let right = odd ? mid + 1 : mid;
  const wanted = mid; // rank of the (upper) middle deviation
  let count = odd ? 1 : 0;
  let previous = 0;
  let current = 0;
  while (count <= wanted) {
    const dl = left >= 0 ? m - sorted[left]! : Number.POSITIVE_INFINITY;
    const dr = right < n ? sorted[right]! - m : Number.POSITIVE_INFINITY;
    previous = current;
    if (dl <= dr) {
      current = dl;
      left--;
    } else {
      current = dr;
      right++;
    }
    count++;
  }
  if (odd) return current;
  // Even n: the mean of the two middle deviations (ranks wanted - 1 and wanted).
  return (previous + current) / 2;
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
  return summarizeSorted(sortedCopy(values));
}

/** `summarize` for values already in ascending order (callers that sorted once reuse it). */
export function summarizeSorted(sorted: ArrayLike<number>): Summary {
  assertNonEmpty(sorted, 'summarize');
  const n = sorted.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (sorted[i]! - mean) * (sorted[i]! - mean);
  const sd = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
  const med = medianOfSorted(sorted);
  const mad = madOfSorted(sorted, med);
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
  const sortedRounds = rounds.map((round) => sortedCopy(round));
  return summarizeSortedRounds(sortedRounds, pooledSorted(sortedRounds), timeUnit);
}

/** `summarizeRounds` from each round sorted and all samples pooled and sorted, as compare has them. */
export function summarizeSortedRounds(sortedRounds: readonly ArrayLike<number>[], pooledSorted: ArrayLike<number>, timeUnit: boolean): MetricSummary {
  const pooled = summarizeSorted(pooledSorted);
  const medians = sortedRounds.map((round) => medianOfSorted(round));
  const roundCv = medians.length > 1 ? summarize(medians).robustCv : 0;
  const result: MetricSummary = { ...pooled, rounds: sortedRounds.length, roundCv };
  if (timeUnit) result.opsPerSecond = 1000 / pooled.mean;
  return result;
}
