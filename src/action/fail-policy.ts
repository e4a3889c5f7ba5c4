import type { Report } from '../core/model.js';
import type { FailOn } from './constants.js';

/** Whether the check fails, and why, under the `fail-on` input. Pure, so it is tested exactly. */
export function failureMessage(report: Report, failOn: FailOn): string | null {
  if (failOn === 'never') return null;
  const critical = report.benchmarks.filter((b) => b.verdict === 'critical');
  const failed = report.benchmarks.filter((b) => b.verdict === 'fail');
  const errored = report.benchmarks.filter((b) => b.verdict === 'error');
  if (critical.length > 0) return `perfgate: ${critical.length} benchmark(s) breached a critical limit: ${names(critical)}`;
  if (failOn === 'critical') return null;
  if (failed.length > 0) return `perfgate: ${failed.length} benchmark(s) regressed: ${names(failed)}`;
  if (errored.length > 0) return `perfgate: ${errored.length} benchmark(s) could not run: ${names(errored)}`;
  return null;
}

function names(list: { id: string }[]): string {
  const shown = list.slice(0, 5).map((b) => b.id).join(', ');
  return list.length > 5 ? `${shown} and ${list.length - 5} more` : shown;
}
