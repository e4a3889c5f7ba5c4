import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/evaluate.js';
import { mergeHistories } from '../../src/core/history.js';
import { createMergeEntry, logDeltas, logSeries, mergeLogs, type MergeLogEntry } from '../../src/core/merge-log.js';
import type { HistoryPoint } from '../../src/core/model.js';
import { latency, policyOf, replicates, results } from '../helpers/fixtures.js';

function entry(commit: string, time: string, recorded = time, value = 10): MergeLogEntry {
  return {
    commit,
    parent: null,
    time,
    recorded,
    pr: null,
    mergeMethod: 'direct',
    commits: [commit],
    method: 'artifact',
    verdict: 'pass',
    deltas: [{ id: 's/a', metric: 'latency', unit: 'ms', direction: 'smaller', statistic: 'median', base: 10, head: value, ratio: value / 10, ci: [0.9, 1.1], verdict: 'pass' }],
  };
}

describe('per-merge log', () => {
  it('unites copies by commit, newest merge first, so racing runs lose no entry', () => {
    const shared = [entry('a', '2026-01-01T00:00:00Z')];
    // Runs for b and c raced: each read the log holding only a, each uploaded its own copy.
    const fromB = [entry('b', '2026-01-02T00:00:00Z'), ...shared];
    const fromC = [entry('c', '2026-01-02T00:05:00Z'), ...shared];
    expect(mergeLogs([fromC, fromB, shared]).map((e) => e.commit)).toEqual(['c', 'b', 'a']);
  });

  it('keeps the later record of a merge that was run twice, and no more than the bound', () => {
    const first = entry('a', '2026-01-01T00:00:00Z', '2026-01-01T00:10:00Z', 10);
    const retried = entry('a', '2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z', 12);
    expect(mergeLogs([[first], [retried]])).toEqual([retried]);
    expect(mergeLogs([[retried], [first]])).toEqual([retried]);
    const many = Array.from({ length: 30 }, (_, i) => entry(`c${i}`, new Date(Date.UTC(2026, 0, 1, i)).toISOString()));
    const bounded = mergeLogs([many], 25);
    expect(bounded).toHaveLength(25);
    expect(bounded[0]!.commit).toBe('c29');
    expect(bounded[24]!.commit).toBe('c5');
  });

  it('orders merges by when they happened, not by when their runs finished', () => {
    const late = entry('x', '2026-01-01T00:00:00Z', '2026-01-03T00:00:00Z');
    const early = entry('y', '2026-01-02T00:00:00Z', '2026-01-02T00:01:00Z');
    expect(mergeLogs([[late, early]]).map((e) => e.commit)).toEqual(['y', 'x']);
  });

  it('records the gated statistic of each metric, without samples', () => {
    const base = results([latency('s/a', replicates([10, 10, 10, 10, 10, 10]))]);
    const head = results([latency('s/a', replicates([12, 12, 12, 12, 12, 12]))]);
    const report = evaluate({ head, base, baseline: { method: 'artifact', source: 'x' }, policy: policyOf() });
    const [delta] = logDeltas(report);
    expect(delta).toMatchObject({ id: 's/a', metric: 'latency', statistic: 'median', base: 10, head: 12, verdict: 'fail' });
    expect(delta!.ratio).toBeCloseTo(1.2, 12);
    const made = createMergeEntry({ report, commit: 'm', parent: 'p', time: 't', recorded: 'r', pr: { number: 3, title: 'T', author: 'u' }, mergeMethod: 'squash', commits: ['m'], rollback: null });
    expect(made).toMatchObject({ commit: 'm', parent: 'p', method: 'artifact', verdict: 'fail', pr: { number: 3 } });
    expect('rollback' in made).toBe(false);
  });

  it('gives each metric its series, oldest merge first', () => {
    const log = [entry('b', '2026-01-02T00:00:00Z', undefined, 11), entry('a', '2026-01-01T00:00:00Z', undefined, 10)];
    const [series] = logSeries(log);
    expect(series!.points.map((p) => [p.commit, p.value])).toEqual([
      ['a', 10],
      ['b', 11],
    ]);
  });
});

describe('history copies', () => {
  const point = (commit: string, time: string, median: number): HistoryPoint => ({ commit, time, values: { 's/a': { latency: { median } } } });

  it('unites copies by commit, the first copy winning, newest first', () => {
    const merged = mergeHistories([[point('c', '2026-01-03T00:00:00Z', 3)], [point('b', '2026-01-02T00:00:00Z', 2), point('a', '2026-01-01T00:00:00Z', 1)], [point('c', '2026-01-03T00:00:00Z', 9), point('a', '2026-01-01T00:00:00Z', 1)]]);
    expect(merged.map((p) => [p.commit, p.values['s/a']!['latency']!.median])).toEqual([
      ['c', 3],
      ['b', 2],
      ['a', 1],
    ]);
    expect(mergeHistories([merged], 2).map((p) => p.commit)).toEqual(['c', 'b']);
  });
});
