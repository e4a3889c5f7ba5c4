import { describe, expect, it } from 'vitest';
import { mergeConfirmations, mergeShardResults, onlySuites, runnerSpreadWarning, shardCoverageProblem, type PlannedShard } from '../../src/core/shard-merge.js';
import type { Results } from '../../src/core/model.js';
import { latency, results } from '../helpers/fixtures.js';

const runner = (cpu: string) => ({ cpu, cores: 4, memoryBytes: 8e9, os: 'linux', arch: 'x64', node: '22.0.0' });

function shard(index: number, suites: string[], plan: string[][], balance: PlannedShard['balance'] = 'round-robin'): PlannedShard {
  return { index, count: plan.length, suites, plan, balance };
}

describe('shardCoverageProblem', () => {
  it('accepts every suite exactly once, whatever the order', () => {
    const plan = [['a', 'c'], ['b'], []];
    expect(shardCoverageProblem(['a', 'b', 'c'], plan.map((s, i) => shard(i + 1, s, plan)))).toBeNull();
  });

  it('names suites run twice or never, and blames different plans', () => {
    const one = [['a', 'b'], ['c']];
    const other = [['a'], ['b', 'c']];
    const shards = [{ ...shard(1, ['a', 'b'], one, 'durations'), durationsFrom: 'artifact: #5' }, shard(2, ['b', 'c'], other)];
    expect(shardCoverageProblem(['a', 'b', 'c', 'd'], shards)).toBe(
      'the shards did not split the suites alike (shard 1: by durations from artifact: #5; shard 2: round-robin), so each must read the same baseline: suite b ran in shards 1 and 2; suite d ran in no shard',
    );
  });
});

describe('mergeShardResults', () => {
  const part = (index: number, ids: string[], extra: Partial<Results['meta']> = {}, warnings: string[] = []): { index: number; results: Results } => ({
    index,
    results: { ...results(ids.map((id) => latency(id, [[1]])), { commit: `c${index}`, runner: runner('A'), ...extra }), warnings },
  });

  it('lists benchmarks and warnings in configuration order, with the first shard’s metadata and everyone’s durations', () => {
    const merged = mergeShardResults(
      [part(2, ['b/x', 'd/x'], { durations: { b: 5, d: 7 } }, ['d: slow', 'b: noisy', 'tool.json: odd']), part(1, ['c/y', 'a/x', 'a/y'], { durations: { a: 1, c: 3 } }, ['c: loud', 'a: odd'])],
      ['a', 'b', 'c', 'd'],
    );
    expect(merged.benchmarks.map((b) => b.id)).toEqual(['a/x', 'a/y', 'b/x', 'c/y', 'd/x']);
    expect(merged.meta).toEqual({ commit: 'c1', runner: runner('A'), durations: { a: 1, c: 3, b: 5, d: 7 } });
    expect(merged.warnings).toEqual(['a: odd', 'b: noisy', 'c: loud', 'd: slow', 'tool.json: odd']);
  });

  it('refuses a benchmark from two shards', () => {
    expect(() => mergeShardResults([part(1, ['a/x']), part(3, ['a/x'])], ['a'])).toThrow('benchmark a/x was measured by shard 1 and by shard 3: each benchmark must come from one shard');
  });

  it('keeps only the suites asked for', () => {
    expect(onlySuites(results([latency('a/x', [[1]]), latency('b/x', [[1]])]), ['b']).benchmarks.map((b) => b.id)).toEqual(['b/x']);
  });
});

describe('runnerSpreadWarning', () => {
  it('says which shards ran on which machine, only when they differ', () => {
    const on = (index: number, cpu: string) => ({ index, results: results([], { runner: runner(cpu) }) });
    expect(runnerSpreadWarning([on(1, 'A'), on(2, 'A')])).toBeNull();
    expect(runnerSpreadWarning([on(3, 'A'), on(1, 'A'), on(2, 'B')])).toBe(
      'the shards ran on different machines (shards 1 and 3 on A × 4, linux, Node 22.0.0; shard 2 on B × 4, linux, Node 22.0.0): differences between suites of different shards may come from the machine',
    );
  });
});

describe('mergeConfirmations', () => {
  it('unites the suspects in report order, with the most rounds and every reason to stop', () => {
    expect(
      mergeConfirmations(
        [
          { index: 2, confirmation: { rounds: 2, benchmarks: ['c/x'], stopped: 'the 60 s confirmation budget ran out' } },
          { index: 1, confirmation: { rounds: 4, benchmarks: ['d/x', 'a/x'] } },
          { index: 3 },
        ],
        ['a/x', 'b/x', 'c/x', 'd/x'],
      ),
    ).toEqual({ rounds: 4, benchmarks: ['a/x', 'c/x', 'd/x'], stopped: 'shard 2: the 60 s confirmation budget ran out' });
    expect(mergeConfirmations([{ index: 1 }], [])).toBeUndefined();
  });
});
