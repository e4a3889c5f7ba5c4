import { describe, expect, it } from 'vitest';
import { DEFAULT_CHANGE_POINT_OPTIONS, detectChangePoints, energySplitStatistics, logChangePoints, resolveChangePointOptions } from '../../src/core/change-points.js';
import type { LogSeries } from '../../src/core/merge-log.js';

// The test data has its own generator, so that a change to the library's does not move it.
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Box–Muller: a standard normal draw from two uniform ones. */
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Each level times (1 + sd · N(0, 1)). */
function noisy(levels: readonly number[], sd: number, seed: number): number[] {
  const random = mulberry32(seed);
  return levels.map((level) => level * (1 + sd * gaussian(random)));
}

function steps(...runs: [level: number, count: number][]): number[] {
  return runs.flatMap(([level, count]) => Array<number>(count).fill(level));
}

/** Q of every split straight from the definition, O(len³): the reference for the incremental sums. */
function bruteForceQ(x: readonly number[], minSegment: number): { tau: number; q: number }[] {
  const out: { tau: number; q: number }[] = [];
  for (let tau = minSegment; tau <= x.length - minSegment; tau++) {
    const X = x.slice(0, tau);
    const Y = x.slice(tau);
    const m = X.length;
    const n = Y.length;
    let between = 0;
    for (const a of X) for (const b of Y) between += Math.abs(a - b);
    let withinX = 0;
    for (let i = 0; i < m; i++) for (let k = i + 1; k < m; k++) withinX += Math.abs(X[i]! - X[k]!);
    let withinY = 0;
    for (let j = 0; j < n; j++) for (let l = j + 1; l < n; l++) withinY += Math.abs(Y[j]! - Y[l]!);
    out.push({ tau, q: ((m * n) / (m + n)) * ((2 * between) / (m * n) - withinX / ((m * (m - 1)) / 2) - withinY / ((n * (n - 1)) / 2)) });
  }
  return out;
}

describe('energy statistic', () => {
  // x = [0, 1, 0, 1, 4, 6, 5, 6], exponent 1, Q = m·n/(m+n) · (2·B/(m·n) − WX/C(m,2) − WY/C(n,2)) with
  // B = Σ|x−y| between the sides and WX, WY the sums of |differences| of the pairs within each side.
  //
  // τ=2: X={0,1} Y={0,1,4,6,5,6}
  //   B  = (0+1+4+6+5+6) + (1+0+3+5+4+5) = 22 + 18 = 40;  WX = 1;  WY = 22 + 17 + 5 + 1 + 1 = 46
  //   Q  = 12/8 · (80/12 − 1/1 − 46/15) = 1.5 · (100 − 15 − 46)/15 = 1.5 · 39/15 = 3.9
  // τ=3: X={0,1,0} Y={1,4,6,5,6}
  //   B  = 22 + 17 + 22 = 61;  WX = 1 + 0 + 1 = 2;  WY = (3+5+4+5) + (2+1+2) + (1+0) + 1 = 24
  //   Q  = 15/8 · (122/15 − 2/3 − 24/10) = 15/8 · (122 − 10 − 36)/15 = 76/8 = 9.5
  // τ=4: X={0,1,0,1} Y={4,6,5,6}
  //   B  = 2·(4+6+5+6) + 2·(3+5+4+5) = 42 + 34 = 76;  WX = 4 (four of the six pairs differ by 1);  WY = 5 + 1 + 1 = 7
  //   Q  = 16/8 · (152/16 − 4/6 − 7/6) = 2 · (57 − 11)/6 = 46/3 = 15.333…
  // τ=5: X={0,1,0,1,4} Y={6,5,6}
  //   B  = 2·17 + 2·14 + (2+1+2) = 67;  WX = 4 + (4+3+4+3) = 18;  WY = 1 + 0 + 1 = 2
  //   Q  = 15/8 · (134/15 − 18/10 − 2/3) = 15/8 · (134 − 27 − 10)/15 = 97/8 = 12.125
  // τ=6: X={0,1,0,1,4,6} Y={5,6}
  //   B  = 2·11 + 2·9 + (1+2) + (1+0) = 44;  WX = 18 + (6+5+6+5+2) = 42;  WY = 1
  //   Q  = 12/8 · (88/12 − 42/15 − 1/1) = 1.5 · (110 − 42 − 15)/15 = 1.5 · 53/15 = 5.3
  //
  // R's ecp could not be installed here to compare e.divisive's estimates: Debian 12 has no
  // r-cran-ecp package. Note that ecp's e.divisive also searches the end κ of the right-hand side
  // (Y = [τ, κ)), where this one, like MongoDB's signal-processing, takes the whole rest of the
  // segment, so their Q values differ; their estimates agree on clean steps.
  const x = [0, 1, 0, 1, 4, 6, 5, 6];

  it('matches the hand-computed Q at every split', () => {
    const q = energySplitStatistics(x, 2);
    expect(q.map((s) => s.tau)).toEqual([2, 3, 4, 5, 6]);
    const expected = [3.9, 9.5, 46 / 3, 12.125, 5.3];
    q.forEach((s, i) => expect(s.q).toBeCloseTo(expected[i]!, 12));
  });

  it('keeps minSegment points on each side', () => {
    expect(energySplitStatistics(x, 3).map((s) => s.tau)).toEqual([3, 4, 5]);
    expect(energySplitStatistics(x, 3)[1]!.q).toBeCloseTo(46 / 3, 12);
    expect(energySplitStatistics(x, 5)).toEqual([]);
  });

  it('agrees with the O(n³) definition on random series', () => {
    for (const [length, seed] of [
      [6, 1],
      [17, 2],
      [40, 3],
      [101, 4],
    ] as const) {
      const random = mulberry32(seed);
      const values = Array.from({ length }, () => gaussian(random) + (random() < 0.3 ? 2 : 0));
      const fast = energySplitStatistics(values, 3);
      const slow = bruteForceQ(values, 3);
      expect(fast.map((s) => s.tau)).toEqual(slow.map((s) => s.tau));
      fast.forEach((s, i) => expect(Math.abs(s.q - slow[i]!.q)).toBeLessThan(1e-9 * (1 + Math.abs(slow[i]!.q))));
    }
  });
});

describe('detectChangePoints', () => {
  it('finds a clean +20% step exactly', () => {
    const cps = detectChangePoints(steps([100, 60], [120, 60]));
    expect(cps).toHaveLength(1);
    expect(cps[0]!.index).toBe(60);
    expect(cps[0]!.before).toBe(100);
    expect(cps[0]!.after).toBe(120);
    expect(Math.abs(cps[0]!.ratio / 1.2 - 1)).toBeLessThan(0.01);
    // No permutation separates two constant halves better than the data: p is the smallest there is.
    expect(cps[0]!.p).toBeCloseTo(1 / 200, 12);
  });

  it('finds a +20% step under 1% noise at its place, for every seed', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const cps = detectChangePoints(noisy(steps([1, 60], [1.2, 60]), 0.01, seed));
      expect(cps.map((c) => c.index), `seed ${seed}`).toEqual([60]);
      expect(Math.abs(cps[0]!.ratio / 1.2 - 1), `seed ${seed}`).toBeLessThan(0.01);
    }
  });

  it('sees a 15% shift spread over five merges as one shift inside the ramp', () => {
    // 40 flat, five merges of +3% each (1.03^5 ≈ 1.159), 40 flat at the new level. Where the noise
    // makes the ramp's middle look like a level of its own the method may split it in two; then no
    // single part can reach 1.10 (1.10² > 1.159), so the check is on the shift the parts add up to.
    const ramp = [...steps([1, 40]), 1.03, 1.03 ** 2, 1.03 ** 3, 1.03 ** 4, 1.03 ** 5, ...steps([1.03 ** 5, 40])];
    for (let seed = 1; seed <= 12; seed++) {
      const sd = seed % 2 === 0 ? 0.02 : 0.01;
      const cps = detectChangePoints(noisy(ramp, sd, seed));
      const label = `seed ${seed}, noise ${sd}: ${JSON.stringify(cps.map((c) => [c.index, c.ratio]))}`;
      expect(cps.length, label).toBeGreaterThanOrEqual(1);
      expect(cps.length, label).toBeLessThanOrEqual(2);
      for (const c of cps) {
        expect(c.index, label).toBeGreaterThanOrEqual(40);
        expect(c.index, label).toBeLessThanOrEqual(45);
        expect(c.ratio, label).toBeGreaterThan(1.05);
      }
      const total = cps.reduce((product, c) => product * c.ratio, 1);
      expect(total, label).toBeGreaterThanOrEqual(1.1);
      expect(total, label).toBeLessThan(1.25);
      if (cps.length === 1) expect(cps[0]!.ratio, label).toBeGreaterThanOrEqual(1.1);
    }
  });

  it('finds nothing in flat histories with 2–5% noise', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const sd = [0.02, 0.03, 0.04, 0.05][seed % 4]!;
      const cps = detectChangePoints(noisy(steps([50, 200]), sd, 1000 + seed));
      expect(cps, `seed ${seed}, noise ${sd}`).toEqual([]);
    }
  });

  it('finds a step up and a step down at their places', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const cps = detectChangePoints(noisy(steps([1, 40], [1.25, 40], [1.05, 40]), 0.015, seed));
      expect(cps.map((c) => c.index), `seed ${seed}`).toEqual([40, 80]);
      expect(cps[0]!.ratio).toBeCloseTo(1.25, 1);
      expect(cps[1]!.ratio).toBeCloseTo(1.05 / 1.25, 1);
    }
  });

  it('finds a short excursion in the middle of a long history', () => {
    // Taken whole, the two sides of either edge share the median 1: the excursion is only found
    // because the size of a shift is judged between neighbouring change points.
    for (let seed = 1; seed <= 10; seed++) {
      const cps = detectChangePoints(noisy(steps([1, 50], [1.2, 20], [1, 50]), 0.01, seed));
      expect(cps.map((c) => c.index), `seed ${seed}`).toEqual([50, 70]);
      expect(cps[0]!.ratio).toBeCloseTo(1.2, 1);
      expect(cps[1]!.ratio).toBeCloseTo(1 / 1.2, 1);
    }
  });

  it('drops significant shifts smaller than minShift', () => {
    const values = noisy(steps([1, 60], [1.03, 60]), 0.003, 5);
    expect(detectChangePoints(values)).toEqual([]);
    const small = detectChangePoints(values, { minShift: 0.01 });
    expect(small.map((c) => c.index)).toEqual([60]);
    expect(small[0]!.ratio).toBeCloseTo(1.03, 2);
  });

  it('skips values that are not positive and finite, and reports indices into the input', () => {
    const values = steps([10, 30], [13, 30]);
    values.splice(10, 0, 0);
    values.splice(20, 0, Number.NaN);
    values.splice(32, 0, -1); // between the last point at 10 (index 31) and the first at 13 (index 33)
    values.push(Number.POSITIVE_INFINITY);
    const cps = detectChangePoints(values);
    expect(cps).toHaveLength(1);
    expect(cps[0]!.index).toBe(33);
    expect(values[33]).toBe(13);
    expect(cps[0]!.ratio).toBeCloseTo(1.3, 12);
  });

  it('searches only the newest `window` points', () => {
    const values = noisy(steps([1, 100], [1.3, 100], [1, 100]), 0.01, 3);
    expect(detectChangePoints(values).map((c) => c.index)).toEqual([100, 200]);
    const recent = detectChangePoints(values, { window: 150 });
    expect(recent.map((c) => c.index)).toEqual([200]);
    expect(recent[0]!.before).toBeCloseTo(1.3, 1);
  });

  it('finds nothing in constant or too short series', () => {
    expect(detectChangePoints(steps([5, 100]))).toEqual([]);
    expect(detectChangePoints([])).toEqual([]);
    expect(detectChangePoints([1, 1, 1, 2, 2])).toEqual([]);
    expect(detectChangePoints([0, -1, Number.NaN, 1, 1, 1])).toEqual([]);
  });

  it('is deterministic', () => {
    const values = noisy(steps([1, 70], [1.1, 50], [1.3, 60]), 0.03, 11);
    const first = detectChangePoints(values);
    expect(first.length).toBeGreaterThan(0);
    expect(detectChangePoints(values)).toEqual(first);
    expect(detectChangePoints([...values], { seed: 1 })).toEqual(first);
  });
});

function series(id: string, metric: string, direction: 'smaller' | 'bigger', values: readonly number[], start = 0): LogSeries {
  return {
    id,
    metric,
    unit: direction === 'smaller' ? 'ns' : 'ops/s',
    direction,
    statistic: 'median',
    points: values.map((value, i) => ({ commit: `c${start + i}`, time: new Date(Date.UTC(2025, 0, 1) + (start + i) * 3_600_000).toISOString(), value })),
  };
}

describe('logChangePoints', () => {
  it('marks a drop of a bigger-is-better metric as worse and names the merges around it', () => {
    const [cp, ...rest] = logChangePoints([series('s/throughput', 'ops', 'bigger', noisy(steps([1000, 50], [800, 50]), 0.01, 2))]);
    expect(rest).toEqual([]);
    expect(cp).toMatchObject({ id: 's/throughput', metric: 'ops', unit: 'ops/s', direction: 'bigger', statistic: 'median', index: 50, commit: 'c50', previousCommit: 'c49', worse: true });
    expect(cp!.time).toBe('2025-01-03T02:00:00.000Z');
    expect(cp!.ratio).toBeCloseTo(0.8, 1);
  });

  it('judges worse by the direction', () => {
    const up = steps([1, 40], [1.3, 40]);
    const down = steps([1.3, 40], [1, 40]);
    const worse = (direction: 'smaller' | 'bigger', values: number[]) => logChangePoints([series('a', 'm', direction, values)]).map((c) => c.worse);
    expect(worse('smaller', up)).toEqual([true]);
    expect(worse('smaller', down)).toEqual([false]);
    expect(worse('bigger', up)).toEqual([false]);
    expect(worse('bigger', down)).toEqual([true]);
  });

  it('starts the range at the last measured merge when the one before the shift was skipped', () => {
    const values = steps([10, 30], [12, 30]);
    values[29] = 0;
    const [cp] = logChangePoints([series('a', 'm', 'smaller', values)]);
    expect(cp).toMatchObject({ index: 30, commit: 'c30', previousCommit: 'c28' });
  });

  it('sorts by time, then id, then metric', () => {
    const step = steps([1, 30], [1.2, 30]);
    const out = logChangePoints(
      [
        series('b', 'm', 'smaller', step),
        series('a', 'z', 'smaller', step),
        series('a', 'm', 'smaller', step),
        series('c', 'm', 'smaller', step, -10), // its shift comes ten hours earlier
        series('d', 'm', 'smaller', steps([1, 40])),
      ],
      { seed: 7 },
    );
    expect(out.map((c) => `${c.commit} ${c.id} ${c.metric}`)).toEqual(['c20 c m', 'c30 a m', 'c30 a z', 'c30 b m']);
  });

  it('passes the options on and checks them', () => {
    const values = noisy(steps([1, 60], [1.03, 60]), 0.003, 5);
    expect(logChangePoints([series('a', 'm', 'smaller', values)])).toEqual([]);
    expect(logChangePoints([series('a', 'm', 'smaller', values)], { minShift: 0.01 }).map((c) => c.index)).toEqual([60]);
    expect(() => logChangePoints([], { alpha: 2 })).toThrow(/alpha/);
  });
});

describe('options', () => {
  it('has the documented defaults', () => {
    expect(resolveChangePointOptions()).toEqual({ alpha: 0.01, permutations: 199, minShift: 0.05, minSegment: 3, window: 250, seed: 1 });
    expect(resolveChangePointOptions({ alpha: undefined, seed: 9 })).toEqual({ ...DEFAULT_CHANGE_POINT_OPTIONS, seed: 9 });
  });

  it('raises the default permutations to what a stricter alpha needs', () => {
    // The configuration sets alpha alone; 1/(999 + 1) = 0.001 is the smallest p-value that reaches it.
    expect(resolveChangePointOptions({ alpha: 0.001 }).permutations).toBe(999);
    expect(resolveChangePointOptions({ alpha: 0.05 }).permutations).toBe(199);
    expect(resolveChangePointOptions({ alpha: 0.001, permutations: 5000 }).permutations).toBe(5000);
    const cps = detectChangePoints(steps([100, 60], [120, 60]), { alpha: 0.001 });
    expect(cps.map((c) => [c.index, c.p])).toEqual([[60, 1 / 1000]]);
  });

  it('rejects values out of range, naming the option and what it expects', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ alpha: 0 }, /option alpha must be a number greater than 0 and less than 1, got 0/],
      [{ alpha: 1 }, /option alpha must be .*got 1$/],
      [{ alpha: Number.NaN }, /option alpha must be a number, got NaN/],
      [{ alpha: '0.05' }, /option alpha must be a number, got "0.05"/],
      [{ permutations: 0 }, /option permutations must be a whole number of at least 1, got 0/],
      [{ permutations: 99.5 }, /option permutations must be a whole number/],
      [{ permutations: 50 }, /option permutations must be at least 99 for alpha 0.01 .*got 50/],
      [{ alpha: 0.05, permutations: 10 }, /option permutations must be at least 19 for alpha 0.05/],
      [{ alpha: 0.001, permutations: 199 }, /option permutations must be at least 999 for alpha 0.001/],
      [{ minShift: -0.01 }, /option minShift must be a finite number of at least 0, got -0.01/],
      [{ minShift: Number.POSITIVE_INFINITY }, /option minShift must be a finite number/],
      [{ minSegment: 1 }, /option minSegment must be a whole number of at least 2, got 1/],
      [{ minSegment: 2.5 }, /option minSegment must be a whole number/],
      [{ window: 5 }, /option window must be a whole number of at least 2 × minSegment \(6\), got 5/],
      [{ window: 100, minSegment: 60 }, /option window .*\(120\), got 100/],
      [{ seed: 1.5 }, /option seed must be a whole number, got 1.5/],
    ];
    for (const [options, message] of bad) {
      expect(() => detectChangePoints([1, 2, 3], options), JSON.stringify(options)).toThrow(message);
    }
    expect(() => detectChangePoints([1, 2, 3], { alpha: 0.05, permutations: 19, minShift: 0, minSegment: 2, window: 4, seed: -3 })).not.toThrow();
  });
});
