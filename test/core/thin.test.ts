import { describe, expect, it } from 'vitest';
import type { NonEmpty } from '../../src/core/model.js';
import { createRandom, MAX_SAMPLES_PER_ROUND, selectMedian, summarize, thinSamples } from '../../src/core/stats.js';

const sequence = (n: number, at: (i: number) => number) => Array.from({ length: n }, (_, i) => at(i)) as NonEmpty<number>;

describe('thinning a round to at most so many samples', () => {
  it('returns a round that fits unchanged', () => {
    const round: NonEmpty<number> = [3, 1, 2];
    expect(thinSamples(round, 3)).toBe(round);
    expect(thinSamples(sequence(MAX_SAMPLES_PER_ROUND, (i) => i))).toHaveLength(MAX_SAMPLES_PER_ROUND);
  });

  it('takes the first index of each of `limit` equal slots, in time order', () => {
    // n = 10, limit = 4: slots start at floor(i·10/4) = 0, 2, 5, 7. Minimum (index 0) and maximum
    // (index 7, value 9) already start their slots.
    expect(thinSamples([0, 1, 2, 3, 4, 5, 6, 9, 8, 7], 4)).toEqual([0, 2, 5, 9]);
  });

  it('puts the minimum and maximum in place of their slots\' picks', () => {
    // Slots start at 0, 2, 5, 7. The maximum 50 (index 3) takes slot 1, the minimum 0.5 (index 8) slot 3.
    expect(thinSamples([4, 4, 4, 50, 4, 4, 4, 4, 0.5, 4], 4)).toEqual([4, 50, 4, 0.5]);
  });

  it('gives two extremes in one slot that slot and the next', () => {
    // Slots start at 0, 3, 6 (n = 9, limit = 3). Minimum (index 1) and maximum (index 2) share slot 0.
    expect(thinSamples([5, 1, 9, 5, 5, 5, 5, 5, 5], 3)).toEqual([1, 9, 5]);
    // Both in the last slot: that slot and the one before it.
    expect(thinSamples([5, 5, 5, 5, 5, 5, 5, 9, 1], 3)).toEqual([5, 9, 1]);
  });

  it('keeps a constant round constant', () => {
    expect(thinSamples([2, 2, 2, 2, 2], 2)).toEqual([2, 2]);
  });

  it('keeps min, max and time order, and the median and p95 of 470,000 samples within 1% of all of them', () => {
    const random = createRandom(7);
    // A 40 ns task: a floor, a slow drift, and a long right tail (GC, interrupts).
    const round = sequence(470_000, (i) => 0.00004 * (1 + i / 4_700_000) * (1 + (random() < 0.02 ? 20 * random() : 0.1 * random())));
    const thin = thinSamples(round);
    expect(thin).toHaveLength(1000);
    const all = summarize(round);
    const kept = summarize(thin);
    expect([kept.min, kept.max]).toEqual([all.min, all.max]);
    expect(Math.abs(kept.median / all.median - 1)).toBeLessThan(0.01);
    expect(Math.abs(kept.p95 / all.p95 - 1)).toBeLessThan(0.01);
    expect(selectMedian(thin.slice(0, 500))).toBeLessThan(selectMedian(thin.slice(500)));
  });

  it('refuses a limit below 2', () => {
    expect(() => thinSamples([1, 2, 3], 1)).toThrow('thinSamples: limit must be an integer >= 2, got 1');
  });
});
