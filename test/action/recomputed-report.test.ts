import { describe, expect, it } from 'vitest';
import { sameRunnerReport } from '../../src/action/recomputed-report.js';
import type { SuiteSettings } from '../../src/config/settings.js';
import { latency, policyOf, replicates, results } from '../helpers/fixtures.js';

// Rounds drift from one to the next, but in each round head took 10% longer than base beside it:
// only a paired comparison sees it (test/core/paired.test.ts).
const drift = [100, 150, 90, 200, 120, 170, 80, 130, 160, 110];
const jitter = [1.001, 0.999, 1.002, 0.998, 1.0, 1.0015, 0.9995, 1.0025, 0.9985, 1.0005];
const base = results([latency('s/a', replicates(drift)), latency('s/b', replicates(drift))]);
const head = results([latency('s/a', replicates(drift.map((v, i) => v * 1.1 * jitter[i]!))), latency('s/b', replicates(drift))]);
const BASE_SHA = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
const suite = (type: SuiteSettings['type']) => [{ name: 's', type }] as unknown as SuiteSettings[];

describe('the verdict of a same-runner run, decided again from its results files', () => {
  it('pairs the rounds of the suites the base configuration interleaves, and names the base commit', () => {
    const report = sameRunnerReport({ head, base, baseSha: BASE_SHA, suites: suite('tinybench'), policy: policyOf({ regression: 0.05 }) });
    expect(report.verdict).toBe('fail');
    expect(report.benchmarks[0]!.metrics[0]!.test).toBe('signed-rank');
    expect(report.baseline).toEqual({ method: 'same-runner', source: `commit ${BASE_SHA.slice(0, 12)} (${BASE_SHA})`, commit: BASE_SHA });
    expect(report.confirmation).toBeUndefined();
  });

  it('does not pair a suite the base configuration runs once a side', () => {
    const report = sameRunnerReport({ head, base, baseSha: BASE_SHA, suites: suite('import'), policy: policyOf({ regression: 0.05 }) });
    expect(report.benchmarks[0]!.metrics[0]!.test).toBe('mann-whitney');
  });

  it('reads confirmed and cleared off its own verdict, keeping only benchmarks the results hold', () => {
    const report = sameRunnerReport({
      head,
      base,
      baseSha: BASE_SHA,
      suites: suite('tinybench'),
      policy: policyOf({ regression: 0.05 }),
      confirmation: { rounds: 4, benchmarks: ['s/a', 's/b', 'nowhere/x', 's/a'], stopped: 'the 60 s confirmation budget ran out' },
    });
    expect(report.confirmation).toEqual({ rounds: 4, benchmarks: ['s/a', 's/b'], confirmed: ['s/a'], cleared: ['s/b'], stopped: 'the 60 s confirmation budget ran out' });
  });
});
