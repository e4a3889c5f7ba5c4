import type { Policy, Report } from './model.js';
import { worsening } from './verdict.js';

/**
 * The benchmarks that more rounds should look at again before the verdict is final: the failing
 * ones, and the undecided ones whose estimate is already beyond their threshold (with few paired
 * rounds and many benchmarks, Holm's correction can hold back even a clear slowdown). Undecided
 * ones under their threshold are left alone: more rounds would most likely make them pass.
 */
export function suspectedRegressions(report: Report, policy: Policy): string[] {
  return report.benchmarks
    .filter((b) => {
      if (b.error !== undefined) return false;
      if (b.verdict === 'fail' || b.verdict === 'critical') return true;
      if (b.verdict !== 'unstable') return false;
      return b.metrics.some((m) => {
        if (m.verdict !== 'unstable' || m.ratio === null) return false;
        const threshold = policy.metricPolicy(b, { name: m.metric, unit: m.unit, direction: m.direction }).regression;
        return threshold !== null && worsening(m.ratio, m.direction) > threshold;
      });
    })
    .map((b) => b.id);
}
