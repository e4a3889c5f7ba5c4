import type {
  BenchmarkResult,
  Direction,
  Metric,
  MetricPolicy,
  MetricSummary,
  Policy,
  Results,
  Statistic,
  Summary,
  ComparisonTest,
} from './model.js';
import { bandKey, type NoiseBand } from './history.js';
import { bootstrapRatio, hodgesLehmannRatio, mannWhitneyU, normalCdf, normalQuantile, pairedRatio, percentile, pooledSamples, selectMedian, sortedCopy, summarizeInPlace, summarizePooled } from './stats.js';

/** The statistics of one metric, base against head, before any policy is applied. */
export interface MetricDelta {
  metric: string;
  unit: string;
  direction: Direction;
  policy: MetricPolicy;
  base: MetricSummary | null;
  head: MetricSummary | null;
  /** The gated statistic of each side. */
  baseValue: number | null;
  headValue: number | null;
  ratio: number | null;
  ci: [number, number] | null;
  p: number | null;
  test: ComparisonTest;
  noiseBand?: NoiseBand;
  /** Robust CV of the per-round values of the gated statistic (the larger side), for power advice. */
  replicateCv: number | null;
  replicates: { base: number; head: number };
}

export interface BenchmarkDelta {
  id: string;
  suite: string;
  name: string;
  presence: 'both' | 'new' | 'missing';
  error?: string;
  metrics: MetricDelta[];
}

export interface CompareOptions {
  confidence: number;
  /** Seed of the bootstrap, fixed so that the same inputs give the same report. */
  seed: number;
  /**
   * Round i of base and round i of head were measured side by side (same-runner A/B): compare
   * them pair by pair, so that drift during the run cancels out. A set names the suites that
   * were interleaved (an imported tool's samples are not paired in time, even in an A/B run).
   */
  paired?: boolean | ReadonlySet<string>;
  /**
   * Main's run-to-run spread per benchmark and metric (see history.ts): a baseline from another
   * run carries that run's luck, so its comparison is widened by it.
   */
  noiseBands?: ReadonlyMap<string, NoiseBand>;
}

const TAIL_STATISTICS: ReadonlySet<Statistic> = new Set(['p95', 'p99', 'max']);

/** The gated statistic of one round (or of pooled samples), from sorted values. */
export function statisticOf(sorted: ArrayLike<number>, statistic: Statistic): number {
  switch (statistic) {
    case 'mean': {
      let sum = 0;
      for (let i = 0; i < sorted.length; i++) sum += sorted[i]!;
      return sum / sorted.length;
    }
    case 'median':
      return percentile(sorted, 0.5);
    case 'p95':
      return percentile(sorted, 0.95);
    case 'p99':
      return percentile(sorted, 0.99);
    case 'max':
      return sorted[sorted.length - 1] as number;
    case 'min':
      return sorted[0] as number;
  }
}

function pooledStatistic(summary: Summary, statistic: Statistic): number {
  return statistic === 'median' ? summary.median : summary[statistic];
}

/** mean, min or max of a round in any order (median and tails are handled by the caller). */
function unorderedStatistic(values: ArrayLike<number>, statistic: Statistic): number {
  if (statistic === 'mean') return statisticOf(values, 'mean');
  let result = statistic === 'min' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) result = statistic === 'min' ? Math.min(result, values[i]!) : Math.max(result, values[i]!);
  return result;
}

/** A metric given only as a value gets a degenerate summary so tables can still show it. */
function valueSummary(value: number, spread: number | undefined, timeUnit: boolean): MetricSummary {
  const sd = spread ?? 0;
  return {
    n: 1,
    min: value,
    max: value,
    mean: value,
    median: value,
    p50: value,
    p95: value,
    p99: value,
    sd,
    cv: value === 0 ? 0 : sd / value,
    robustCv: 0,
    rounds: 1,
    roundCv: 0,
    ...(timeUnit && value > 0 ? { opsPerSecond: 1000 / value } : {}),
  };
}

function robustCv(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const sorted = sortedCopy(values);
  const median = percentile(sorted, 0.5);
  if (median === 0) return 0;
  const deviations = sortedCopy(sorted.map((v) => Math.abs(v - median)));
  return (1.4826 * percentile(deviations, 0.5)) / Math.abs(median);
}

interface Side {
  summary: MetricSummary | null;
  /** One value of the gated statistic per round; empty for summary-only metrics. */
  replicates: number[];
  sortedRounds: Float64Array[];
  value: number | null;
}

function describeSide(metric: Metric | undefined, statistic: Statistic): Side {
  if (!metric) return { summary: null, replicates: [], sortedRounds: [], value: null };
  const timeUnit = metric.unit === 'ms';
  if (metric.rounds && metric.rounds.length > 0) {
    const rounds = metric.rounds;
    // Selection finds each round's median without sorting it; only tail statistics (bootstrap)
    // need the rounds in order. The pooled summary uses selection too: no sort at all for the common case.
    const roundMedians = rounds.map(selectMedian);
    const pooled = summarizeInPlace(pooledSamples(rounds));
    const sortedRounds = TAIL_STATISTICS.has(statistic) ? rounds.map((round) => sortedCopy(round)) : [];
    const replicates =
      statistic === 'median' ? roundMedians : sortedRounds.length > 0 ? sortedRounds.map((r) => statisticOf(r, statistic)) : rounds.map((r) => unorderedStatistic(r, statistic));
    return {
      summary: summarizePooled(pooled, roundMedians, timeUnit),
      replicates,
      sortedRounds,
      value: pooledStatistic(pooled, statistic),
    };
  }
  if (metric.value === undefined) return { summary: null, replicates: [], sortedRounds: [], value: null };
  return { summary: valueSummary(metric.value, metric.spread, timeUnit), replicates: [], sortedRounds: [], value: metric.value };
}

function allPositive(values: readonly number[]): boolean {
  return values.every((v) => v > 0 && Number.isFinite(v));
}

/**
 * The rounds of one run vary less than whole runs do: one run against another is uncertain by at
 * least the difference of two runs of main, √2 · spread on the log scale. Where that is wider than
 * the run's own interval it replaces it, and p follows from the same normal approximation.
 */
function widenByNoiseBand(delta: MetricDelta, band: NoiseBand, confidence: number): void {
  if (delta.ratio === null || !(delta.ratio > 0) || band.spread === 0) return;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const within = delta.ci ? (Math.log(delta.ci[1]) - Math.log(delta.ci[0])) / (2 * z) : 0;
  const between = Math.SQRT2 * band.spread;
  if (between <= within) return;
  const log = Math.log(delta.ratio);
  delta.ci = [Math.exp(log - z * between), Math.exp(log + z * between)];
  const p = 2 * (1 - normalCdf(Math.abs(log) / between));
  delta.p = Math.max(delta.p ?? 0, Math.min(1, p));
  delta.test = 'noise-band';
  delta.noiseBand = band;
}

function compareMetric(
  metricName: string,
  baseMetric: Metric | undefined,
  headMetric: Metric | undefined,
  policy: MetricPolicy,
  options: CompareOptions,
  band?: NoiseBand,
): MetricDelta {
  const delta = compareRounds(metricName, baseMetric, headMetric, policy, options);
  if (band && !options.paired && (delta.test === 'mann-whitney' || delta.test === 'bootstrap')) widenByNoiseBand(delta, band, options.confidence);
  return delta;
}

function compareRounds(
  metricName: string,
  baseMetric: Metric | undefined,
  headMetric: Metric | undefined,
  policy: MetricPolicy,
  options: CompareOptions,
): MetricDelta {
  const reference = (headMetric ?? baseMetric) as Metric;
  const base = describeSide(baseMetric, policy.statistic);
  const head = describeSide(headMetric, policy.statistic);
  const delta: MetricDelta = {
    metric: metricName,
    unit: reference.unit,
    direction: reference.direction,
    policy,
    base: base.summary,
    head: head.summary,
    baseValue: base.value,
    headValue: head.value,
    ratio: null,
    ci: null,
    p: null,
    test: 'none',
    replicateCv: null,
    replicates: { base: base.replicates.length, head: head.replicates.length },
  };
  if (base.value === null || head.value === null) return delta;
  if (base.value > 0) delta.ratio = head.value / base.value;

  const testable = base.replicates.length >= 2 && head.replicates.length >= 2;
  if (!testable) {
    delta.test = base.replicates.length === 0 || head.replicates.length === 0 ? 'summaries' : 'none';
    return delta;
  }
  delta.replicateCv = Math.max(robustCv(base.replicates), robustCv(head.replicates));
  if (options.paired && base.replicates.length === head.replicates.length && allPositive(base.replicates) && allPositive(head.replicates)) {
    const paired = pairedRatio(base.replicates, head.replicates, options.confidence);
    // What decides a paired comparison is the spread of the per-pair ratios, not of each side.
    delta.replicateCv = robustCv(base.replicates.map((b, i) => (head.replicates[i] as number) / b));
    delta.ratio = paired.estimate;
    delta.ci = [paired.lo, paired.hi];
    delta.p = paired.p;
    delta.test = 'signed-rank';
    return delta;
  }
  delta.p = mannWhitneyU(base.replicates, head.replicates).p;
  if (!allPositive(base.replicates) || !allPositive(head.replicates)) {
    delta.test = 'mann-whitney';
    return delta;
  }
  if (TAIL_STATISTICS.has(policy.statistic)) {
    const boot = bootstrapRatio(base.sortedRounds.map((r) => Array.from(r)), head.sortedRounds.map((r) => Array.from(r)), (sorted) => statisticOf(sorted, policy.statistic), {
      seed: options.seed,
      confidence: options.confidence,
    });
    delta.ratio = boot.estimate;
    delta.ci = [boot.lo, boot.hi];
    delta.test = 'bootstrap';
  } else {
    const hl = hodgesLehmannRatio(base.replicates, head.replicates, options.confidence);
    delta.ratio = hl.estimate;
    delta.ci = [hl.lo, hl.hi];
    delta.test = 'mann-whitney';
  }
  return delta;
}

function metricNames(base: BenchmarkResult | undefined, head: BenchmarkResult | undefined): string[] {
  const names: string[] = [];
  for (const m of [...(head?.metrics ?? []), ...(base?.metrics ?? [])]) {
    if (!names.includes(m.name)) names.push(m.name);
  }
  return names;
}

function compareBenchmark(
  base: BenchmarkResult | undefined,
  head: BenchmarkResult | undefined,
  policy: Policy,
  options: CompareOptions,
): BenchmarkDelta {
  const reference = (head ?? base) as BenchmarkResult;
  const presence = base && head ? 'both' : head ? 'new' : 'missing';
  const delta: BenchmarkDelta = {
    id: reference.id,
    suite: reference.suite,
    name: reference.name,
    presence,
    metrics: [],
  };
  if (head?.error) delta.error = head.error;
  for (const name of metricNames(base, head)) {
    const baseMetric = base?.metrics.find((m) => m.name === name);
    const headMetric = head?.metrics.find((m) => m.name === name);
    const reference = (headMetric ?? baseMetric) as Metric;
    const metricPolicy = policy.metricPolicy(
      { suite: delta.suite, name: delta.name },
      { name, unit: reference.unit, direction: reference.direction },
    );
    const paired = options.paired instanceof Set ? options.paired.has(delta.suite) : options.paired === true;
    delta.metrics.push(compareMetric(name, baseMetric, headMetric, metricPolicy, { ...options, paired }, options.noiseBands?.get(bandKey(delta.id, name))));
  }
  return delta;
}

/**
 * Pairs every benchmark of head with the same id in base and computes, per metric, the ratio of
 * the gated statistic with its confidence interval and a test over rounds (never pooled samples).
 * Head order comes first; benchmarks only in base follow as missing.
 */
export function compareResults(
  base: Results | null,
  head: Results,
  policy: Policy,
  options: CompareOptions = { confidence: 0.95, seed: 1 },
): BenchmarkDelta[] {
  const baseById = new Map((base?.benchmarks ?? []).map((b) => [b.id, b]));
  const headIds = new Set(head.benchmarks.map((b) => b.id));
  const deltas = head.benchmarks.map((h) => compareBenchmark(baseById.get(h.id), h, policy, options));
  for (const b of base?.benchmarks ?? []) {
    if (!headIds.has(b.id)) deltas.push(compareBenchmark(b, undefined, policy, options));
  }
  return deltas;
}
