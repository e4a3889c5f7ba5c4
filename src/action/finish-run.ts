import * as core from '@actions/core';
import { writeReport } from '../cli/output-files.js';
import { evaluate } from '../core/evaluate.js';
import type { Report } from '../core/model.js';
import { acceptRegressions } from './accept-regressions.js';
import { recordsBaseline, resolveBaseBranch } from './base-branch.js';
import { findBaseline, withMainColumn } from './baseline-lookup.js';
import { failureMessage } from './fail-policy.js';
import { isUnprivilegedPullRequest, uploadPullRequestResults } from './fork-pull-request.js';
import { recordOnBaseBranch } from './main-branch.js';
import { publishComment } from './publish-comment.js';
import { annotateRegressions, setReportOutputs, writeJobSummary } from './report-sinks.js';
import type { MeasuredRun } from './measured-run.js';

export type FinishRunOptions = MeasuredRun;

/**
 * Everything after measuring: the verdict (same-runner, or against the baseline), accepted
 * regressions, files, job summary, annotations, the pull request comment (a fork's run uploads its
 * results for the report job instead), outputs and the check's status; on the base branch the
 * per-merge log and the new baseline instead of a comment. A job that measured and a
 * job that merged shards end the same way, so their comments cannot drift apart.
 */
export async function finishRun(options: FinishRunOptions): Promise<Report> {
  const { client, inputs, ctx, settings, policy, deadline, outDir, head, resultsFile } = options;
  const baseBranch = await resolveBaseBranch(client, inputs, ctx, deadline);
  let report: Report;
  let files: { json: string; markdown: string };
  let commentUrl = '';
  if (recordsBaseline(ctx, baseBranch)) {
    ({ report, files } = await recordOnBaseBranch({
      client, inputs, ctx, settings, policy, deadline, outDir, baseBranch, head, resultsFile,
      ...(options.sameRunner ? { sameRunner: options.sameRunner } : {}),
      warnings: options.warnings,
    }));
    annotateRegressions(report);
  } else {
    if (options.sameRunner) report = await withMainColumn(options.sameRunner, client, inputs, ctx, settings, baseBranch, deadline);
    else {
      const baseline = await findBaseline(client, inputs, ctx, settings, baseBranch, deadline);
      for (const warning of baseline.warnings) core.warning(warning);
      const warnings = [...options.warnings, ...baseline.warnings];
      report = evaluate({ head, base: baseline.results, baseline: baseline.info, policy, warnings, ...(baseline.history ? { history: baseline.history } : {}) });
    }
    if (ctx.pullRequest) {
      // A fork's read-only token cannot reply; the report job does.
      report = await acceptRegressions(report, { client, owner: ctx.owner, repo: ctx.repo, pullNumber: ctx.pullRequest.number, settings: settings.accept, deadline, reply: !isUnprivilegedPullRequest(ctx), readOnlyToken: isUnprivilegedPullRequest(ctx) });
    }
    files = await writeReport(outDir, report);
    await writeJobSummary(report);
    annotateRegressions(report);
    // A fork's pull request run cannot comment: it leaves its results for the workflow_run report job.
    if (isUnprivilegedPullRequest(ctx)) {
      await uploadPullRequestResults({ client, ctx, inputs, deadline, outDir, resultsFile, reportFile: files.json, report, warnings: options.warnings });
    } else if (ctx.pullRequest) {
      commentUrl = await publishComment(client, inputs, { owner: ctx.owner, repo: ctx.repo, pullNumber: ctx.pullRequest.number }, report, deadline);
    }
  }
  setReportOutputs(report, files, commentUrl);

  const failure = failureMessage(report, inputs.failOn);
  if (failure) core.setFailed(failure);
  else core.info(`perfgate: ${report.verdict}`);
  return report;
}
