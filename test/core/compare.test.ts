import { describe, expect, it } from 'vitest';
import { compareResults } from '../../src/core/compare.js';
import { latency, policyOf, range, replicates, results } from '../helpers/fixtures.js';

describe('compareResults', () => {
  it('estimates the ratio over rounds and tests the per-round medians', () => {
    // base rounds have medians 100..109, head rounds exactly 1.2 times those: every pairwise
    // log ratio is log(1.2) + log(b_j / b_i), whose median is log(1.2) because the set of
    // log(b_j / b_i) is symmetric around 0. The groups do not overlap, so the exact two-sided
    // Mann–Whitney p is 2 / C(20, 10) = 2 / 184756.
    const baseRounds = range(100, 10).map((m) => [m - 1, m, m + 1]);
    const headRounds = range(100, 10).map((m) => [1.2 * m - 1, 1.2 * m, 1.2 * m + 1]);
    const [delta] = compareResults(results([latency('s/a', baseRounds)]), results([latency('s/a', headRounds)]), policyOf());
    const m = delta!.metrics[0]!;
    expect(m.test).toBe('mann-whitney');
    expect(m.ratio).toBeCloseTo(1.2, 12);
    expect(m.p).toBeCloseTo(2 / 184756, 15);
    expect(m.baseValue).toBe(104.5);
    expect(m.headValue).toBeCloseTo(125.4, 10);
    expect(m.ci![0]).toBeGreaterThan(1.1);
    expect(m.ci![1]).toBeLessThan(1.3);
    expect(m.replicates).toEqual({ base: 10, head: 10 });
    expect(m.base!.rounds).toBe(10);
    expect(m.base!.n).toBe(30);
  });

  it('treats each sample of the minimal form as its own replicate', () => {
    const [delta] = compareResults(results([latency('x', replicates([1, 2, 3, 4]))]), results([latency('x', replicates([1, 2, 3, 4]))]), policyOf());
    const m = delta!.metrics[0]!;
    expect(m.replicates).toEqual({ base: 4, head: 4 });
    expect(m.p).toBe(1);
    expect(m.ratio).toBeCloseTo(1, 12);
  });

  it('uses a bootstrap over rounds for tail statistics', () => {
    const baseRounds = range(0, 8).map((r) => range(10 + r, 20));
    const headRounds = baseRounds.map((round) => round.map((v) => v * 1.5));
    const base = results([latency('s/t', baseRounds)]);
    const head = results([latency('s/t', headRounds)]);
    const [a] = compareResults(base, head, policyOf({ statistic: 'p95' }));
    const [b] = compareResults(base, head, policyOf({ statistic: 'p95' }));
    const m = a!.metrics[0]!;
    expect(m.test).toBe('bootstrap');
    // Scaling every sample by 1.5 scales the pooled p95 by exactly 1.5.
    expect(m.ratio).toBeCloseTo(1.5, 12);
    expect(m.ci).toEqual(b!.metrics[0]!.ci);
  });

  it('marks benchmarks only in head as new and only in base as missing, head order first', () => {
    const deltas = compareResults(
      results([latency('s/old', replicates([1, 2])), latency('s/both', replicates([1, 2]))]),
      results([latency('s/both', replicates([1, 2])), latency('s/new', replicates([1, 2]))]),
      policyOf(),
    );
    expect(deltas.map((d) => [d.id, d.presence])).toEqual([
      ['s/both', 'both'],
      ['s/new', 'new'],
      ['s/old', 'missing'],
    ]);
  });

  it('compares summaries when a source only gives values', () => {
    const summary = (value: number) => results([{ id: 'i/v', suite: 'i', name: 'v', metrics: [{ name: 'latency', unit: 'ms', direction: 'smaller', value }] }]);
    const [d] = compareResults(summary(10), summary(12), policyOf());
    const m = d!.metrics[0]!;
    expect(m.test).toBe('summaries');
    expect(m.ratio).toBeCloseTo(1.2, 12);
    expect(m.p).toBeNull();
    expect(m.ci).toBeNull();
  });

  it('carries a head error through', () => {
    const [d] = compareResults(results([latency('s/a', replicates([1, 2]))]), results([latency('s/a', [], 'round 1 timed out after 100 ms')]), policyOf());
    expect(d!.error).toBe('round 1 timed out after 100 ms');
  });
});
