import { describe, expect, it } from 'vitest';
import { GAB_RULES, gabObservations, trueRatioOf } from '../../accuracy/observations.js';
import { LEVELS, formatLevel, planLevels } from '../../accuracy/plan.js';
import { trueRatio, unitsAt, WORKLOAD, workloadSource } from '../../accuracy/workload.js';
import type { Results } from '../../src/core/model.js';

describe('workload', () => {
  it('has at least 12 benchmarks with distinct names', () => {
    expect(WORKLOAD.length).toBeGreaterThanOrEqual(12);
    expect(new Set(WORKLOAD.map((b) => b.name)).size).toBe(WORKLOAD.length);
  });

  it('runs exactly 1 + level times the work at every level, so the true ratio is the level', () => {
    for (const b of WORKLOAD) for (const level of LEVELS) expect(trueRatio(b, 1 + level), `${b.name} at ${level}`).toBeCloseTo(1 + level, 12);
  });

  it('rounds units to whole numbers', () => {
    expect(unitsAt({ name: 'x', units: 14, setup: '', unit: '' }, 1.02)).toBe(14);
    expect(trueRatioOf('w/int-loop', 0.05)).toBe(1.05);
    expect(trueRatioOf('w/unknown', 0.05)).toBe(1.05);
  });

  it('writes the whole units of the factor into a suite that adds every benchmark', async () => {
    const source = workloadSource(1.1);
    expect(source).toContain('"int-loop":220,');
    expect(source).toContain('"json-roundtrip":110,');
    const url = `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`;
    const suite = (await import(url)) as { default: (bench: { add: (name: string, fn: () => unknown) => void }) => void };
    const added: string[] = [];
    suite.default({ add: (name) => added.push(name) });
    expect(added).toEqual(WORKLOAD.map((b) => b.name));
  });
});

describe('planLevels', () => {
  it('runs each level the asked number of times, in an order fixed by the seed', () => {
    const plan = planLevels({ noChangeRuns: 4, runsPerLevel: 2, seed: 7 });
    expect(plan).toHaveLength(14);
    expect(plan.filter((l) => l === 0)).toHaveLength(4);
    for (const level of LEVELS.slice(1)) expect(plan.filter((l) => l === level)).toHaveLength(2);
    expect(planLevels({ noChangeRuns: 4, runsPerLevel: 2, seed: 7 })).toEqual(plan);
    expect(planLevels({ noChangeRuns: 4, runsPerLevel: 2, seed: 8 })).not.toEqual(plan);
  });

  it('names levels as signed percentages', () => {
    expect(LEVELS.map(formatLevel)).toEqual(['0%', '+2%', '+5%', '+10%', '+20%', '-5%']);
  });
});

describe('gabObservations', () => {
  const results = (rounds: number[][]): Results => ({
    schema: 'perfgate/results',
    version: 1,
    meta: {},
    warnings: [],
    benchmarks: [{ id: 'w/a', suite: 'w', name: 'a', metrics: [{ name: 'latency', unit: 'ms', direction: 'smaller', rounds: rounds as [number, ...number[]][] }] }],
  });

  it('compares the mean of the first process with the stored one', () => {
    // head first round mean 3, base first round mean 2: ratio 1.5, later rounds ignored.
    const head = results([[2, 4], [100]]);
    const base = results([[2, 2], [1]]);
    const verdicts = GAB_RULES.map((rule) => gabObservations(head, base, 0, rule.limit)[0]!);
    expect(verdicts.map((o) => o.verdict)).toEqual(['fail', 'pass', 'pass']);
    expect(verdicts[0]!.ratio).toBe(1.5);
  });

  it('has no verdict for a benchmark the base lacks', () => {
    const head = results([[1]]);
    const base: Results = { ...results([[1]]), benchmarks: [] };
    expect(gabObservations(head, base, 0, 1.1)[0]!.verdict).toBe('new');
  });
});
