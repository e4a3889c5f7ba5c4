import { describe, expect, it } from 'vitest';
import { compareResults } from '../../src/core/compare.js';
import { evaluate } from '../../src/core/evaluate.js';
import { latency, policyOf, replicates, results } from '../helpers/fixtures.js';

// Rounds drift a lot from one to the next (the machine got busier, then calmer), but in every
// round head took 10% longer than base measured beside it.
const drift = [100, 150, 90, 200, 120, 170, 80, 130, 160, 110];
const jitter = [1.001, 0.999, 1.002, 0.998, 1.0, 1.0015, 0.9995, 1.0025, 0.9985, 1.0005];
const base = results([latency('s/a', replicates(drift))]);
const head = results([latency('s/a', replicates(drift.map((v, i) => v * 1.1 * jitter[i]!)))]);

describe('paired comparison of interleaved rounds', () => {
  it('tests the per-round ratios with the signed-rank test', () => {
    const [d] = compareResults(base, head, policyOf(), { confidence: 0.95, seed: 1, paired: true });
    const m = d!.metrics[0]!;
    expect(m.test).toBe('signed-rank');
    // All ten log ratios are positive and distinct: exact two-sided p = 2 / 2^10.
    expect(m.p).toBeCloseTo(2 / 1024, 12);
    expect(m.ratio!).toBeCloseTo(1.1, 2);
    expect(m.ci![0]).toBeGreaterThan(1.09);
    expect(m.ci![1]).toBeLessThan(1.11);
  });

  it('catches a regression that drift hides from an unpaired test', () => {
    const paired = evaluate({ head, base, baseline: { method: 'same-runner', source: 'HEAD~1' }, policy: policyOf({ regression: 0.05 }), paired: true });
    const unpaired = evaluate({ head, base, baseline: { method: 'file', source: 'base.json' }, policy: policyOf({ regression: 0.05 }) });
    expect(paired.verdict).toBe('fail');
    expect(unpaired.benchmarks[0]!.metrics[0]!.test).toBe('mann-whitney');
    expect(unpaired.verdict).not.toBe('fail');
  });

  it('falls back to the unpaired test when the sides have different numbers of rounds', () => {
    const short = results([latency('s/a', replicates(drift.slice(0, 8)))]);
    const [d] = compareResults(short, head, policyOf(), { confidence: 0.95, seed: 1, paired: true });
    expect(d!.metrics[0]!.test).toBe('mann-whitney');
  });
});
