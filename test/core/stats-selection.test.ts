import { describe, expect, it } from 'vitest';
import { createRandom, selectMedian, summarize, summarizeInPlace, summarizeRounds } from '../../src/core/stats.js';

/** The selection-based summary must agree exactly with the sort-based one (itself checked against numpy). */
describe('summary by selection', () => {
  const random = createRandom(42);
  const cases: number[][] = [[5], [2, 1], [3, 1, 2], [1, 1, 1, 1], [4, 4, 1, 9, 4, 4]];
  for (const n of [7, 8, 100, 101, 1000]) cases.push(Array.from({ length: n }, () => Math.round(random() * 50) / 10));
  for (const n of [99, 1000]) cases.push(Array.from({ length: n }, () => Math.exp(random() * 3)));

  cases.forEach((values, i) => {
    it(`case ${i} (n=${values.length}) matches summarize`, () => {
      const bySelection = summarizeInPlace(new Float64Array(values));
      const bySort = summarize(values);
      // Order statistics are exact; sums differ only in the order of floating-point additions.
      for (const key of ['n', 'min', 'max', 'median', 'p50', 'p95', 'p99', 'robustCv'] as const) expect(bySelection[key]).toBe(bySort[key]);
      for (const key of ['mean', 'sd', 'cv'] as const) expect(bySelection[key]).toBeCloseTo(bySort[key], 12);
      expect(selectMedian(values)).toBe(summarize(values).median);
    });
  });

  it('summarizeRounds pools rounds and takes the medians per round', () => {
    const rounds = [
      [3, 1, 2],
      [10, 20],
      [5, 5, 6, 7],
    ];
    const s = summarizeRounds(rounds, true);
    const pooled = summarize(rounds.flat());
    expect(s).toMatchObject({ n: 9, min: 1, max: 20, median: pooled.median, p95: pooled.p95, rounds: 3, roundCv: summarize([2, 15, 5.5]).robustCv });
    expect(s.mean).toBeCloseTo(pooled.mean, 12);
    expect(s.opsPerSecond).toBeCloseTo(1000 / summarize(rounds.flat()).mean, 12);
  });
});
