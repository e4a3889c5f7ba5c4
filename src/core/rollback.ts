import type { MergeMethod, RollbackRecommendation } from './merge-log.js';
import type { Report } from './model.js';
import { formatPercent, formatRatioChange } from './render/format.js';

/**
 * When a merge should be reverted, and how. Critical limits (an HTTP service's p95 over its
 * budget, a success rate under its floor) always recommend it; a failing regression does when it
 * is significant (Holm-adjusted p under `alpha`) and beyond `regression` (a fraction; null: never).
 */
export function rollbackReasons(report: Report, regression: number | null, alpha = 0.05): string[] {
  const reasons: string[] = [];
  for (const b of report.benchmarks) {
    for (const m of b.metrics) {
      const label = `${b.id} ${m.metric} (${m.statistic})`;
      if (m.verdict === 'critical') {
        reasons.push(`${label}: ${m.reasons[0] ?? 'a critical limit is breached'}`);
        continue;
      }
      // A fail from an absolute limit alone is not a confirmed regression: the change must be significant.
      if (m.verdict !== 'fail' || regression === null || m.ratio === null || m.ci === null || m.pHolm === null || m.pHolm >= alpha) continue;
      // The whole interval beyond the line, so that a noisy estimate does not revert a merge.
      const worse = m.direction === 'smaller' ? m.ci[0] - 1 : 1 - m.ci[1];
      if (worse > regression) reasons.push(`${label}: ${formatRatioChange(m.ratio)} (interval ${formatRatioChange(m.ci[0])} … ${formatRatioChange(m.ci[1])}), beyond the rollback line of ${formatPercent(regression)}`);
    }
  }
  return reasons;
}

/**
 * The command that undoes what the push brought: a merge commit is reverted against its first
 * parent; a squash is one commit; a rebase brought `commits` (oldest first), reverted as a range.
 */
export function revertCommand(method: MergeMethod, commit: string, commits: readonly string[]): string {
  if (method === 'merge') return `git revert -m 1 ${commit}`;
  if (commits.length > 1) return `git revert ${commits[0]}^..${commits[commits.length - 1]}`;
  return `git revert ${commit}`;
}

export function recommendRollback(report: Report, rule: { regression: number | null; alpha: number }, method: MergeMethod, commit: string, commits: readonly string[]): RollbackRecommendation | null {
  const reasons = rollbackReasons(report, rule.regression, rule.alpha);
  return reasons.length === 0 ? null : { reasons, revert: revertCommand(method, commit, commits) };
}
