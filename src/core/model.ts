/**
 * The data perfgate passes around. Everything here is plain JSON-compatible data so that results
 * and reports can be written to files, uploaded as artifacts and read back without loss.
 */

/** Which way is better for a metric. */
export type Direction = 'smaller' | 'bigger';

/** A statistic of a metric's samples that a policy can gate on. */
export type Statistic = 'mean' | 'median' | 'p95' | 'p99' | 'max' | 'min';

/** A list that has at least one element; samples of a round are never empty. */
export type NonEmpty<T> = [T, ...T[]];

export interface Metric {
  /** latency, throughput, success-rate, rss ... */
  name: string;
  /** Canonical unit: 'ms' for times, 'ops/s' for rates, '%' for ratios, 'B' for bytes, else free text. */
  unit: string;
  direction: Direction;
  /**
   * Raw samples in time order, one array per round (process). A round is the unit of replication:
   * the statistics compare one summary per round, never the pooled samples as if independent.
   */
  rounds?: NonEmpty<number>[];
  /** A single value, for sources that only give a summary. */
  value?: number;
  /** The spread the source gives with `value` (standard deviation), if any. */
  spread?: number;
}

export interface BenchmarkResult {
  /** `suite/name`, unique within a results file. */
  id: string;
  suite: string;
  name: string;
  metrics: Metric[];
  /** Set when the benchmark crashed, threw or timed out; metrics may then be empty. */
  error?: string;
}

export interface RunnerFingerprint {
  cpu: string;
  cores: number;
  memoryBytes: number;
  os: string;
  arch: string;
  node: string;
}

export interface ResultsMeta {
  commit?: string;
  branch?: string;
  /** ISO 8601 time the run started. */
  time?: string;
  tool?: { name: string; version: string };
  runner?: RunnerFingerprint;
  /**
   * Suite name -> milliseconds spent measuring it (its configured rounds on this side; extra
   * confirmation rounds not counted), so that a sharded run can balance its slices by it.
   */
  durations?: Record<string, number>;
}

export const RESULTS_SCHEMA_ID = 'perfgate/results';
export const RESULTS_VERSION = 1;

/** One earlier run of main, reduced: benchmark id -> metric -> statistic -> value. */
export interface HistoryPoint {
  commit?: string;
  time?: string;
  values: Record<string, Record<string, Partial<Record<Statistic, number>>>>;
}

export interface Results {
  schema: typeof RESULTS_SCHEMA_ID;
  version: typeof RESULTS_VERSION;
  meta: ResultsMeta;
  benchmarks: BenchmarkResult[];
  /** Things the run noticed that a reader should know; data, not log lines. */
  warnings: string[];
}

/** Summary of a set of numbers. Percentiles use linear interpolation (type 7, numpy's default). */
export interface Summary {
  n: number;
  min: number;
  max: number;
  mean: number;
  median: number;
  p50: number;
  p95: number;
  p99: number;
  sd: number;
  /** sd / mean */
  cv: number;
  /** 1.4826 * MAD / median: a coefficient of variation that outliers do not inflate. */
  robustCv: number;
}

/** Summary of a metric: pooled samples plus the spread between rounds. */
export interface MetricSummary extends Summary {
  rounds: number;
  /** Robust CV of the per-round medians: how much one process differs from the next. */
  roundCv: number;
  /** Operations per second (1000 / mean latency in ms), only for time metrics. */
  opsPerSecond?: number;
}

export type Verdict =
  | 'critical'
  | 'fail'
  | 'error'
  | 'warn'
  | 'unstable'
  | 'accepted'
  | 'missing'
  | 'new'
  | 'improved'
  | 'pass';

/** Worst first; the overall verdict of a report is the first of these that occurs. */
export const VERDICT_ORDER: readonly Verdict[] = [
  'critical',
  'fail',
  'error',
  'warn',
  'unstable',
  // Let through on purpose: less pressing than a verdict still open, more than a benchmark gone.
  'accepted',
  'missing',
  'new',
  'improved',
  'pass',
];

/** Absolute levels for a metric, in its canonical unit, applied to the gated statistic of head. */
export interface Limits {
  warn?: number;
  fail?: number;
  critical?: number;
}

/** The rule for one metric of one benchmark, after defaults and overrides are merged. */
export interface MetricPolicy {
  statistic: Statistic;
  /** Relative change in the worse direction that fails (0.1 = 10%); null disables the check. */
  regression: number | null;
  /** Relative change in the worse direction that is critical; null disables. */
  criticalRegression: number | null;
  limits: Limits;
  /** Gate on this metric at all; false reports it only. */
  gate: boolean;
}

export interface Policy {
  /** Family-wise false-alarm rate for failing (Holm), and false-discovery rate for reporting (BH). */
  alpha: number;
  /** Power used for the "needs more rounds" advice. */
  power: number;
  /** Resolves the rule for a benchmark's metric. Pure: built from settings by config/. */
  metricPolicy(benchmark: { suite: string; name: string }, metric: { name: string; unit: string; direction: Direction }): MetricPolicy;
}

/** How the baseline was obtained. */
export type BaselineMethod = 'same-runner' | 'artifact' | 'committed' | 'file' | 'none';

export interface BaselineInfo {
  method: BaselineMethod;
  /** Human description: a path, an artifact id and run, a commit. */
  source: string;
  commit?: string;
}

/**
 * mann-whitney / bootstrap: rounds of two runs; signed-rank: paired rounds of one A/B run;
 * noise-band: as mann-whitney or bootstrap, widened by main's run-to-run spread; summaries: one
 * number a side; none: no test possible.
 */
export type ComparisonTest = 'mann-whitney' | 'signed-rank' | 'bootstrap' | 'noise-band' | 'summaries' | 'none';

export interface MetricComparison {
  metric: string;
  unit: string;
  direction: Direction;
  statistic: Statistic;
  base: MetricSummary | null;
  head: MetricSummary | null;
  /** head/base of the gated statistic (point estimate). */
  ratio: number | null;
  /** 95% (1 - alpha) confidence interval of the ratio. */
  ci: [number, number] | null;
  /** Two-sided p-value of the test, null when no test was possible. */
  p: number | null;
  /** Holm-adjusted p over the gated comparisons of the report. */
  pHolm: number | null;
  /** Benjamini–Hochberg adjusted p over all comparisons of the report. */
  pBh: number | null;
  /** Which test produced p and ci. */
  test: ComparisonTest;
  /** The run-to-run spread of main that widened p and ci (artifact baselines with a history). */
  noiseBand?: { spread: number; runs: number };
  verdict: Verdict;
  reasons: string[];
  gated: boolean;
}

export interface BenchmarkComparison {
  id: string;
  suite: string;
  name: string;
  verdict: Verdict;
  metrics: MetricComparison[];
  error?: string;
}

/** Extra paired rounds run for suspected failures before the verdict was final (same-runner). */
export interface Confirmation {
  /** Extra rounds per side that ran. */
  rounds: number;
  /** Ids of the benchmarks that failed, or were undecided with an estimate beyond the threshold, after the first rounds. */
  benchmarks: string[];
  /** Failing with the extra rounds. */
  confirmed: string[];
  /** Not failing with the extra rounds. */
  cleared: string[];
  /** Why fewer rounds ran than configured. */
  stopped?: string;
}

/**
 * Main's absolute numbers beside a same-runner verdict: the base re-run here says whether the
 * change is slower; the artifact says how fast main is and has been.
 */
export interface MainReference {
  /** Where the numbers come from (the baseline artifact). */
  source: string;
  commit?: string;
  /** Benchmark id -> metric -> the gated statistic on main, newest first (the artifact's, then its history). */
  values: Record<string, Record<string, number[]>>;
}

/**
 * Someone with write access said a regression is intended: a label on the pull request (target
 * 'all') or a comment command naming one benchmark.
 */
export interface Acceptance {
  /** 'all', or the exact id (`suite/name`) of one benchmark. */
  target: string;
  /** GitHub login of who accepted. */
  by: string;
  reason: string;
  source: 'label' | 'comment';
  /** The comment that accepted, when one did. */
  url?: string;
}

/** An acceptance as a report applied it: the failing benchmarks it turned into accepted ones. */
export interface AppliedAcceptance extends Acceptance {
  /** Empty when it matched no failing benchmark, so that the comment can say it was not used. */
  benchmarks: string[];
}

export interface Report {
  schema: 'perfgate/report';
  version: 1;
  verdict: Verdict;
  counts: Partial<Record<Verdict, number>>;
  /** The significance level the verdicts used; reports written before it was recorded lack it (0.05 then). */
  alpha?: number;
  baseline: BaselineInfo;
  head: ResultsMeta;
  base: ResultsMeta | null;
  benchmarks: BenchmarkComparison[];
  warnings: string[];
  confirmation?: Confirmation;
  main?: MainReference;
  /** Intended regressions, in the order they were given; unused ones too. */
  acceptances?: AppliedAcceptance[];
}
