import * as core from '@actions/core';
import { writeReport } from '../cli/output-files.js';
import type { Settings } from '../config/settings.js';
import { evaluate } from '../core/evaluate.js';
import type { Policy, Report } from '../core/model.js';
import { countsText } from '../core/render/rows.js';
import { checkClaimedPullRequest } from '../github/claimed-pull-request.js';
import { postCommitStatus } from '../github/commit-status.js';
import type { GitHubClient } from '../github/octokit-client.js';
import { readPullRequestResults, type PullRequestResults } from '../github/pull-request-results.js';
import { acceptRegressions } from './accept-regressions.js';
import { findBaseline, withMainColumn } from './baseline-lookup.js';
import type { Deadline } from './deadline.js';
import { failureMessage } from './fail-policy.js';
import type { RunContext } from './github-context.js';
import type { ActionInputs } from './inputs.js';
import { publishComment } from './publish-comment.js';
import { sameRunnerReport } from './recomputed-report.js';
import { annotateRegressions, setReportOutputs, writeJobSummary } from './report-sinks.js';

export interface ReportModeOptions {
  client: GitHubClient;
  ctx: RunContext;
  inputs: ActionInputs;
  /** From the base branch's checkout: the pull request's own configuration never gets a say here. */
  settings: Settings;
  policy: Policy;
  deadline: Deadline;
  outDir: string;
}

/** The status context; several perfgate jobs on one repository tell theirs apart by comment-id. */
export function statusContext(commentId: string): string {
  return commentId === 'perfgate' ? 'perfgate' : `perfgate/${commentId}`;
}

export function statusDescription(report: Report): string {
  if (report.baseline.method === 'none') return 'results recorded: no baseline to compare with yet';
  return `${report.verdict}: ${countsText(report)}`;
}

function refuse(line: string): null {
  core.setFailed(line);
  return null;
}

/**
 * The second half of the fork-safe flow: in a workflow_run job of the base repository, reads what
 * an unprivileged pull_request run uploaded, checks whose it is, decides the verdict again under
 * the base branch's configuration, and posts the comment and a commit status. It runs no code of
 * the pull request and reads its artifact as data only. A regression shows as the commit status on
 * the pull request; this job fails only when it refuses the artifact.
 */
export async function runReportMode(options: ReportModeOptions): Promise<Report | null> {
  const { client, ctx, inputs, settings, policy, deadline, outDir } = options;
  const run = ctx.workflowRun;
  if (ctx.eventName !== 'workflow_run' || !run) {
    return refuse(`"mode: report" posts the results of another workflow run and runs on workflow_run events, not on "${ctx.eventName}"`);
  }
  if (run.event !== 'pull_request') {
    return refuse(`workflow run ${run.id} was triggered by "${run.event}", not by pull_request: "mode: report" posts only pull request results; nothing was posted`);
  }

  let found: PullRequestResults | null;
  try {
    found = await deadline.run('reading the results artifact', () =>
      readPullRequestResults(client, {
        owner: ctx.owner,
        repo: ctx.repo,
        runId: run.id,
        ...(run.runAttempt !== undefined ? { runAttempt: run.runAttempt } : {}),
        name: inputs.resultsArtifact,
      }),
    );
  } catch (error) {
    return refuse(`${(error as Error).message}; nothing was posted`);
  }
  if (!found) {
    const fromHere = run.headRepoFullName?.toLowerCase() === `${ctx.owner}/${ctx.repo}`.toLowerCase();
    const line = `workflow run ${run.id} (${run.conclusion ?? 'not finished'}) left no artifact named "${inputs.resultsArtifact}": nothing to report`;
    // A pull request from this repository comments from its own run; only a fork's (or Dependabot's) needs this job.
    if (fromHere) core.info(`${line} (its pull request comes from this repository and comments from its own run)`);
    else core.warning(line);
    return null;
  }

  const checked = await deadline
    .run('checking the pull request', () =>
      checkClaimedPullRequest(client, {
        owner: ctx.owner,
        repo: ctx.repo,
        run: { id: run.id, headSha: run.headSha, pullRequests: run.pullRequests, ...(run.headRepoFullName ? { headRepoFullName: run.headRepoFullName } : {}) },
        claim: found.claim,
      }),
    )
    .catch((error: Error) => ({ ok: false as const, reason: `${error.message}; nothing was posted` }));
  if (!checked.ok) return refuse(checked.reason);
  const pull = checked.pull;
  core.info(`results artifact #${found.artifact.id} of run ${run.id}: pull request #${pull.number} at ${pull.headSha.slice(0, 7)}`);

  // The verified head, not whatever the file says it measured.
  const head = { ...found.head, meta: { ...found.head.meta, commit: pull.headSha } };
  const baseBranch = inputs.baseBranch ?? pull.baseRef;
  let report: Report;
  // The measuring run's own warnings come first, as that run's report lists them.
  const runWarnings = found.claim.warnings ?? [];
  if (found.base) {
    report = sameRunnerReport({
      head,
      base: found.base,
      baseSha: found.claim.baseSha,
      suites: settings.suites,
      policy,
      warnings: runWarnings,
      ...(found.claim.confirmation ? { confirmation: found.claim.confirmation } : {}),
    });
    report = await withMainColumn(report, client, inputs, ctx, settings, baseBranch, deadline);
  } else {
    const baseline = await findBaseline(client, inputs, ctx, settings, baseBranch, deadline, found.claim.baseSha);
    for (const warning of baseline.warnings) core.warning(warning);
    report = evaluate({ head, base: baseline.results, baseline: baseline.info, policy, warnings: [...runWarnings, ...baseline.warnings], ...(baseline.history ? { history: baseline.history } : {}) });
  }

  // Who may accept a regression is the base branch's rule; the replies are this job's to make,
  // since the fork's run has no token that can write them.
  report = await acceptRegressions(report, { client, owner: ctx.owner, repo: ctx.repo, pullNumber: pull.number, settings: settings.accept, deadline, reply: true });

  const files = await writeReport(outDir, report);
  await writeJobSummary(report);
  annotateRegressions(report);
  const commentUrl = await publishComment(client, inputs, { owner: ctx.owner, repo: ctx.repo, pullNumber: pull.number }, report, deadline);
  const failure = failureMessage(report, inputs.failOn);
  const targetUrl = ctx.runUrl ?? run.htmlUrl;
  try {
    await deadline.run('setting the commit status', () =>
      postCommitStatus(client, {
        owner: ctx.owner,
        repo: ctx.repo,
        sha: pull.headSha,
        state: failure ? 'failure' : 'success',
        context: statusContext(inputs.commentId),
        description: statusDescription(report),
        ...(targetUrl ? { targetUrl } : {}),
      }),
    );
    core.info(`set the commit status ${statusContext(inputs.commentId)} on ${pull.headSha.slice(0, 7)}: ${failure ? 'failure' : 'success'}`);
  } catch (error) {
    core.warning((error as Error).message);
  }
  setReportOutputs(report, files, commentUrl);
  core.info(failure ? `${failure} (reported on pull request #${pull.number} as the commit status)` : `perfgate: ${report.verdict}`);
  return report;
}
