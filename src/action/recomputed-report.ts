import type { SuiteSettings } from '../config/settings.js';
import { evaluate } from '../core/evaluate.js';
import type { Confirmation, Policy, Report, Results } from '../core/model.js';
import type { PullRequestClaim } from '../results/pull-request-schema.js';
import { interleavedSuites } from '../runners/ab-run.js';

const FAILING: ReadonlySet<string> = new Set(['fail', 'critical']);

/**
 * The verdict of a same-runner run, decided again from its two results files as measureSameRunner
 * decided it. Which suites were interleaved, and the policy, come from the base branch's
 * configuration, never the pull request's.
 */
export function sameRunnerReport(input: {
  head: Results;
  base: Results;
  baseSha: string;
  suites: readonly SuiteSettings[];
  policy: Policy;
  warnings?: string[];
  confirmation?: PullRequestClaim['confirmation'];
}): Report {
  const commit = input.baseSha;
  const report = evaluate({
    head: input.head,
    base: input.base,
    baseline: { method: 'same-runner', source: `commit ${commit.slice(0, 12)} (${commit})`, commit },
    policy: input.policy,
    paired: interleavedSuites(input.suites),
    warnings: input.warnings ?? [],
  });
  const confirmation = recomputedConfirmation(report, input.confirmation);
  return confirmation ? { ...report, confirmation } : report;
}

/**
 * Which suspects the extra rounds confirmed is read off this verdict, not taken from the artifact;
 * only how many rounds ran, for which benchmarks, and why they stopped come from it.
 */
function recomputedConfirmation(report: Report, claimed: PullRequestClaim['confirmation']): Confirmation | undefined {
  if (!claimed) return undefined;
  const known = new Set(report.benchmarks.map((b) => b.id));
  const failing = new Set(report.benchmarks.filter((b) => FAILING.has(b.verdict)).map((b) => b.id));
  const suspects = [...new Set(claimed.benchmarks.filter((id) => known.has(id)))];
  if (suspects.length === 0) return undefined;
  return {
    rounds: claimed.rounds,
    benchmarks: suspects,
    confirmed: suspects.filter((id) => failing.has(id)),
    cleared: suspects.filter((id) => !failing.has(id)),
    ...(claimed.stopped !== undefined ? { stopped: claimed.stopped } : {}),
  };
}
