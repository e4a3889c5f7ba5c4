/**
 * Settings -> Policy: which rule applies to a benchmark's metric. Pure.
 *
 * Precedence, least specific first; each level overrides only the fields it sets, and limits
 * merge level by level (warn, fail, critical separately):
 *   built-in defaults for the suite's type < `defaults.thresholds` < the suite's `thresholds`
 *   < the suite's `benchmarks[name].thresholds`.
 */
import type { MetricPolicy, Policy } from '../core/model.js';
import type { Settings, SuiteSettings, ThresholdRule } from './settings.js';

export type SuiteKind = SuiteSettings['type'];

/** The rule for a metric no table names: a 10% rise of the median fails. */
export const FALLBACK_RULE: MetricPolicy = {
  statistic: 'median',
  regression: 0.1,
  criticalRegression: null,
  limits: {},
  gate: true,
};

const SUCCESS_RATE: ThresholdRule = { statistic: 'mean', regression: null, limits: { warn: 99, critical: 95 } };

/**
 * Built-in defaults per suite type (DESIGN "Verdicts"). Micro-benchmarks gate the median latency,
 * where the tail is mostly GC and scheduler luck; HTTP services gate p95 and have absolute budgets.
 */
export const BUILTIN_THRESHOLDS: Record<SuiteKind, Record<string, ThresholdRule>> = {
  tinybench: {
    latency: { statistic: 'median', regression: 0.1 },
    // Shown when it says something (a possible leak, see core/leak.ts); gated only when configured.
    'heap-growth': { statistic: 'median', regression: null, gate: false },
    throughput: { statistic: 'mean', regression: 0.15 },
    'success-rate': SUCCESS_RATE,
  },
  command: {
    latency: { statistic: 'median', regression: 0.1 },
    // Memory and CPU time move with inputs and runtimes more than with the code: shown, not gated,
    // until a suite asks for them.
    rss: { gate: false },
    'cpu-user': { gate: false },
    'cpu-system': { gate: false },
  },
  import: {
    latency: { statistic: 'median', regression: 0.1 },
    rss: { gate: false },
    'cpu-user': { gate: false },
    'cpu-system': { gate: false },
    throughput: { statistic: 'mean', regression: 0.15 },
    'success-rate': SUCCESS_RATE,
  },
  http: {
    rss: { gate: false },
    cpu: { gate: false },
    latency: { statistic: 'p95', regression: 0.1, limits: { warn: 150, critical: 200 } },
    throughput: { statistic: 'mean', regression: 0.15, limits: { warn: 100, fail: 80 } },
    'success-rate': SUCCESS_RATE,
  },
};

/** Benchmarks of a suite the settings do not name (imported results) get micro-benchmark defaults. */
const DEFAULT_KIND: SuiteKind = 'tinybench';

export function createPolicy(settings: Settings): Policy {
  const suites = new Map(settings.suites.map((suite) => [suite.name, suite]));
  return {
    alpha: settings.alpha,
    power: settings.power,
    metricPolicy(benchmark, metric) {
      const suite = suites.get(benchmark.suite);
      const name = metric.name;
      return resolveRule(
        own(BUILTIN_THRESHOLDS[suite?.type ?? DEFAULT_KIND], name),
        own(settings.thresholds, name),
        own(suite?.thresholds, name),
        own(own(suite?.benchmarks, benchmark.name)?.thresholds, name),
      );
    },
  };
}

/** Applies partial rules over FALLBACK_RULE, later ones winning field by field. */
export function resolveRule(...rules: (ThresholdRule | undefined)[]): MetricPolicy {
  const out: MetricPolicy = { ...FALLBACK_RULE, limits: { ...FALLBACK_RULE.limits } };
  for (const rule of rules) {
    if (!rule) continue;
    if (rule.statistic !== undefined) out.statistic = rule.statistic;
    if (rule.regression !== undefined) out.regression = rule.regression;
    if (rule.criticalRegression !== undefined) out.criticalRegression = rule.criticalRegression;
    if (rule.gate !== undefined) out.gate = rule.gate;
    for (const level of ['warn', 'fail', 'critical'] as const) {
      const value = rule.limits?.[level];
      if (value !== undefined) out.limits[level] = value;
    }
  }
  return out;
}

/** Names come from result files; "constructor" must not find Object.prototype.constructor. */
function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
