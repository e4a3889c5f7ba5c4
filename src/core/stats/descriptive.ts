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

/** All rounds' samples in one ascending array: the pooled samples. One typed sort of the pool. */
export function pooledSorted(rounds: readonly ArrayLike<number>[]): Float64Array {
  return pooledSamples(rounds).sort();
}

/** Rearranges `b` so that b[k] is its k-th smallest value (Hoare's quickselect) and returns it. */
function selectInPlace(b: Float64Array, k: number, from = 0): number {
  let lo = from;
  let hi = b.length - 1;
  while (hi > lo) {
    const pivot = b[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (b[i]! < pivot) i++;
      while (b[j]! > pivot) j--;
      if (i <= j) {
        const t = b[i]!;
        b[i] = b[j]!;
        b[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return b[k]!;
  }
  return b[k]!;
}

/**
 * Type-7 percentile of `b` in any order, by selection; rearranges `b`. Everything before `from`
 * must already be <= everything after it (true after selecting a lower percentile), so ascending
 * percentiles can be taken one after another, each searching only what is left.
 */
function percentileInPlace(b: Float64Array, q: number, from: number): { value: number; index: number } {
  const n = b.length;
  const index = (n - 1) * q;
  const below = Math.floor(index);
  const a = selectInPlace(b, below, Math.min(from, below));
  if (below >= n - 1) return { value: a, index: below };
  // The next order statistic is the smallest value right of the selected one.
  let next = Number.POSITIVE_INFINITY;
  for (let i = below + 1; i < n; i++) if (b[i]! < next) next = b[i]!;
  const t = index - below;
  const diff = next - a;
  return { value: t >= 0.5 ? next - diff * (1 - t) : a + diff * t, index: below };
}

/**
 * `summarize` by selection instead of sorting (expected O(n)), for the large pools compare sees.
 * Takes ownership of `b` and rearranges it. Same results as `summarize`.
 */
export function summarizeInPlace(b: Float64Array): Summary {
  assertNonEmpty(b, 'summarize');
  const n = b.length;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = b[i]!;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (b[i]! - mean) * (b[i]! - mean);
  const sd = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
  const med = percentileInPlace(b, 0.5, 0);
  const p95 = percentileInPlace(b, 0.95, med.index);
  const p99 = percentileInPlace(b, 0.99, p95.index);
  const deviations = scratchCopy(b);
  for (let i = 0; i < n; i++) deviations[i] = Math.abs(deviations[i]! - med.value);
  const mad = percentileInPlace(deviations, 0.5, 0).value;
  return {
    n,
    min,
    max,
    mean,
    median: med.value,
    p50: med.value,
    p95: p95.value,
    p99: p99.value,
    sd,
    cv: relative(sd, mean),
    robustCv: relative(MAD_SCALE * mad, med.value),
  };
}

/** All rounds' samples in one array, in round order (a fresh buffer the caller owns). */
export function pooledSamples(rounds: readonly ArrayLike<number>[]): Float64Array {
  let total = 0;
  for (const round of rounds) total += round.length;
  const pooled = new Float64Array(total);
  let offset = 0;
  for (const round of rounds) {
    pooled.set(round, offset);
    offset += round.length;
  }
  return pooled;
}

// One reusable buffer for selections: comparing a thousand benchmarks selects tens of thousands
// of round medians, and a fresh array for each is most of the garbage the comparison makes.
// Selection is synchronous, so no two callers can share it at once.
let scratch = new Float64Array(1024);

function scratchCopy(values: ArrayLike<number>): Float64Array {
  if (scratch.length < values.length) scratch = new Float64Array(Math.max(values.length, scratch.length * 2));
  const view = scratch.subarray(0, values.length);
  view.set(values);
  return view;
}

/** Median without sorting, in expected O(n): a round's median is needed far more often than its order. */
export function selectMedian(values: ArrayLike<number>): number {
  assertNonEmpty(values, 'median');
  const b = scratchCopy(values);
  const n = b.length;
  const mid = n >> 1;
  const upper = selectInPlace(b, mid);
  if (n % 2 === 1) return upper;
  // After selection everything left of mid is <= upper: the lower middle is their maximum.
  let lower = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < mid; i++) if (b[i]! > lower) lower = b[i]!;
  return (lower + upper) / 2;
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
  return summarizePooled(summarizeInPlace(pooledSamples(rounds)), rounds.map(selectMedian), timeUnit);
}

/** `summarizeRounds` from the pooled samples in ascending order and each round's median, as compare has them. */
export function summarizePooled(pooled: Summary, roundMedians: readonly number[], timeUnit: boolean): MetricSummary {
  const medians = roundMedians as number[];
  const roundCv = medians.length > 1 ? summarize(medians).robustCv : 0;
  const result: MetricSummary = { ...pooled, rounds: medians.length, roundCv };
  if (timeUnit) result.opsPerSecond = 1000 / pooled.mean;
  return result;
}
