import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/evaluate.js';
import { recommendRollback, revertCommand, rollbackReasons } from '../../src/core/rollback.js';
import { latency, policyOf, replicates, results } from '../helpers/fixtures.js';

function reportFor(baseMs: number, headMs: number, rule = {}, rounds = 8) {
  const base = results([latency('api/work', replicates(Array(rounds).fill(baseMs)))]);
  const head = results([latency('api/work', replicates(Array(rounds).fill(headMs)))]);
  return evaluate({ head, base, baseline: { method: 'same-runner', source: 'commit p' }, policy: policyOf(rule) });
}

describe('rollback recommendation', () => {
  it('recommends reverting a merge that breaches a critical limit', () => {
    const report = reportFor(120, 250, { statistic: 'median', limits: { critical: 200 } });
    const reasons = rollbackReasons(report, null);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/^api\/work latency \(median\): .*critical/);
  });

  it('recommends it for a failing regression only when the whole interval is beyond the line', () => {
    // 8 identical rounds a side: the interval is the point, +60%.
    expect(rollbackReasons(reportFor(100, 160), 0.5)).toEqual([
      'api/work latency (median): +60.0% (interval +60.0% … +60.0%), beyond the rollback line of 50%',
    ]);
    expect(rollbackReasons(reportFor(100, 140), 0.5)).toEqual([]);
    expect(rollbackReasons(reportFor(100, 160), null)).toEqual([]);
    expect(recommendRollback(reportFor(100, 101), { regression: 0.5, alpha: 0.05 }, 'squash', 'abc', ['abc'])).toBeNull();
  });

  it('does not count a fail that only an absolute limit gives as a confirmed regression', () => {
    // Two rounds a side: Mann–Whitney cannot go below p = 1/3, so +60% is not significant.
    const report = reportFor(100, 160, { limits: { fail: 150 } }, 2);
    expect(report.benchmarks[0]!.verdict).toBe('fail');
    expect(rollbackReasons(report, 0.5)).toEqual([]);
  });

  it('gives the revert command of each merge method', () => {
    expect(revertCommand('merge', 'm1', ['m1'])).toBe('git revert -m 1 m1');
    expect(revertCommand('squash', 's1', ['s1'])).toBe('git revert s1');
    expect(revertCommand('rebase', 'r3', ['r1', 'r2', 'r3'])).toBe('git revert r1^..r3');
    expect(revertCommand('direct', 'd1', ['d1'])).toBe('git revert d1');
    expect(revertCommand('direct', 'd2', ['d1', 'd2'])).toBe('git revert d1^..d2');
  });
});
