import { describe, expect, it } from 'vitest';
import { compareResults } from '../../src/core/compare.js';
import { evaluate } from '../../src/core/evaluate.js';
import { appendHistory, bandKey, historyPoint, learnNoiseBands, mainReference } from '../../src/core/history.js';
import { sparkline } from '../../src/core/render/rows.js';
import type { HistoryPoint } from '../../src/core/model.js';
import { latency, policyOf, results } from '../helpers/fixtures.js';

function point(commit: string, median: number): HistoryPoint {
  return { commit, values: { 's/a': { latency: { median } } } };
}

describe('history of main', () => {
  it('reduces a run to its pooled statistics per metric', () => {
    // Pooled samples 1..5: type-7 p95 = 4 + 0.8 · (5 - 4) = 4.8, p99 = 4 + 0.96 = 4.96.
    const p = historyPoint(results([latency('s/a', [[1, 2, 3], [4, 5]])]));
    expect(p.values).toEqual({ 's/a': { latency: { mean: 3, median: 3, p95: 4.8, p99: 4.96, min: 1, max: 5 } } });
  });

  it('keeps the newest first, one point per commit, within the cap', () => {
    const history = [point('b', 2), point('a', 1)];
    expect(appendHistory(history, point('c', 3)).map((p) => p.commit)).toEqual(['c', 'b', 'a']);
    expect(appendHistory(history, point('a', 9)).map((p) => [p.commit, p.values['s/a']!['latency']!.median])).toEqual([
      ['a', 9],
      ['b', 2],
    ]);
    expect(appendHistory(history, point('c', 3), 2).map((p) => p.commit)).toEqual(['c', 'b']);
  });

  it('learns the run-to-run spread on the log scale, robustly, from 3 runs on', () => {
    // numpy: v = log([100, 110, 90, 100, 105]); 1.4826 * median(|v - median(v)|) = 0.0723362973975988
    const history = [100, 110, 90, 100, 105].map((m, i) => point(`c${i}`, m));
    const bands = learnNoiseBands(history, () => 'median');
    expect(bands.get(bandKey('s/a', 'latency'))!.spread).toBeCloseTo(0.0723362973975988, 14);
    expect(bands.get(bandKey('s/a', 'latency'))!.runs).toBe(5);
    expect(learnNoiseBands(history.slice(0, 2), () => 'median').size).toBe(0);
    // The gated statistic decides which number is read; a run without it does not count.
    expect(learnNoiseBands(history, () => 'p95').size).toBe(0);
  });

  it('widens a comparison with another run by √2 times the spread, and p with it', () => {
    // Every round of base is 10 and of head 12: the rounds alone give ratio 1.2 with a zero-width
    // interval and Mann–Whitney p = 2 / C(20, 10). scipy, with s = 0.0723362973975988,
    // b = sqrt(2) * s, z = norm.ppf(0.975): ci = 1.2 * exp(∓z·b) = [0.9819835271042421, 1.466419710976615],
    // p = 2 * (1 - norm.cdf(log(1.2) / b)) = 0.07470972725219793.
    const base = results([latency('s/a', Array.from({ length: 10 }, () => [10, 10, 10]))]);
    const head = results([latency('s/a', Array.from({ length: 10 }, () => [12, 12, 12]))]);
    const band = { spread: 0.0723362973975988, runs: 5 };
    const [delta] = compareResults(base, head, policyOf(), { confidence: 0.95, seed: 1, noiseBands: new Map([[bandKey('s/a', 'latency'), band]]) });
    const m = delta!.metrics[0]!;
    expect(m.test).toBe('noise-band');
    expect(m.ratio).toBeCloseTo(1.2, 12);
    expect(m.ci![0]).toBeCloseTo(0.9819835271042421, 6);
    expect(m.ci![1]).toBeCloseTo(1.466419710976615, 6);
    expect(m.p).toBeCloseTo(0.07470972725219793, 6);
    expect(m.noiseBand).toEqual(band);
  });

  it('turns a 20% change that one run of main could show by luck from fail into unstable', () => {
    const base = results([latency('s/a', Array.from({ length: 10 }, () => [10, 10, 10]))]);
    const head = results([latency('s/a', Array.from({ length: 10 }, () => [12, 12, 12]))]);
    const info = { method: 'artifact' as const, source: 'artifact #1' };
    const plain = evaluate({ head, base, baseline: info, policy: policyOf() });
    expect(plain.benchmarks[0]!.verdict).toBe('fail');
    const history = [100, 110, 90, 100, 105].map((m, i) => point(`c${i}`, m));
    const widened = evaluate({ head, base, baseline: info, policy: policyOf(), history });
    const metric = widened.benchmarks[0]!.metrics[0]!;
    expect(metric.verdict).toBe('unstable');
    expect(metric.reasons.at(-1)).toBe("interval widened by main's run-to-run spread (7.5% over 5 runs)");
    // Paired rounds of one A/B run never carry another run's luck: the history is ignored there.
    const paired = evaluate({ head, base, baseline: { method: 'same-runner', source: 'commit x' }, policy: policyOf(), history, paired: true });
    expect(paired.benchmarks[0]!.metrics[0]!.test).toBe('signed-rank');
  });
});

describe('the main column', () => {
  it('gives main\'s value of each gated statistic, newest first, the artifact before its history', () => {
    const head = results([latency('s/a', [[12, 12, 12]]), latency('s/new', [[1, 1, 1]])]);
    const report = evaluate({ head, base: head, baseline: { method: 'same-runner', source: 'commit x' }, policy: policyOf() });
    const main = results([latency('s/a', [[10, 11, 12]])], { commit: 'm3' });
    const history = [point('m2', 9), point('m1', 8)];
    expect(mainReference(report, main, { method: 'artifact', source: 'artifact #7', commit: 'm3' }, history)).toEqual({
      source: 'artifact #7',
      commit: 'm3',
      values: { 's/a': { latency: [11, 9, 8] } },
    });
  });

  it('draws a sparkline between the series\' own extremes, flat when it is flat', () => {
    expect(sparkline([8, 9, 11])).toBe('▁▃█');
    expect(sparkline([5, 5])).toBe('▄▄');
    expect(sparkline([5])).toBe('');
  });
});
