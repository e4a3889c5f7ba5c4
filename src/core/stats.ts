/**
 * Statistics for perfgate: summaries, percentiles, rank tests, Hodges–Lehmann intervals, the
 * round bootstrap, multiple-testing adjustments and power. Pure and deterministic; every method is
 * checked against scipy or R in test/core/stats.test.ts. The parts live in ./stats/.
 */
export { MAD_SCALE, median, medianAbsoluteDeviation, percentile, pooledSamples, pooledSorted, selectMedian, sortedCopy, summarize, summarizeInPlace, summarizePooled, summarizeRounds, summarizeSorted } from './stats/descriptive.js';
export { normalCdf, normalQuantile } from './stats/normal.js';
export {
  MANN_WHITNEY_EXACT_MAX_TOTAL,
  SIGNED_RANK_EXACT_MAX_N,
  mannWhitneyCounts,
  mannWhitneyU,
  rank,
  signedRankCounts,
  wilcoxonSignedRank,
  type Ranking,
  type TestMethod,
} from './stats/rank-tests.js';
export { hodgesLehmannPaired, hodgesLehmannRatio, hodgesLehmannShift, pairedRatio, type Interval } from './stats/hodges-lehmann.js';
export { bootstrapRatio, createRandom, type BootstrapOptions } from './stats/bootstrap.js';
export { benjaminiHochberg, holm } from './stats/multiple-testing.js';
export { roundsNeeded } from './stats/power.js';
export { MAX_SAMPLES_PER_ROUND, thinSamples } from './stats/thin.js';
