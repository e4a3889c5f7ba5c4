import { describe, expect, it } from 'vitest';
import { expectedDurations, planShards, shardMethod } from '../../src/core/shard-plan.js';
import { mulberry32 } from '../../src/runners/shuffle.js';

const names = (n: number) => Array.from({ length: n }, (_, i) => `s${i + 1}`);

/** The best makespan over every assignment: fine for the handful of suites the property test uses. */
function optimalMakespan(weights: number[], bins: number): number {
  let best = Infinity;
  const loads = new Array<number>(bins).fill(0);
  const place = (i: number) => {
    const worst = Math.max(...loads);
    if (worst >= best) return;
    if (i === weights.length) {
      best = worst;
      return;
    }
    const tried = new Set<number>();
    for (let k = 0; k < bins; k++) {
      // Bins with equal loads are interchangeable: trying one of them is enough.
      if (tried.has(loads[k]!)) continue;
      tried.add(loads[k]!);
      loads[k]! += weights[i]!;
      place(i + 1);
      loads[k]! -= weights[i]!;
    }
  };
  place(0);
  return best;
}

function makespan(plan: string[][], durations: Record<string, number>): number {
  return Math.max(...plan.map((shard) => shard.reduce((sum, s) => sum + durations[s]!, 0)));
}

describe('planShards', () => {
  it('deals suites round-robin in configuration order without durations', () => {
    expect(planShards(names(12), undefined, 4)).toEqual([
      ['s1', 's5', 's9'],
      ['s2', 's6', 's10'],
      ['s3', 's7', 's11'],
      ['s4', 's8', 's12'],
    ]);
    expect(planShards(names(5), {}, 2)).toEqual([
      ['s1', 's3', 's5'],
      ['s2', 's4'],
    ]);
    expect(shardMethod(names(5), {})).toBe('round-robin');
  });

  it('gives the longest suite to the least loaded shard and lists each shard in configuration order', () => {
    const durations = { s1: 10, s2: 70, s3: 30, s4: 40, s5: 20, s6: 50, s7: 60 };
    // 70 -> #1, 60 -> #2, 50 -> #3, 40 -> #3 (90), 30 -> #2 (90), 20 -> #1 (90), 10 -> #1 (100)
    expect(planShards(names(7), durations, 3)).toEqual([
      ['s1', 's2', 's5'],
      ['s3', 's7'],
      ['s4', 's6'],
    ]);
    expect(shardMethod(names(7), durations)).toBe('durations');
  });

  it('breaks equal durations by configuration order and equal loads by fewer suites, then the lower index', () => {
    const durations = { s1: 5, s2: 5, s3: 5, s4: 5, s5: 5 };
    expect(planShards(names(5), durations, 2)).toEqual([
      ['s1', 's3', 's5'],
      ['s2', 's4'],
    ]);
    // Suites recorded as 0 ms still spread instead of piling onto the first shard.
    const zero = { s1: 0, s2: 0, s3: 0, s4: 0 };
    expect(planShards(names(4), zero, 3)).toEqual([['s1', 's4'], ['s2'], ['s3']]);
  });

  it('gives a suite without a record the median of the recorded ones', () => {
    // Recorded: 100, 10, 40 -> median 40 for s4 and s5.
    const durations = { s1: 100, s2: 10, s3: 40, gone: 5000 };
    expect(expectedDurations(names(5), durations)).toEqual(
      new Map([
        ['s1', 100],
        ['s2', 10],
        ['s3', 40],
        ['s4', 40],
        ['s5', 40],
      ]),
    );
    // 100 -> #1, 40 (s3) -> #2, 40 (s4) -> #2 (80), 40 (s5) -> #2 (120), 10 -> #1 (110)
    expect(planShards(names(5), durations, 2)).toEqual([
      ['s1', 's2'],
      ['s3', 's4', 's5'],
    ]);
    // Even-sized: the mean of the middle two.
    expect(expectedDurations(['a', 'b', 'c'], { a: 10, b: 30 })!.get('c')).toBe(20);
  });

  it('ignores records that are not durations and leaves shards empty when there are more shards than suites', () => {
    expect(expectedDurations(['a', 'b'], { a: -1, b: Number.NaN })).toBeNull();
    expect(planShards(['a', 'b'], { a: 3, b: 9 }, 4)).toEqual([['b'], ['a'], [], []]);
    expect(planShards([], { a: 3 }, 2)).toEqual([[], []]);
    expect(planShards(['a'], undefined, 3)).toEqual([['a'], [], []]);
  });

  it('refuses a shard count that is not a whole number from 1', () => {
    expect(() => planShards(['a'], undefined, 0)).toThrow(/whole number of shards >= 1, got 0/);
    expect(() => planShards(['a'], undefined, 1.5)).toThrow(/got 1\.5/);
  });

  it('over random cases: every suite exactly once, the same plan every time, and at most 4/3 of the best makespan', () => {
    const random = mulberry32(20260311);
    for (let c = 0; c < 300; c++) {
      const n = 1 + Math.floor(random() * 9);
      const bins = 1 + Math.floor(random() * 4);
      const suites = names(n);
      const durations: Record<string, number> = {};
      // Small integers make ties (and so the tie rules) common.
      for (const s of suites) durations[s] = random() < 0.3 ? 1 + Math.floor(random() * 4) : Math.round(random() * 1000);
      const plan = planShards(suites, durations, bins);
      expect(plan).toHaveLength(bins);
      expect(plan.flat().sort()).toEqual([...suites].sort());
      expect(planShards([...suites], { ...durations }, bins)).toEqual(plan);
      const optimal = optimalMakespan(suites.map((s) => durations[s]!), bins);
      // Graham's bound for LPT: (4/3 - 1/(3m)) of the optimum.
      expect(makespan(plan, durations), `${JSON.stringify(durations)} into ${bins}`).toBeLessThanOrEqual(optimal * (4 / 3 - 1 / (3 * bins)) + 1e-9);
    }
  });
});
