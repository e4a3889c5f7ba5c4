import * as core from '@actions/core';
import path from 'node:path';
import { failureMessage } from './action/fail-policy.js';
import { readRunContext, type RunContext } from './action/github-context.js';
import { Deadline } from './action/deadline.js';
import { InputError, readActionInputs, type ActionInputs } from './action/inputs.js';
import { annotateRegressions, setReportOutputs, writeJobSummary } from './action/report-sinks.js';
import { loadBaselineFile, type LoadedBaseline } from './cli/baseline-file.js';
import type { CliIo } from './cli/io.js';
import { measure } from './cli/measure.js';
import { writeReport, writeResults } from './cli/output-files.js';
import { ConfigError } from './config/config-error.js';
import { readSettings } from './config/load-settings.js';
import { createPolicy } from './config/resolve-policy.js';
import type { Settings } from './config/settings.js';
import { evaluate } from './core/evaluate.js';
import type { Policy, Report, Results } from './core/model.js';
import { mainReference } from './core/history.js';
import { recordOnBaseBranch } from './action/main-branch.js';
import { acceptRegressions } from './action/accept-regressions.js';
import { isUnprivilegedPullRequest, uploadPullRequestResults } from './action/fork-pull-request.js';
import { runReportMode } from './action/report-mode.js';
import { measureSameRunner } from './cli/measure-same-runner.js';
import { BaseSetupError } from './runners/base-worktree.js';
import { renderMarkdown } from './core/render/markdown.js';
import { loadArtifactBaseline } from './github/artifact-baseline.js';
import { createOctokit, type GitHubClient } from './github/octokit-client.js';
import { upsertStickyComment } from './github/sticky-comment.js';
import { ResultsError } from './results/results-error.js';

const HANDLED_EVENTS = new Set(['pull_request', 'push', 'workflow_dispatch', 'schedule', 'workflow_run']);

const actionIo: CliIo = {
  cwd: process.cwd(),
  stdout: (text) => core.info(text),
  stderr: (text) => core.info(text),
  color: false,
};

/** The baseline artifact of `baseBranch`, preferring the one made from `baseSha` when given. */
function readArtifactBaseline(client: GitHubClient, inputs: ActionInputs, ctx: RunContext, baseBranch: string, deadline: Deadline, baseSha?: string) {
  return deadline.run('reading the baseline artifact', () =>
    loadArtifactBaseline(client, {
      owner: ctx.owner,
      repo: ctx.repo,
      name: inputs.baselineArtifact,
      baseBranch,
      ...(baseSha ? { baseSha } : {}),
      ...(ctx.repositoryId !== undefined ? { repositoryId: ctx.repositoryId } : {}),
      debug: (line: string) => core.debug(line),
    }),
  );
}

/** Artifact baseline first, then the committed file, then none; each step down is a warning. */
async function findBaseline(client: GitHubClient, inputs: ActionInputs, ctx: RunContext, settings: Settings, baseBranch: string, deadline: Deadline): Promise<LoadedBaseline> {
  const warnings: string[] = [];
  if (settings.baseline.source !== 'file') {
    try {
      const found = await readArtifactBaseline(client, inputs, ctx, baseBranch, deadline, ctx.pullRequest?.baseSha);
      warnings.push(...found.warnings);
      if (found.results) return { results: found.results, info: found.info, warnings, history: found.history };
    } catch (error) {
      warnings.push(`${(error as Error).message}; falling back to the committed baseline`);
    }
  }
  const committed = await loadBaselineFile(settings.baseline.path, settings.rootDir, 'committed');
  return { ...committed, warnings: [...warnings, ...committed.warnings] };
}

async function resolveBaseBranch(client: GitHubClient, inputs: ActionInputs, ctx: RunContext): Promise<string> {
  if (inputs.baseBranch) return inputs.baseBranch;
  if (ctx.pullRequest) return ctx.pullRequest.baseRef;
  if (ctx.defaultBranch) return ctx.defaultBranch;
  const { data } = await client.rest.repos.get({ owner: ctx.owner, repo: ctx.repo });
  return data.default_branch;
}

async function publish(client: GitHubClient, inputs: ActionInputs, ctx: RunContext, report: Report, deadline: Deadline): Promise<string> {
  if (!ctx.pullRequest) return '';
  const failing = failureMessage(report, inputs.failOn) !== null;
  try {
    const outcome = await deadline.run('posting the pull request comment', () =>
      upsertStickyComment(client, {
        owner: ctx.owner,
        repo: ctx.repo,
        issueNumber: ctx.pullRequest!.number,
        commentId: inputs.commentId,
        body: renderMarkdown(report),
        mode: inputs.comment,
        failing,
        changed: report.verdict !== 'pass',
        token: inputs.token,
        log: (line) => core.info(line),
      }),
    );
    if (outcome.action === 'skipped') {
      core.info(`no comment: ${outcome.reason}`);
      return '';
    }
    core.info(`${outcome.action} the perfgate comment: ${outcome.url}`);
    return outcome.url;
  } catch (error) {
    const status = (error as { status?: number }).status;
    const hint = status === 403 ? ' (the workflow needs "permissions: pull-requests: write"; pull requests from forks get a read-only token)' : '';
    core.warning(`no comment was posted: ${(error as Error).message}${hint}`);
    return '';
  }
}

function describeRun(ctx: RunContext, baseBranch: string): { upload: boolean } {
  if (ctx.eventName === 'pull_request') return { upload: false };
  const onBase = ctx.ref === `refs/heads/${baseBranch}`;
  if (!onBase) core.info(`${ctx.eventName} on ${ctx.ref}, not the base branch ${baseBranch}: the baseline artifact is left alone`);
  return { upload: onBase };
}

/**
 * A same-runner verdict with main's absolute numbers beside it, from the baseline artifact. Only
 * decoration: when the artifact cannot be had, the report goes out without the column.
 */
async function withMainColumn(report: Report, client: GitHubClient, inputs: ActionInputs, ctx: RunContext, settings: Settings, baseBranch: string, deadline: Deadline): Promise<Report> {
  if (settings.baseline.source === 'file') return report;
  try {
    // The newest of main, not the base commit's: the column shows where main stands now.
    const found = await readArtifactBaseline(client, inputs, ctx, baseBranch, deadline);
    if (!found.results) {
      for (const line of found.warnings) core.info(`no main column: ${line}`);
      return report;
    }
    return { ...report, main: mainReference(report, found.results, found.info, found.history) };
  } catch (error) {
    core.info(`no main column: ${(error as Error).message}`);
    return report;
  }
}

interface SameRunnerOutcome {
  /** Set when the same-runner comparison decided. */
  report?: Report;
  resultsFile?: string;
  head?: Results;
  /** Why it could not decide, for the report of the fallback. */
  warnings: string[];
}

/**
 * The commit to re-run beside the head: a pull request's base, or on a push to the base branch the
 * tip before the push (the merge's first parent). None when the config says artifact.
 */
function sameRunnerBase(settings: Settings, inputs: ActionInputs, ctx: RunContext): { ref: string; headCommit: string } | null {
  if (settings.compare.method === 'artifact') return null;
  if (ctx.pullRequest) return { ref: ctx.pullRequest.baseSha, headCommit: ctx.pullRequest.headSha };
  const baseBranch = inputs.baseBranch || ctx.defaultBranch;
  if (ctx.push?.before && baseBranch && ctx.ref === `refs/heads/${baseBranch}`) return { ref: ctx.push.before, headCommit: ctx.sha };
  return null;
}

/**
 * Build the base beside the checkout and run both here. When the base cannot be prepared, the
 * baseline decides instead, with a warning.
 */
async function trySameRunner(settings: Settings, inputs: ActionInputs, ctx: RunContext, policy: Policy, outDir: string): Promise<SameRunnerOutcome> {
  const base = sameRunnerBase(settings, inputs, ctx);
  if (!base) return { warnings: [] };
  try {
    const measured = await measureSameRunner(settings, actionIo, {
      ref: base.ref,
      policy,
      headCommit: base.headCommit,
      fetchIfMissing: true,
      foldSetup: (body) => core.group('perfgate: preparing the base commit', body),
    });
    // Results reach the disk before any network call: a GitHub outage loses no measurement.
    const resultsFile = await writeResults(outDir, measured.head);
    await writeResults(outDir, measured.base, 'base-results.json');
    return { report: measured.report, resultsFile, head: measured.head, warnings: [] };
  } catch (error) {
    if (!(error instanceof BaseSetupError)) throw error;
    const fallback = settings.baseline.source === 'file' ? 'the committed baseline' : 'the main-branch baseline';
    const warning = `same-runner comparison impossible: ${error.message}; the verdict comes from ${fallback} instead`;
    core.warning(warning);
    return { warnings: [warning] };
  }
}

/** The action: measure, compare, write files, then talk to GitHub, then pass or fail the check. */
export async function run(): Promise<void> {
  try {
    const inputs = readActionInputs();
    const ctx = readRunContext();
    if (!HANDLED_EVENTS.has(ctx.eventName)) {
      core.notice(`perfgate does nothing on "${ctx.eventName}" events: it runs on pull_request, push, workflow_dispatch, schedule and workflow_run`);
      return;
    }
    if (inputs.workingDirectory) process.chdir(inputs.workingDirectory);
    actionIo.cwd = process.cwd();
    const deadline = new Deadline(inputs.networkTimeoutMs);
    const client = createOctokit({ token: inputs.token, log: (line) => core.info(line) });

    const settings = await readSettings({ cwd: actionIo.cwd, ...(inputs.configPath ? { configPath: inputs.configPath } : {}) });
    const outDir = path.resolve(actionIo.cwd, inputs.outputDirectory);
    const policy = createPolicy(settings);
    // A workflow_run job posts what a fork's pull request run measured; it measures nothing itself.
    if (inputs.mode === 'report') {
      await runReportMode({ client, ctx, inputs, settings, policy, deadline, outDir });
      return;
    }
    const sameRunner = await trySameRunner(settings, inputs, ctx, policy, outDir);
    let resultsFile = sameRunner.resultsFile;
    if (!resultsFile) {
      const head: Results = await measure(settings, actionIo);
      head.meta.commit = ctx.pullRequest?.headSha ?? ctx.sha;
      // Results reach the disk before any network call: a GitHub outage loses no measurement.
      resultsFile = await writeResults(outDir, head);
      sameRunner.head = head;
    }

    const baseBranch = await deadline.run('reading the repository', () => resolveBaseBranch(client, inputs, ctx)).catch((error: Error) => {
      core.warning(`${error.message}; assuming the base branch is "main"`);
      return 'main';
    });
    const plan = describeRun(ctx, baseBranch);
    let report: Report;
    let files: { json: string; markdown: string };
    let commentUrl = '';
    if (plan.upload) {
      ({ report, files } = await recordOnBaseBranch({
        client, inputs, ctx, settings, policy, deadline, outDir, baseBranch,
        head: sameRunner.head!,
        resultsFile,
        ...(sameRunner.report ? { sameRunner: sameRunner.report } : {}),
        warnings: sameRunner.warnings,
      }));
      annotateRegressions(report);
    } else {
      if (sameRunner.report) report = await withMainColumn(sameRunner.report, client, inputs, ctx, settings, baseBranch, deadline);
      else {
        const baseline = await findBaseline(client, inputs, ctx, settings, baseBranch, deadline);
        for (const warning of baseline.warnings) core.warning(warning);
        const warnings = [...sameRunner.warnings, ...baseline.warnings];
        report = evaluate({ head: sameRunner.head!, base: baseline.results, baseline: baseline.info, policy, warnings, ...(baseline.history ? { history: baseline.history } : {}) });
      }
      if (ctx.pullRequest) {
        // A fork's read-only token cannot reply; the report job does.
        report = await acceptRegressions(report, { client, owner: ctx.owner, repo: ctx.repo, pullNumber: ctx.pullRequest.number, settings: settings.accept, deadline, reply: !isUnprivilegedPullRequest(ctx) });
      }
      files = await writeReport(outDir, report);
      await writeJobSummary(report);
      annotateRegressions(report);
      // A fork's pull request run cannot comment: it leaves its results for the workflow_run report job.
      if (isUnprivilegedPullRequest(ctx)) {
        await uploadPullRequestResults({ client, ctx, inputs, deadline, outDir, resultsFile, reportFile: files.json, report, warnings: sameRunner.warnings });
      } else commentUrl = await publish(client, inputs, ctx, report, deadline);
    }
    setReportOutputs(report, files, commentUrl);

    const failure = failureMessage(report, inputs.failOn);
    if (failure) core.setFailed(failure);
    else core.info(`perfgate: ${report.verdict}`);
  } catch (error) {
    if (error instanceof InputError || error instanceof ConfigError || error instanceof ResultsError) {
      core.setFailed(error.message);
      return;
    }
    core.setFailed(`perfgate: internal error: ${(error as Error).message}`);
    if (error instanceof Error && error.stack) core.debug(error.stack);
  }
}
