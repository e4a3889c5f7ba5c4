import type { BenchmarkResult, MetricPolicy, NonEmpty, Policy, Results } from '../../src/core/model.js';

export function latency(id: string, rounds: number[][], error?: string): BenchmarkResult {
  const [suite, name] = id.includes('/') ? (id.split('/') as [string, string]) : ['', id];
  return {
    id,
    suite,
    name,
    metrics: rounds.length > 0 ? [{ name: 'latency', unit: 'ms', direction: 'smaller', rounds: rounds as NonEmpty<number>[] }] : [],
    ...(error ? { error } : {}),
  };
}

/** One sample per round: the shape of the minimal results form. */
export function replicates(values: number[]): number[][] {
  return values.map((v) => [v]);
}

export function results(benchmarks: BenchmarkResult[], meta: Results['meta'] = {}): Results {
  return { schema: 'perfgate/results', version: 1, meta, benchmarks, warnings: [] };
}

export const DEFAULT_RULE: MetricPolicy = {
  statistic: 'median',
  regression: 0.1,
  criticalRegression: null,
  limits: {},
  gate: true,
};

export function policyOf(rule: Partial<MetricPolicy> = {}, overrides: Record<string, Partial<MetricPolicy>> = {}): Policy {
  return {
    alpha: 0.05,
    power: 0.8,
    metricPolicy: (benchmark, metric) => ({ ...DEFAULT_RULE, ...rule, ...(overrides[`${benchmark.suite}/${benchmark.name}`] ?? {}), ...(overrides[metric.name] ?? {}) }),
  };
}

export function range(start: number, count: number, step = 1): number[] {
  return Array.from({ length: count }, (_, i) => start + i * step);
}
