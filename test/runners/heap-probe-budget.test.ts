import { describe, expect, it } from 'vitest';
import { collectionBudgetMs, heapProbeScale, probeIterations } from '../../src/runners/heap-probe.js';

describe('the heap probe budget', () => {
  it('probes every k-th round with k shares, so that at least four rounds probe and the total stays one share per round', () => {
    const probed = (rounds: number) => Array.from({ length: rounds }, (_, i) => heapProbeScale(i + 1, rounds));
    // The defaults (20 rounds): rounds 1, 6, 11 and 16, each with five rounds' share.
    expect(probed(20)).toEqual([5, 0, 0, 0, 0, 5, 0, 0, 0, 0, 5, 0, 0, 0, 0, 5, 0, 0, 0, 0]);
    expect(probed(10)).toEqual([2, 0, 2, 0, 2, 0, 2, 0, 2, 0]);
    // Fewer than eight rounds: every round probes, as does a confirmation round (one round of one).
    expect(probed(7)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(probed(1)).toEqual([1]);
    for (const rounds of [1, 3, 4, 8, 9, 20, 23, 50]) {
      const scales = probed(rounds);
      expect(scales.filter((s) => s > 0).length).toBeGreaterThanOrEqual(Math.min(rounds, 4));
      expect(scales.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(rounds + Math.floor(rounds / 4));
    }
  });

  it('gives a probed round room for its collections at the defaults: 22 collections of 10 ms fit in five shares of 50 ms', () => {
    const share = 1000 / 20;
    expect(22 * 10).toBeGreaterThan(collectionBudgetMs(share));
    expect(22 * 10).toBeLessThanOrEqual(collectionBudgetMs(share * heapProbeScale(1, 20)));
  });

  it('sizes the probe runs to a quarter of the scaled time: 16 runs of n iterations', () => {
    // 250 ms × 1/4 = 62.5 ms over 16 runs of 0.1 ms iterations: n = 39.
    expect(probeIterations(250, 0.1)).toBe(39);
    expect(probeIterations(50, 0.1)).toBe(7);
    // Too slow for four iterations per run: no probe.
    expect(probeIterations(50, 1)).toBeNull();
  });
});
