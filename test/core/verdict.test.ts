import { describe, expect, it } from 'vitest';
import { compareResults } from '../../src/core/compare.js';
import type { Policy, Results } from '../../src/core/model.js';
import { decideVerdict } from '../../src/core/verdict.js';
import { latency, policyOf, range, replicates, results } from '../helpers/fixtures.js';

function decide(base: Results | null, head: Results, policy: Policy = policyOf()) {
  return decideVerdict(compareResults(base, head, policy), {
    alpha: 0.05,
    power: 0.8,
    baseline: { method: 'file', source: 'base.json' },
    head: head.meta,
    base: base?.meta ?? null,
    warnings: [],
  });
}

/** n values spread evenly (1 ± spread) around `center`, a deterministic stand-in for noise. */
function spread(center: number, n: number, width: number): number[] {
  return range(0, n).map((i) => center * (1 - width + (2 * width * i) / (n - 1)));
}

describe('decideVerdict', () => {
  it('fails a significant change beyond the threshold', () => {
    const report = decide(results([latency('s/a', replicates(spread(100, 20, 0.03)))]), results([latency('s/a', replicates(spread(120, 20, 0.03)))]));
    const m = report.benchmarks[0]!.metrics[0]!;
    expect(report.verdict).toBe('fail');
    expect(m.verdict).toBe('fail');
    expect(m.ratio!).toBeCloseTo(1.2, 1);
    expect(m.ci![0]).toBeLessThan(1.2);
    expect(m.ci![1]).toBeGreaterThan(1.2);
    expect(m.reasons[0]).toMatch(/^\+20\.0% is significant \(Holm p=.*\) and beyond the 10% threshold$/);
  });

  it('holds back a change beyond the threshold for one benchmark that Holm does not confirm among 12', () => {
    // 4 rounds a side, fully separated: exact Mann–Whitney p = 2 / C(8, 4) = 0.0286; Holm over
    // 12 gated comparisons makes the smallest p 12 × 0.0286 = 0.343. Every pairwise ratio lies
    // in 120/103 … 123.6/100, so the 95% interval is wholly beyond the 10% threshold.
    const ids = range(0, 12).map((i) => `s/b${i}`);
    const baseValues = [100, 101, 102, 103];
    const base = results(ids.map((id) => latency(id, replicates(baseValues))));
    const head = results(ids.map((id, i) => latency(id, replicates(i === 0 ? baseValues.map((v) => v * 1.2) : baseValues))));
    const m = decide(base, head).benchmarks[0]!.metrics[0]!;
    expect(m.verdict).toBe('unstable');
    expect(m.ci![0]).toBeGreaterThan(1.1);
    expect(m.reasons).toEqual([
      '+20.0% is beyond the 10% threshold for this benchmark alone (p=0.029) but not after correcting for 12 gated comparisons (Holm p=0.343); more rounds would decide',
    ]);
  });

  it('passes identical distributions and reports no significant change', () => {
    const values = spread(100, 20, 0.03);
    const report = decide(results([latency('s/a', replicates(values))]), results([latency('s/a', replicates([...values].reverse()))]));
    expect(report.verdict).toBe('pass');
    expect(report.benchmarks[0]!.metrics[0]!.reasons).toEqual(['no significant change']);
  });

  it('warns on a significant change under the threshold', () => {
    const report = decide(results([latency('s/a', replicates(spread(100, 30, 0.01)))]), results([latency('s/a', replicates(spread(105, 30, 0.01)))]));
    const m = report.benchmarks[0]!.metrics[0]!;
    expect(m.verdict).toBe('warn');
    expect(m.reasons[0]).toMatch(/^\+5\.0% is significant \(BH p=.*\) but within the 10% threshold$/);
  });

  it('calls a wide interval unstable and says how many rounds would decide it', () => {
    // Three rounds per side cannot reach significance (the smallest exact p is 0.1), and the
    // interval reaches past +10%: undecidable, not a pass.
    const report = decide(results([latency('s/a', replicates([90, 100, 110]))]), results([latency('s/a', replicates([95, 108, 121]))]));
    const m = report.benchmarks[0]!.metrics[0]!;
    expect(m.verdict).toBe('unstable');
    expect(m.reasons[0]).toMatch(/too wide to decide against the 10% threshold: about \d+ rounds per side would detect it \(has 3;/);
    expect(report.verdict).toBe('unstable');
  });

  it('reports a significant speed-up as improved', () => {
    const report = decide(results([latency('s/a', replicates(spread(100, 20, 0.02)))]), results([latency('s/a', replicates(spread(80, 20, 0.02)))]));
    expect(report.benchmarks[0]!.verdict).toBe('improved');
  });

  it('controls false alarms over the suite with Holm: a borderline p fails alone, not among many', () => {
    // 6 vs 6 fully separated rounds: exact two-sided p = 2 / C(12, 6) = 2/924 = 0.00216.
    // Alone it is significant; among 30 gated tests Holm multiplies the smallest p by 30 -> 0.065.
    const slow = latency('s/slow', replicates([130, 131, 132, 133, 134, 135]));
    const baseSlow = latency('s/slow', replicates([100, 101, 102, 103, 104, 105]));
    expect(decide(results([baseSlow]), results([slow])).verdict).toBe('fail');
    const quiet = range(0, 29).map((i) => latency(`s/q${i}`, replicates([100, 101, 102, 103, 104, 105])));
    const report = decide(results([baseSlow, ...quiet]), results([slow, ...quiet]));
    const m = report.benchmarks[0]!.metrics[0]!;
    expect(m.p).toBeCloseTo(2 / 924, 12);
    expect(m.pHolm).toBeCloseTo(30 * (2 / 924), 12);
    expect(m.verdict).not.toBe('fail');
  });

  it('applies absolute limits to the gated statistic of head', () => {
    const rule = { statistic: 'p95' as const, regression: null, limits: { warn: 150, critical: 200 } };
    const at = (v: number) => results([latency('h/get', replicates(spread(v, 10, 0.01)))]);
    expect(decide(at(100), at(100), policyOf(rule)).verdict).toBe('pass');
    expect(decide(at(100), at(160), policyOf(rule)).verdict).toBe('warn');
    const critical = decide(at(100), at(230), policyOf(rule));
    expect(critical.verdict).toBe('critical');
    expect(critical.benchmarks[0]!.metrics[0]!.reasons[0]).toMatch(/^p95 23\d ms is above the critical limit 200 ms$/);
  });

  it('warns within 20% of a fail limit when no warn level is set (bigger is better)', () => {
    const throughput = (v: number) =>
      results([{ id: 'h/rps', suite: 'h', name: 'rps', metrics: [{ name: 'throughput', unit: 'ops/s', direction: 'bigger', value: v }] }]);
    const rule = { statistic: 'mean' as const, regression: null, limits: { fail: 80 } };
    expect(decide(throughput(100), throughput(100), policyOf(rule)).verdict).toBe('pass');
    expect(decide(throughput(100), throughput(90), policyOf(rule)).verdict).toBe('warn');
    expect(decide(throughput(100), throughput(70), policyOf(rule)).verdict).toBe('fail');
  });

  it('fails a throughput fall beyond its threshold when only summaries exist, and says so', () => {
    const throughput = (v: number) =>
      results([{ id: 'h/rps', suite: 'h', name: 'rps', metrics: [{ name: 'throughput', unit: 'ops/s', direction: 'bigger', value: v }] }]);
    const report = decide(throughput(100), throughput(80), policyOf({ statistic: 'mean', regression: 0.15 }));
    expect(report.verdict).toBe('fail');
    expect(report.benchmarks[0]!.metrics[0]!.reasons).toEqual(['-20.0% is beyond the 15% threshold', 'compared summaries: no rounds to estimate the noise']);
  });

  it('reports but never fails a metric that is not gated', () => {
    const report = decide(
      results([latency('s/a', replicates(spread(100, 20, 0.01)))]),
      results([latency('s/a', replicates(spread(150, 20, 0.01)))]),
      policyOf({ gate: false }),
    );
    expect(report.verdict).toBe('warn');
    expect(report.benchmarks[0]!.metrics[0]!.reasons).toContain('report-only metric: not gated');
  });

  it('rolls up new, missing and error benchmarks, worst first', () => {
    const report = decide(
      results([latency('s/a', replicates([1, 2, 3])), latency('s/gone', replicates([1, 2, 3]))]),
      results([latency('s/a', [], 'round 2 exited with code 1: boom'), latency('s/new', replicates([1, 2, 3]))]),
    );
    expect(report.benchmarks.map((b) => [b.id, b.verdict])).toEqual([
      ['s/a', 'error'],
      ['s/new', 'new'],
      ['s/gone', 'missing'],
    ]);
    expect(report.verdict).toBe('error');
    expect(report.counts).toEqual({ error: 1, new: 1, missing: 1 });
  });
});

describe('report-only metrics', () => {
  it('pass where a gated metric would be unstable: without a gate there is nothing to decide', () => {
    const base = results([latency('s/a', replicates([100, 90, 110]))]);
    const head = results([latency('s/a', replicates([104, 92, 118]))]);
    expect(decide(base, head).benchmarks[0]!.metrics[0]!.verdict).toBe('unstable');
    const m = decide(base, head, policyOf({ gate: false })).benchmarks[0]!.metrics[0]!;
    expect([m.verdict, m.reasons]).toEqual(['pass', ['no significant change (report-only metric: not gated)']]);
  });
});
