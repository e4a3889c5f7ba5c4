import { describe, expect, it } from 'vitest';
import { BUILTIN_THRESHOLDS, createPolicy, resolveRule } from '../../src/config/resolve-policy.js';
import type { Settings, SuiteSettings, TinybenchSuiteSettings } from '../../src/config/settings.js';
import type { Direction, MetricPolicy } from '../../src/core/model.js';

function suite(name: string, rest: Partial<TinybenchSuiteSettings> = {}): SuiteSettings {
  return {
    name,
    type: 'tinybench',
    file: `/r/${name}.bench.ts`,
    rounds: 10,
    timeMs: 1000,
    warmupMs: 50,
    minSamples: 100,
    timeoutMs: 60_000,
    thresholds: {},
    benchmarks: {},
    ...rest,
  };
}

function settings(rest: Partial<Settings> = {}): Settings {
  return {
    configPath: '/r/perfgate.yml',
    rootDir: '/r',
    baseline: { source: 'auto', path: '/r/baselines/perfgate.json' },
    compare: { method: 'auto', setupTimeoutMs: 600_000, confirmRounds: 10, confirmTimeMs: 60_000, pinCpu: null },
    log: { entries: 1000, artifacts: 5, changePoints: { minShift: 0.05, alpha: 0.01 } },
    rollback: { enabled: true, regression: 0.5, comment: true, issue: true, labels: ['perfgate:rollback'], mentions: [] },
    accept: { label: 'perfgate:accept', command: '/perfgate accept' },
    alpha: 0.05,
    power: 0.8,
    thresholds: {},
    suites: [suite('core')],
    ...rest,
  };
}

const METRICS: Record<string, { name: string; unit: string; direction: Direction }> = {
  latency: { name: 'latency', unit: 'ms', direction: 'smaller' },
  throughput: { name: 'throughput', unit: 'ops/s', direction: 'bigger' },
  'success-rate': { name: 'success-rate', unit: '%', direction: 'bigger' },
  rss: { name: 'rss', unit: 'B', direction: 'smaller' },
};

const rule = (s: Settings, suiteName: string, benchmark: string, metric: string): MetricPolicy =>
  createPolicy(s).metricPolicy({ suite: suiteName, name: benchmark }, METRICS[metric]!);

describe('createPolicy', () => {
  it('passes alpha and power through', () => {
    const policy = createPolicy(settings({ alpha: 0.01, power: 0.9 }));
    expect([policy.alpha, policy.power]).toEqual([0.01, 0.9]);
  });

  it('has built-in defaults for micro-benchmarks', () => {
    const s = settings();
    expect(rule(s, 'core', 'x', 'latency')).toStrictEqual({ statistic: 'median', regression: 0.1, criticalRegression: null, limits: {}, gate: true });
    expect(rule(s, 'core', 'x', 'throughput')).toStrictEqual({ statistic: 'mean', regression: 0.15, criticalRegression: null, limits: {}, gate: true });
    expect(rule(s, 'core', 'x', 'success-rate')).toStrictEqual({
      statistic: 'mean',
      regression: null,
      criticalRegression: null,
      limits: { warn: 99, critical: 95 },
      gate: true,
    });
    expect(rule(s, 'core', 'x', 'rss')).toStrictEqual({ statistic: 'median', regression: 0.1, criticalRegression: null, limits: {}, gate: true });
  });

  it('merges defaults < settings < suite < benchmark, field by field and limit by limit', () => {
    const s = settings({
      thresholds: { latency: { regression: 0.05, limits: { warn: 150, fail: 200 }, criticalRegression: 0.5 } },
      suites: [
        suite('core', {
          thresholds: { latency: { statistic: 'p95', limits: { fail: 250 } } },
          benchmarks: { 'parse big': { thresholds: { latency: { regression: 0.2, limits: { critical: 400 }, gate: false } } } },
        }),
        suite('other'),
      ],
    });
    expect(rule(s, 'core', 'parse big', 'latency')).toStrictEqual({
      statistic: 'p95',
      regression: 0.2,
      criticalRegression: 0.5,
      limits: { warn: 150, fail: 250, critical: 400 },
      gate: false,
    });
    expect(rule(s, 'core', 'parse small', 'latency')).toStrictEqual({
      statistic: 'p95',
      regression: 0.05,
      criticalRegression: 0.5,
      limits: { warn: 150, fail: 250 },
      gate: true,
    });
    expect(rule(s, 'other', 'parse big', 'latency')).toStrictEqual({
      statistic: 'median',
      regression: 0.05,
      criticalRegression: 0.5,
      limits: { warn: 150, fail: 200 },
      gate: true,
    });
    // Other metrics of the same benchmark are untouched.
    expect(rule(s, 'core', 'parse big', 'throughput').regression).toBe(0.15);
  });

  it('lets a more specific level switch a check off with null', () => {
    const s = settings({ suites: [suite('core', { benchmarks: { noisy: { thresholds: { latency: { regression: null } } } } })] });
    expect(rule(s, 'core', 'noisy', 'latency').regression).toBeNull();
    expect(rule(s, 'core', 'calm', 'latency').regression).toBe(0.1);
  });

  it('gives benchmarks of suites it does not know the defaults and the file-wide thresholds', () => {
    const s = settings({ thresholds: { throughput: { regression: 0.3 } } });
    expect(rule(s, 'imported', 'x', 'throughput')).toStrictEqual({ statistic: 'mean', regression: 0.3, criticalRegression: null, limits: {}, gate: true });
  });

  it('does not mistake Object.prototype members for rules, and hands out fresh objects', () => {
    const policy = createPolicy(settings());
    const metric = { name: 'constructor', unit: '', direction: 'smaller' as const };
    const first = policy.metricPolicy({ suite: 'core', name: 'toString' }, metric);
    expect(first).toStrictEqual({ statistic: 'median', regression: 0.1, criticalRegression: null, limits: {}, gate: true });
    first.limits.fail = 1;
    expect(policy.metricPolicy({ suite: 'core', name: 'x' }, metric).limits).toStrictEqual({});
  });
});

describe('built-in defaults for HTTP suites', () => {
  it('gate p95 latency and hold the absolute budgets', () => {
    expect(resolveRule(BUILTIN_THRESHOLDS.http.latency)).toStrictEqual({
      statistic: 'p95',
      regression: 0.1,
      criticalRegression: null,
      limits: { warn: 150, critical: 200 },
      gate: true,
    });
    expect(resolveRule(BUILTIN_THRESHOLDS.http.throughput)).toStrictEqual({
      statistic: 'mean',
      regression: 0.15,
      criticalRegression: null,
      limits: { warn: 100, fail: 80 },
      gate: true,
    });
    expect(resolveRule(BUILTIN_THRESHOLDS.http['success-rate']).limits).toStrictEqual({ warn: 99, critical: 95 });
  });
});
