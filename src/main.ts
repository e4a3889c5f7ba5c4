import * as core from '@actions/core';
import path from 'node:path';
import { readRunContext, type RunContext } from './action/github-context.js';
import { Deadline } from './action/deadline.js';
import { InputError, readActionInputs, type ActionInputs } from './action/inputs.js';
import type { CliIo } from './cli/io.js';
import { measure } from './cli/measure.js';
import { writeResults } from './cli/output-files.js';
import { ConfigError } from './config/config-error.js';
import { readSettings } from './config/load-settings.js';
import { createPolicy } from './config/resolve-policy.js';
import type { Settings } from './config/settings.js';
import type { Policy, Report, Results } from './core/model.js';
import { runReportMode } from './action/report-mode.js';
import { finishRun } from './action/finish-run.js';
import { runMergeMode } from './action/merge-run.js';
import { finishShard, planShard } from './action/shard-run.js';
import { measureSameRunner } from './cli/measure-same-runner.js';
import { BaseSetupError } from './runners/base-worktree.js';
import { createOctokit } from './github/octokit-client.js';
import { ResultsError } from './results/results-error.js';

const HANDLED_EVENTS = new Set(['pull_request', 'push', 'workflow_dispatch', 'schedule', 'workflow_run']);

const actionIo: CliIo = {
  cwd: process.cwd(),
  stdout: (text) => core.info(text),
  stderr: (text) => core.info(text),
  color: false,
};

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
    if (inputs.mode === 'merge') {
      await runMergeMode({ client, ctx, inputs, settings, policy, deadline, outDir });
      return;
    }
    const shard = inputs.shard ? await planShard({ client, inputs, ctx, settings, deadline, shard: inputs.shard }) : null;
    const measured = shard?.settings ?? settings;
    const sameRunner = await trySameRunner(measured, inputs, ctx, policy, outDir);
    let resultsFile = sameRunner.resultsFile;
    if (!resultsFile) {
      const head: Results = await measure(measured, actionIo);
      head.meta.commit = ctx.pullRequest?.headSha ?? ctx.sha;
      // Results reach the disk before any network call: a GitHub outage loses no measurement.
      resultsFile = await writeResults(outDir, head);
      sameRunner.head = head;
    }
    const rest = {
      client, inputs, ctx, settings, policy, deadline, outDir,
      head: sameRunner.head!,
      resultsFile,
      ...(sameRunner.report ? { sameRunner: sameRunner.report } : {}),
      warnings: sameRunner.warnings,
    };
    if (shard) await finishShard({ ...rest, plan: shard });
    else await finishRun(rest);
  } catch (error) {
    if (error instanceof InputError || error instanceof ConfigError || error instanceof ResultsError) {
      core.setFailed(error.message);
      return;
    }
    core.setFailed(`perfgate: internal error: ${(error as Error).message}`);
    if (error instanceof Error && error.stack) core.debug(error.stack);
  }
}
