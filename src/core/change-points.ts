import type { Direction, Statistic } from './model.js';
import type { LogSeries } from './merge-log.js';
import { createRandom, median } from './stats.js';

/**
 * Change points of a metric's history on main: E-divisive means (Matteson & James 2014, "A
 * Nonparametric Approach for Multiple Change Point Analysis"), the method of Apache Otava and
 * MongoDB's signal processing. The energy statistic compares whole distributions, so no noise
 * model has to be assumed, and a permutation test decides whether a split is more than chance.
 */

export interface ChangePointOptions {
  /** Significance level of the permutation test of each split. */
  alpha: number;
  /** Permutations per test. */
  permutations: number;
  /** Smallest relative shift between the two segments' medians that is reported (0.05 = 5%). */
  minShift: number;
  /** Fewest points on each side of a split. */
  minSegment: number;
  /** Only the newest this many points of a series are searched. */
  window: number;
  /** Seed of the permutations, so that the same history always gives the same answer. */
  seed: number;
}

/** A shift in one series: the points from `index` on sit at a different level than those before. */
export interface ChangePoint {
  /** Index (into the searched values) of the first point at the new level. */
  index: number;
  /** Median of the segment before, and of the segment after (up to the next change point). */
  before: number;
  after: number;
  /** after / before */
  ratio: number;
  /** Permutation p-value of the split. */
  p: number;
}

/** A change point of a benchmark metric on main, attributed to the merges that brought it. */
export interface LogChangePoint extends ChangePoint {
  id: string;
  metric: string;
  unit: string;
  direction: Direction;
  statistic: Statistic;
  /** The first merge at the new level. */
  commit: string;
  time: string;
  /** The last merge at the old level: the shift came in the range (previousCommit, commit]. */
  previousCommit: string;
  /** True when the new level is worse for this metric's direction. */
  worse: boolean;
}

export const DEFAULT_CHANGE_POINT_OPTIONS: Readonly<ChangePointOptions> = Object.freeze({
  alpha: 0.01,
  permutations: 199,
  minShift: 0.05,
  minSegment: 3,
  window: 250,
  seed: 1,
});

const OPTION_NAMES = Object.keys(DEFAULT_CHANGE_POINT_OPTIONS) as (keyof ChangePointOptions)[];

function invalid(name: keyof ChangePointOptions, expected: string, got: unknown): Error {
  return new Error(`change points: option ${name} must be ${expected}, got ${typeof got === 'number' ? String(got) : JSON.stringify(got) ?? typeof got}`);
}

function isInteger(v: number, min: number): boolean {
  return Number.isSafeInteger(v) && v >= min;
}

/** The fewest permutations whose smallest p-value, 1/(permutations + 1), is at most alpha. */
function permutationsFor(alpha: number): number {
  let needed = Math.max(1, Math.ceil(1 / alpha - 1));
  while (1 / (needed + 1) > alpha) needed++;
  return needed;
}

/** The defaults filled in and every value checked; an out-of-range value throws naming the option. */
export function resolveChangePointOptions(options: Partial<ChangePointOptions> = {}): ChangePointOptions {
  const o: ChangePointOptions = { ...DEFAULT_CHANGE_POINT_OPTIONS };
  for (const name of OPTION_NAMES) {
    const v = options[name];
    if (v === undefined) continue;
    if (typeof v !== 'number' || Number.isNaN(v)) throw invalid(name, 'a number', v);
    o[name] = v;
  }
  if (!(o.alpha > 0 && o.alpha < 1)) throw invalid('alpha', 'a number greater than 0 and less than 1', o.alpha);
  // The smallest p-value a permutation test can give is 1/(permutations + 1): with fewer
  // permutations than that every split would be insignificant without a word. A stricter alpha
  // alone (the configuration sets no permutations) raises the default instead of failing.
  const needed = permutationsFor(o.alpha);
  if (options.permutations === undefined) o.permutations = Math.max(o.permutations, needed);
  if (!isInteger(o.permutations, 1)) throw invalid('permutations', 'a whole number of at least 1', o.permutations);
  if (o.permutations < needed) {
    throw invalid('permutations', `at least ${needed} for alpha ${o.alpha} (the smallest p-value is 1/(permutations + 1))`, o.permutations);
  }
  if (!(o.minShift >= 0 && Number.isFinite(o.minShift))) throw invalid('minShift', 'a finite number of at least 0', o.minShift);
  // The within-segment mean distance divides by C(m, 2): one point has none.
  if (!isInteger(o.minSegment, 2)) throw invalid('minSegment', 'a whole number of at least 2', o.minSegment);
  if (!isInteger(o.window, 2 * o.minSegment)) throw invalid('window', `a whole number of at least 2 × minSegment (${2 * o.minSegment})`, o.window);
  if (!Number.isSafeInteger(o.seed)) throw invalid('seed', 'a whole number', o.seed);
  return o;
}

interface Split {
  /** First index of the right-hand side, relative to the start of the scanned values. */
  tau: number;
  q: number;
}

/**
 * The best split of z[0, len) by the energy statistic (exponent 1), at least `minSegment` points on
 * each side. `left` and `right` are scratch of at least `len`. When `each` is given it receives Q of
 * every admissible split. O(len²): every pair is visited once.
 */
function scanSplits(z: ArrayLike<number>, len: number, minSegment: number, left: Float64Array, right: Float64Array, each?: (tau: number, q: number) => void): Split {
  left.fill(0, 0, len);
  // left[t] = Σ_{i<t} |z_i − z_t|, right[t] = Σ_{k>t} |z_t − z_k|: the within-sum of a prefix is a
  // running sum of `left`, that of a suffix a running sum of `right`, and the between-sum is what
  // the two leave of the total.
  let total = 0;
  for (let i = 0; i < len; i++) {
    const zi = z[i]!;
    let row = 0;
    for (let k = i + 1; k < len; k++) {
      const d = Math.abs(zi - z[k]!);
      row += d;
      left[k]! += d;
    }
    right[i] = row;
    total += row;
  }
  let withinX = 0;
  let withinY = total;
  for (let t = 0; t < minSegment; t++) {
    withinX += left[t]!;
    withinY -= right[t]!;
  }
  let best: Split = { tau: -1, q: Number.NEGATIVE_INFINITY };
  for (let tau = minSegment; tau <= len - minSegment; tau++) {
    const m = tau;
    const n = len - tau;
    const between = total - withinX - withinY;
    const q = ((m * n) / (m + n)) * ((2 * between) / (m * n) - (2 * withinX) / (m * (m - 1)) - (2 * withinY) / (n * (n - 1)));
    each?.(tau, q);
    if (q > best.q) best = { tau, q };
    withinX += left[tau]!;
    withinY -= right[tau]!;
  }
  return best;
}

/**
 * Q of every admissible split of `values` as they are (no logarithm): entry τ − minSegment is the
 * split before index τ. For checking the statistic against hand-computed and reference values.
 */
export function energySplitStatistics(values: readonly number[], minSegment = DEFAULT_CHANGE_POINT_OPTIONS.minSegment): { tau: number; q: number }[] {
  const out: { tau: number; q: number }[] = [];
  const len = values.length;
  scanSplits(values, len, minSegment, new Float64Array(len), new Float64Array(len), (tau, q) => out.push({ tau, q }));
  return out;
}

/** A 32-bit mix of the seed and the segment, so that each segment's test draws its own stream. */
function segmentSeed(seed: number, start: number, end: number): number {
  let h = Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 16) ^ start, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 13) ^ end, 0x27d4eb2f);
  return (h ^ (h >>> 16)) >>> 0;
}

interface Scratch {
  segment: Float64Array;
  left: Float64Array;
  right: Float64Array;
}

/**
 * The best split of y[start, end) and its permutation p-value, or null when the segment is too
 * short or the split is not significant. A test stops as soon as enough permutations have matched
 * the observed statistic that p can no longer reach alpha: most segments of a steady series are
 * settled within a few permutations.
 */
function testSegment(y: Float64Array, start: number, end: number, o: ChangePointOptions, s: Scratch): { index: number; p: number } | null {
  const len = end - start;
  if (len < 2 * o.minSegment) return null;
  const z = s.segment;
  z.set(y.subarray(start, end));
  const observed = scanSplits(z, len, o.minSegment, s.left, s.right);
  // Permutations visit the pairs in another order, so an equally good split can come out a few
  // ulps apart; counting those as matches keeps the test conservative.
  const threshold = observed.q - 1e-9 * Math.abs(observed.q);
  // Each segment draws from its own seed, so a segment's verdict depends on its values and place
  // alone, not on the order in which segments are visited.
  const random = createRandom(segmentSeed(o.seed, start, end));
  let matched = 0;
  for (let r = 0; r < o.permutations; r++) {
    for (let i = len - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = z[i]!;
      z[i] = z[j]!;
      z[j] = t;
    }
    if (scanSplits(z, len, o.minSegment, s.left, s.right).q >= threshold) {
      matched++;
      if ((1 + matched) / (o.permutations + 1) > o.alpha) return null;
    }
  }
  return { index: start + observed.tau, p: (1 + matched) / (o.permutations + 1) };
}

/** Medians of the segments between consecutive cuts, on the original scale. */
function segmentMedians(values: readonly number[], cuts: readonly number[]): number[] {
  const bounds = [0, ...cuts, values.length];
  const medians: number[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) medians.push(median(values.slice(bounds[i], bounds[i + 1])));
  return medians;
}

/**
 * Change points of a series, sorted by index (into `values`). Values that are not finite and
 * positive are skipped: shifts are measured on the log scale, where they are relative. `window`
 * counts the values kept, so skipped ones do not shorten the history searched.
 *
 * Segments are split while the permutation test finds a significant split (binary segmentation,
 * hierarchical as in e.divisive). The size of a shift is judged afterwards, between neighbouring
 * change points: a short excursion in the middle of a long segment is a significant split whose
 * two sides, taken whole, share a median, and a rule on the sides' medians at test time would
 * never split it. Then, while a change point moves the median by less than `minShift`, the
 * smallest such is dropped and its neighbours' medians taken again.
 *
 * The right-hand side of a split runs to the end of its segment (as in MongoDB's implementation;
 * R's ecp also searches where it ends), so an excursion much shorter than the steady stretches
 * around it can go unseen: +20% for 20 of 120 points is found, for 12 of 112 mostly not.
 */
export function detectChangePoints(values: readonly number[], options?: Partial<ChangePointOptions>): ChangePoint[] {
  const o = resolveChangePointOptions(options);
  const positions: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v) && v > 0) positions.push(i);
  }
  const searched = positions.slice(-o.window);
  const n = searched.length;
  if (n < 2 * o.minSegment) return [];
  const raw = searched.map((i) => values[i]!);
  const y = Float64Array.from(raw, Math.log);
  const scratch: Scratch = { segment: new Float64Array(n), left: new Float64Array(n), right: new Float64Array(n) };

  const found = new Map<number, number>();
  const pending: [number, number][] = [[0, n]];
  while (pending.length > 0) {
    const [start, end] = pending.pop()!;
    const split = testSegment(y, start, end, o, scratch);
    if (!split) continue;
    found.set(split.index, split.p);
    pending.push([start, split.index], [split.index, end]);
  }

  const cuts = [...found.keys()].sort((a, b) => a - b);
  const smallest = Math.log1p(o.minShift);
  for (;;) {
    const medians = segmentMedians(raw, cuts);
    let weakest = -1;
    let weakestShift = Number.POSITIVE_INFINITY;
    for (let i = 0; i < cuts.length; i++) {
      const shift = Math.abs(Math.log(medians[i + 1]! / medians[i]!));
      if (shift < smallest && shift < weakestShift) {
        weakest = i;
        weakestShift = shift;
      }
    }
    if (weakest < 0) {
      return cuts.map((cut, i) => {
        const before = medians[i]!;
        const after = medians[i + 1]!;
        return { index: searched[cut]!, before, after, ratio: after / before, p: found.get(cut)! };
      });
    }
    cuts.splice(weakest, 1);
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Change points of every series, attributed to merges: `commit` is the first merge at the new
 * level, `previousCommit` the last usable merge before it. Sorted by time, then id, then metric.
 */
export function logChangePoints(series: readonly LogSeries[], options?: Partial<ChangePointOptions>): LogChangePoint[] {
  const o = resolveChangePointOptions(options);
  const out: LogChangePoint[] = [];
  for (const s of series) {
    const values = s.points.map((p) => p.value);
    for (const cp of detectChangePoints(values, o)) {
      const point = s.points[cp.index]!;
      // A skipped value (zero, negative) says nothing about the level, so the range the shift came
      // in starts at the last point that was measured.
      let previous = cp.index - 1;
      while (previous > 0 && !(Number.isFinite(values[previous]!) && values[previous]! > 0)) previous--;
      out.push({
        ...cp,
        id: s.id,
        metric: s.metric,
        unit: s.unit,
        direction: s.direction,
        statistic: s.statistic,
        commit: point.commit,
        time: point.time,
        previousCommit: s.points[previous]!.commit,
        worse: s.direction === 'smaller' ? cp.ratio > 1 : cp.ratio < 1,
      });
    }
  }
  return out.sort((a, b) => Date.parse(a.time) - Date.parse(b.time) || compareText(a.time, b.time) || compareText(a.id, b.id) || compareText(a.metric, b.metric));
}
