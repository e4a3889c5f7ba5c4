import * as core from '@actions/core';
import path from 'node:path';
import { writeFileAtomic } from '../cli/output-files.js';
import type { Report } from '../core/model.js';
import { uploadBaselineArtifact, type ArtifactUploader } from '../github/artifact-upload.js';
import type { GitHubClient } from '../github/octokit-client.js';
import { resultsArtifactName } from '../github/results-files.js';
import { PULL_REQUEST_SCHEMA_ID, type PullRequestClaim } from '../results/pull-request-schema.js';
import type { Deadline } from './deadline.js';
import type { RunContext } from './github-context.js';
import type { ActionInputs } from './inputs.js';

/**
 * A pull_request run from a fork gets a read-only token and no secrets, so it cannot comment. A
 * head repository GitHub no longer knows (a deleted fork) is taken for a fork too. Runs Dependabot
 * triggers get the same read-only token although their branch lives in this repository.
 */
export function isUnprivilegedPullRequest(ctx: RunContext): boolean {
  if (ctx.eventName !== 'pull_request' || !ctx.pullRequest) return false;
  if (ctx.actor === DEPENDABOT) return true;
  const head = ctx.pullRequest.headRepoFullName;
  return head === undefined || head.toLowerCase() !== `${ctx.owner}/${ctx.repo}`.toLowerCase();
}

const DEPENDABOT = 'dependabot[bot]';

/** Why this run cannot comment, for the log line. */
function unprivilegedBecause(ctx: RunContext): string {
  return ctx.actor === DEPENDABOT ? 'was opened by Dependabot, whose runs get a read-only token' : 'comes from a fork, whose token cannot comment';
}

export interface PullRequestUpload {
  client: GitHubClient;
  ctx: RunContext;
  inputs: ActionInputs;
  deadline: Deadline;
  /** Where results.json, report.json and (after a same-runner run) base-results.json were written. */
  outDir: string;
  resultsFile: string;
  report: Report;
  /** report.json as writeReport wrote it, when it was. */
  reportFile?: string;
  /**
   * What went differently in this run (same-runner impossible ...): the report job cannot know it
   * and shows it with its own warnings. At most 20 of 1000 characters travel.
   */
  warnings?: string[];
  upload?: ArtifactUploader;
}

/**
 * Uploads what this run measured, with the pull request it measured, for a report job of the
 * base repository to post. Never throws: an upload that fails is a warning (the PR run's own
 * check still shows the verdict). Logs and returns one line.
 */
export async function uploadPullRequestResults(options: PullRequestUpload): Promise<string> {
  const { ctx, inputs, outDir, report } = options;
  const pr = ctx.pullRequest;
  if (!pr) {
    const line = 'no results artifact: this run is not about a pull request';
    core.info(line);
    return line;
  }
  const name = resultsArtifactName(inputs.resultsArtifact, ctx.runAttempt);
  try {
    const claim: PullRequestClaim = {
      schema: PULL_REQUEST_SCHEMA_ID,
      version: 1,
      number: pr.number,
      headSha: pr.headSha,
      baseSha: pr.baseSha,
      baseRef: pr.baseRef,
      ...(options.warnings?.length ? { warnings: options.warnings.slice(0, 20).map((w) => w.slice(0, 1000)) } : {}),
      ...(report.confirmation
        ? {
            confirmation: {
              rounds: report.confirmation.rounds,
              benchmarks: report.confirmation.benchmarks,
              ...(report.confirmation.stopped ? { stopped: report.confirmation.stopped.slice(0, 500) } : {}),
            },
          }
        : {}),
    };
    const claimFile = path.join(outDir, 'pull-request.json');
    await writeFileAtomic(claimFile, `${JSON.stringify(claim, null, 2)}\n`);
    // A base-results.json left by an earlier run in this folder must not pass for this run's.
    const baseFile = report.baseline.method === 'same-runner' ? [path.join(outDir, 'base-results.json')] : [];
    const files = [options.resultsFile, ...baseFile, ...(options.reportFile ? [options.reportFile] : []), claimFile];
    const uploaded = await options.deadline.run('uploading the results artifact', () =>
      uploadBaselineArtifact({
        name,
        files,
        rootDirectory: outDir,
        ...(inputs.retentionDays !== undefined ? { retentionDays: inputs.retentionDays } : {}),
        client: options.client,
        owner: ctx.owner,
        repo: ctx.repo,
        runId: ctx.runId,
        ...(options.upload ? { upload: options.upload } : {}),
      }),
    );
    const line = `pull request #${pr.number} ${unprivilegedBecause(ctx)}: uploaded the results artifact ${name} (#${uploaded.id}, ${uploaded.size} bytes) for a workflow_run job with "mode: report" to post`;
    core.info(line);
    return line;
  } catch (error) {
    const line = `the results artifact ${name} was not uploaded, so no report job can post these results: ${(error as Error).message}`;
    core.warning(line);
    return line;
  }
}
