import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { iterationsWithinBudget, measureSuite } from '../../src/runners/measure-suite.js';
import type { RoundStatus } from '../../src/runners/round-protocol.js';
import { fallOverTime, SUITES } from './suites.js';

const budget = { timePerTaskMs: 15, warmupMs: 5, minIterations: 10 };
const measure = (file: string, extra: Partial<Parameters<typeof measureSuite>[0]> = {}) =>
  measureSuite({ suiteFile: path.join(SUITES, file), ...budget, ...extra });

describe('measureSuite (one round, in this process)', () => {
  it('measures every task of the function form and notes progress', async () => {
    const statuses: RoundStatus[] = [];
    const outcome = await measure('ok.bench.mjs', { onStatus: (status) => statuses.push(status) });
    expect(outcome.error).toBeUndefined();
    expect(outcome.warnings).toEqual([]);
    expect(outcome.tasks.map((task) => task.name)).toEqual(['JSON.parse small', 'sum 1..100']);
    for (const task of outcome.tasks) {
      expect(task.samples.length).toBeGreaterThanOrEqual(budget.minIterations);
      expect(task.samples.every((ms) => Number.isFinite(ms) && ms >= 0)).toBe(true);
    }
    // Then, where a heap probe fits, the same tasks again: a hang names the task being probed.
    expect(statuses.map((s) => s.current).slice(0, 3)).toEqual([undefined, 'JSON.parse small', 'sum 1..100']);
    expect(['JSON.parse small', 'sum 1..100']).toEqual(expect.arrayContaining(statuses.slice(3).map((s) => s.current)));
  });

  it('keeps the time order: falling durations stay falling', async () => {
    const [task] = (await measure('shrinking.bench.mjs')).tasks;
    expect(task!.samples.length).toBeGreaterThanOrEqual(5);
    expect(fallOverTime(task!.samples)).toBeGreaterThan(0.7);
  });

  it('gives a throwing task its error and measures the others', async () => {
    const outcome = await measure('task-throws.bench.mjs');
    expect(outcome.tasks[0]!.samples.length).toBeGreaterThan(0);
    expect(outcome.tasks[1]).toEqual({
      name: 'broken',
      samples: [],
      error: 'TypeError: task exploded at test/fixtures/suites/task-throws.bench.mjs:5:11',
    });
  });

  it('does not run tasks that failed in an earlier round', async () => {
    const outcome = await measure('task-throws.bench.mjs', { skipTasks: ['broken'] });
    expect(outcome.tasks.map((task) => task.name)).toEqual(['fine']);
  });

  it('falls back to tinybench`s samples, with a warning, when a task overrides its duration', async () => {
    const outcome = await measure('overridden.bench.mjs');
    expect(outcome.tasks[0]!.samples.every((ms) => ms === 5)).toBe(true);
    expect(outcome.warnings).toEqual([expect.stringMatching(/^reports 5 ms: tinybench's samples differ/)]);
  });

  it('reads back a Bench instance`s sorted samples and says the order is lost', async () => {
    const outcome = await measure('bench-instance.bench.mjs');
    const samples = outcome.tasks[0]!.samples;
    expect(samples.length).toBeGreaterThanOrEqual(budget.minIterations);
    expect(samples).toEqual([...samples].sort((a, b) => a - b));
    expect(outcome.warnings).toEqual([expect.stringMatching(/exports a Bench instance.*time order is lost; export a function instead/)]);
  });

  it('reports only the median of a Bench instance that keeps no samples', async () => {
    const outcome = await measure('bench-instance-plain.bench.mjs');
    expect(outcome.tasks[0]!.samples).toHaveLength(1);
    expect(outcome.warnings).toEqual([expect.stringMatching(/without retainSamples: true, so each round reports only its median/)]);
  });

  it('explains a suite that fails to load or exports the wrong thing', async () => {
    expect((await measure('throws-at-import.bench.mjs')).error).toBe(
      'the suite failed to load: Error: cannot load this suite at test/fixtures/suites/throws-at-import.bench.mjs:2:7',
    );
    expect((await measure('bad-export.bench.mjs')).error).toMatch(/must export default a function .* got a default export of type object/);
    expect((await measure('empty.bench.mjs')).error).toBe('the suite added no tasks');
  });
});

describe('iterationsWithinBudget', () => {
  it('aims for minIterations when they fit, fewer when they do not, never zero', () => {
    expect(iterationsWithinBudget({ minIterations: 10, timePerTaskMs: 20 }, 0.01)).toBe(10);
    expect(iterationsWithinBudget({ minIterations: 10, timePerTaskMs: 20 }, 5)).toBe(4);
    expect(iterationsWithinBudget({ minIterations: 10, timePerTaskMs: 20 }, 30)).toBe(1);
    expect(iterationsWithinBudget({ minIterations: 10, timePerTaskMs: 20 }, 0)).toBe(10);
  });
});
