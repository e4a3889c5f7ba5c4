import { describe, expect, it } from 'vitest';
import { failureMessage } from '../../src/action/fail-policy.js';
import type { Report, Verdict } from '../../src/core/model.js';

function report(verdicts: Verdict[]): Report {
  return {
    schema: 'perfgate/report',
    version: 1,
    verdict: verdicts[0] ?? 'pass',
    counts: {},
    baseline: { method: 'committed', source: 'baselines/perfgate.json' },
    head: {},
    base: null,
    benchmarks: verdicts.map((verdict, i) => ({ id: `s/b${i}`, suite: 's', name: `b${i}`, verdict, metrics: [] })),
    warnings: [],
  };
}

describe('failureMessage', () => {
  it('fails on fail, critical and error under fail-on: fail', () => {
    expect(failureMessage(report(['pass', 'fail']), 'fail')).toBe('perfgate: 1 benchmark(s) regressed: s/b1');
    expect(failureMessage(report(['critical', 'fail']), 'fail')).toBe('perfgate: 1 benchmark(s) breached a critical limit: s/b0');
    expect(failureMessage(report(['error']), 'fail')).toBe('perfgate: 1 benchmark(s) could not run: s/b0');
    expect(failureMessage(report(['warn', 'unstable', 'improved', 'new', 'missing', 'pass']), 'fail')).toBeNull();
  });

  it('fails only on critical under fail-on: critical, and never under never', () => {
    expect(failureMessage(report(['fail', 'error']), 'critical')).toBeNull();
    expect(failureMessage(report(['critical']), 'critical')).toMatch(/critical limit/);
    expect(failureMessage(report(['critical', 'fail']), 'never')).toBeNull();
  });

  it('names at most five benchmarks', () => {
    expect(failureMessage(report(Array(7).fill('fail')), 'fail')).toBe('perfgate: 7 benchmark(s) regressed: s/b0, s/b1, s/b2, s/b3, s/b4 and 2 more');
  });
});
