/**
 * Hodges–Lehmann estimates with distribution-free confidence intervals, obtained by inverting the
 * rank tests: the k-th smallest and k-th largest pairwise difference (two samples) or Walsh average
 * (paired), with k from the exact null distribution when it applies and from the normal
 * approximation (with continuity correction) otherwise. Matches R's `wilcox.test(..., conf.int = TRUE)`
 * (see the tests for the exact calls and the documented differences).
 */
import { medianOfSorted } from './descriptive.js';
import { normalQuantile } from './normal.js';
import {
  MANN_WHITNEY_EXACT_MAX_TOTAL,
  SIGNED_RANK_EXACT_MAX_N,
  lowerQuantile,
  mannWhitneyCounts,
  signedRankCounts,
  tieGroups,
  tieTerm,
  wilcoxonSignedRank,
} from './rank-tests.js';

export interface Interval {
  estimate: number;
  lo: number;
  hi: number;
}

function assertSample(values: readonly number[], what: string): void {
  if (values.length === 0) throw new Error(`${what}: expected at least one value, got an empty array`);
  for (const v of values) {
    if (!Number.isFinite(v)) throw new Error(`${what}: expected finite numbers, got ${v}`);
  }
}

function assertConfidence(confidence: number, what: string): void {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`${what}: confidence must be in (0, 1), got ${confidence}`);
}

function assertPositive(values: readonly number[], what: string): void {
  for (const v of values) {
    if (!(v > 0) || !Number.isFinite(v)) {
      throw new Error(`${what}: ratios need finite values > 0, got ${v}`);
    }
  }
}

/**
 * Rank (1-based) of the order statistics that bound the interval from the normal approximation:
 * the statistic (number of pairs above d, minus half of all pairs, minus the continuity
 * correction) crosses the normal quantile between the k-1-th and the k-th order statistic.
 * This is where R's root finder (`uniroot` on the step function) lands.
 */
function asymptoticRank(pairs: number, variance: number, confidence: number): number {
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const k = Math.ceil(pairs / 2 - 0.5 - z * Math.sqrt(variance));
  return Math.min(Math.max(k, 1), Math.ceil(pairs / 2));
}

/** The k-th smallest and k-th largest of an ascending array (k is 1-based). */
function symmetricBounds(sorted: Float64Array, k: number): { lo: number; hi: number } {
  return { lo: sorted[k - 1]!, hi: sorted[sorted.length - k]! };
}

/**
 * Hodges–Lehmann estimate of the shift y - x (median of all differences y_j - x_i) with its
 * distribution-free confidence interval from the Mann–Whitney test. Exact when x and y together
 * have no ties and n1 + n2 <= 60, else the normal approximation with tie and continuity correction.
 * Equals R's `wilcox.test(y, x, conf.int = TRUE, conf.level = confidence)` (interval; and the
 * estimate where R uses the exact method; R's asymptotic estimate is a root-finder artefact).
 */
export function hodgesLehmannShift(x: readonly number[], y: readonly number[], confidence = 0.95): Interval {
  assertSample(x, 'hodgesLehmannShift (x)');
  assertSample(y, 'hodgesLehmannShift (y)');
  assertConfidence(confidence, 'hodgesLehmannShift');
  const n1 = x.length;
  const n2 = y.length;
  const pairs = n1 * n2;
  const diffs = new Float64Array(pairs);
  let w = 0;
  for (const yj of y) for (const xi of x) diffs[w++] = yj - xi;
  diffs.sort();
  const estimate = medianOfSorted(diffs);
  const alpha = 1 - confidence;
  let k: number;
  if (tieGroups([...x, ...y]).length === 0 && n1 + n2 <= MANN_WHITNEY_EXACT_MAX_TOTAL) {
    k = Math.max(1, lowerQuantile(mannWhitneyCounts(n1, n2), alpha / 2));
  } else {
    // Between two pairwise differences only the ties inside x and inside y remain.
    const n = n1 + n2;
    const variance = ((n1 * n2) / 12) * (n + 1 - (tieTerm(tieGroups(x)) + tieTerm(tieGroups(y))) / (n * (n - 1)));
    k = asymptoticRank(pairs, variance, confidence);
  }
  return { estimate, ...symmetricBounds(diffs, k) };
}

/**
 * Hodges–Lehmann ratio head/base: the shift of log(head) against log(base), exponentiated.
 * All values must be > 0.
 */
export function hodgesLehmannRatio(base: readonly number[], head: readonly number[], confidence = 0.95): Interval {
  assertPositive(base, 'hodgesLehmannRatio (base)');
  assertPositive(head, 'hodgesLehmannRatio (head)');
  const shift = hodgesLehmannShift(base.map(Math.log), head.map(Math.log), confidence);
  return { estimate: Math.exp(shift.estimate), lo: Math.exp(shift.lo), hi: Math.exp(shift.hi) };
}

/**
 * One-sample Hodges–Lehmann estimate (the pseudo-median: median of the Walsh averages
 * (d_i + d_j) / 2, i <= j) with the signed-rank confidence interval. Exact when the d have no
 * ties and n <= 50, else the normal approximation with tie and continuity correction.
 * Unlike R, zeros are kept: the interval is a property of the sample, not of the tested value 0.
 */
export function hodgesLehmannPaired(d: readonly number[], confidence = 0.95): Interval {
  assertSample(d, 'hodgesLehmannPaired');
  assertConfidence(confidence, 'hodgesLehmannPaired');
  const n = d.length;
  const pairs = (n * (n + 1)) / 2;
  const walsh = new Float64Array(pairs);
  let w = 0;
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) walsh[w++] = (d[i]! + d[j]!) / 2;
  walsh.sort();
  const estimate = medianOfSorted(walsh);
  const ties = tieGroups(d);
  let k: number;
  if (ties.length === 0 && n <= SIGNED_RANK_EXACT_MAX_N) {
    k = Math.max(1, lowerQuantile(signedRankCounts(n), (1 - confidence) / 2));
  } else {
    const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieTerm(ties) / 48;
    k = asymptoticRank(pairs, variance, confidence);
  }
  return { estimate, ...symmetricBounds(walsh, k) };
}

/**
 * Paired ratio head/base over rounds run side by side (A/B interleaving): the one-sample
 * Hodges–Lehmann estimate and signed-rank interval of the per-round log ratios log(head/base),
 * exponentiated, plus the two-sided signed-rank p-value of those log ratios.
 */
export function pairedRatio(
  baseRounds: readonly number[],
  headRounds: readonly number[],
  confidence = 0.95,
): Interval & { p: number } {
  if (baseRounds.length !== headRounds.length) {
    throw new Error(`pairedRatio: base and head need the same number of rounds, got ${baseRounds.length} and ${headRounds.length}`);
  }
  if (baseRounds.length === 0) throw new Error('pairedRatio: expected at least one round, got none');
  assertPositive(baseRounds, 'pairedRatio (base)');
  assertPositive(headRounds, 'pairedRatio (head)');
  const logRatios = headRounds.map((h, i) => Math.log(h / baseRounds[i]!));
  const interval = hodgesLehmannPaired(logRatios, confidence);
  return {
    estimate: Math.exp(interval.estimate),
    lo: Math.exp(interval.lo),
    hi: Math.exp(interval.hi),
    p: wilcoxonSignedRank(logRatios).p,
  };
}
