import { describe, expect, it } from 'vitest';
import { checkTargets } from '../../accuracy/targets.js';
import { summarizeRuns, tallyLevel, tallyMethod, type LevelTally, type Observation, type RunRecord } from '../../accuracy/tally.js';
import type { Verdict } from '../../src/core/model.js';

function obs(id: string, verdict: Verdict, ci: [number, number] | null, roundCv: number | null, trueRatio: number, extra: Partial<Observation> = {}): Observation {
  return { id, verdict, ratio: ci ? (ci[0] + ci[1]) / 2 : null, ci, roundCv, trueRatio, ...extra };
}

function record(index: number, level: number, seconds: number, sameRunner: Observation[], extra: Partial<RunRecord> = {}): RunRecord {
  return { index, level, seconds, exitCode: 0, observations: { 'same-runner': sameRunner }, ...extra };
}

const RECORDS: RunRecord[] = [
  record(0, 0, 40, [
    obs('A', 'pass', [0.98, 1.02], 0.01, 1, { confirmation: 'cleared' }),
    obs('B', 'fail', [1.04, 1.08], 0.02, 1, { confirmation: 'confirmed' }),
    obs('C', 'unstable', [0.9, 1.2], 0.08, 1),
    obs('D', 'error', null, null, 1),
  ]),
  record(1, 0, 50, [obs('A', 'pass', [0.99, 1.01], 0.01, 1), obs('B', 'improved', [0.9, 0.95], 0.03, 1), obs('C', 'pass', null, null, 1)], {
    observations: {
      'same-runner': [obs('A', 'pass', [0.99, 1.01], 0.01, 1), obs('B', 'improved', [0.9, 0.95], 0.03, 1), obs('C', 'pass', null, null, 1)],
      'gab-1.10': [obs('A', 'fail', null, 0.01, 1), obs('B', 'pass', null, 0.03, 1)],
    },
  }),
  // Errored: its failure must not count anywhere.
  record(2, 0, 60, [obs('A', 'fail', [1.1, 1.2], 0.01, 1)], { exitCode: 3, error: 'perfgate exited with 3' }),
  record(3, 0.05, 45, [
    obs('A', 'fail', [1.03, 1.07], 0.01, 1.05),
    obs('B', 'warn', [1.01, 1.04], 0.06, 1.05),
    obs('C', 'improved', [0.9, 0.99], 0.02, 1.05),
    obs('D', 'pass', [0.99, 1.06], null, 1.05),
  ]),
  record(4, -0.05, 55, [
    obs('A', 'improved', [0.93, 0.97], 0.01, 0.95),
    obs('B', 'warn', [1.0, 1.02], 0.01, 0.95),
    obs('C', 'critical', [1.1, 1.2], 0.01, 0.95),
    obs('D', 'pass', [0.9, 1.0], 0.01, 0.95),
  ]),
];

describe('tallyLevel', () => {
  it('counts no-change comparisons of usable runs, leaving out undecided ones', () => {
    const t = tallyLevel(RECORDS, 'same-runner', 0);
    expect(t.runs).toBe(2);
    expect(t.comparisons).toBe(6);
    expect(t.undecided).toBe(1);
    expect(t.fail).toEqual({ hits: 1, total: 6 });
    // B fail in run 0 and B improved in run 1: any significant change is a false report.
    expect(t.significant).toEqual({ hits: 2, total: 6 });
    expect(t.wrongDirection).toEqual({ hits: 0, total: 0 });
    // Intervals containing 1: A, C of run 0 and A of run 1; C of run 1 has none.
    expect(t.coverage).toEqual({ hits: 3, total: 5 });
    expect(t.withoutCi).toBe(1);
    // roundCv ≤ 0.05: A, B of run 0, A, B of run 1.
    expect(t.failLowNoise).toEqual({ hits: 1, total: 4 });
    expect(t.runsWithFail).toEqual({ hits: 1, total: 2 });
    expect(t.perBenchmark).toEqual({ A: { hits: 0, total: 2 }, B: { hits: 1, total: 2 }, C: { hits: 0, total: 2 } });
    expect(t.medianRoundCv).toEqual({ A: 0.01, B: 0.025, C: 0.08 });
    // Ratios are the interval midpoints here; C of run 1 has none.
    expect(t.medianRatio).toEqual({ A: 1, B: (1.06 + 0.925) / 2, C: 1.05 });
    expect(t.confirmation).toEqual({ rechecked: 2, confirmed: 1, cleared: 1 });
  });

  it('counts a slowdown: warn and fail are significant, improved is the wrong direction', () => {
    const t = tallyLevel(RECORDS, 'same-runner', 0.05);
    expect(t.comparisons).toBe(4);
    expect(t.fail).toEqual({ hits: 1, total: 4 });
    expect(t.significant).toEqual({ hits: 2, total: 4 });
    expect(t.wrongDirection).toEqual({ hits: 1, total: 4 });
    // 1.05 is inside A's and D's intervals only.
    expect(t.coverage).toEqual({ hits: 2, total: 4 });
    // B (0.06) and D (no roundCv) are not low-noise.
    expect(t.failLowNoise).toEqual({ hits: 1, total: 2 });
    expect(t.runsWithFail).toEqual({ hits: 1, total: 1 });
  });

  it('counts a speed-up: improved is significant, warn and critical are the wrong direction', () => {
    const t = tallyLevel(RECORDS, 'same-runner', -0.05);
    expect(t.fail).toEqual({ hits: 1, total: 4 });
    expect(t.significant).toEqual({ hits: 1, total: 4 });
    expect(t.wrongDirection).toEqual({ hits: 2, total: 4 });
    expect(t.coverage).toEqual({ hits: 2, total: 4 });
    expect(t.failLowNoise).toEqual({ hits: 1, total: 4 });
  });

  it('counts only the runs that have observations of the method', () => {
    const t = tallyLevel(RECORDS, 'gab-1.10', 0);
    expect(t.runs).toBe(1);
    expect(t.fail).toEqual({ hits: 1, total: 2 });
    expect(t.coverage).toEqual({ hits: 0, total: 0 });
    expect(t.withoutCi).toBe(2);
    expect(t.runsWithFail).toEqual({ hits: 1, total: 1 });
  });

  it('gives empty rates for a level without runs', () => {
    const [t] = tallyMethod(RECORDS, 'same-runner', [0.1]);
    expect(t!.runs).toBe(0);
    expect(t!.fail).toEqual({ hits: 0, total: 0 });
    expect(t!.perBenchmark).toEqual({});
  });
});

describe('summarizeRuns', () => {
  it('counts errored runs and the time of every run', () => {
    const s = summarizeRuns(RECORDS);
    expect(s.runs).toBe(5);
    expect(s.usable).toBe(4);
    expect(s.errored).toEqual([{ index: 2, level: 0, exitCode: 3, error: 'perfgate exited with 3' }]);
    expect(s.seconds).toEqual({ total: 250, min: 40, median: 50, mean: 50, max: 60 });
  });

  it('takes the middle of an even count', () => {
    expect(summarizeRuns(RECORDS.slice(0, 4)).seconds?.median).toBe(47.5);
    expect(summarizeRuns([]).seconds).toBeNull();
  });
});

describe('checkTargets', () => {
  it('judges the hand-made runs', () => {
    const checks = checkTargets(tallyMethod(RECORDS, 'same-runner', [0, 0.02, 0.05, 0.1, 0.2, -0.05]), summarizeRuns(RECORDS));
    expect(checks.map((c) => [c.measured, c.met])).toEqual([
      ['1/6 = 16.7%', false],
      ['1/2 = 50.0%', false],
      ['—', null],
      ['1/2 = 50.0%', false],
      ['—', null],
      ['1/4 = 25.0%', false],
      ['median 50.0 s, max 60.0 s', true],
    ]);
  });

  it('meets each target exactly at its bound', () => {
    const tally = (level: number, rates: Partial<LevelTally>): LevelTally => ({ ...tallyLevel([], 'same-runner', level), ...rates });
    const checks = checkTargets(
      [
        tally(0, { fail: { hits: 3, total: 300 }, runsWithFail: { hits: 1, total: 20 } }),
        tally(0.02, { fail: { hits: 0, total: 108 } }),
        tally(0.05, { failLowNoise: { hits: 80, total: 100 } }),
        tally(0.1, { failLowNoise: { hits: 95, total: 100 } }),
        tally(-0.05, { fail: { hits: 0, total: 108 } }),
      ],
      summarizeRuns([record(0, 0, 180, [])]),
    );
    expect(checks.map((c) => c.met)).toEqual([true, true, true, true, true, true, false]);
    expect(checks[0]!.measured).toBe('3/300 = 1.0%');
  });
});
