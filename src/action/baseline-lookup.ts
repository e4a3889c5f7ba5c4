import * as core from '@actions/core';
import { loadBaselineFile, type LoadedBaseline } from '../cli/baseline-file.js';
import type { Settings } from '../config/settings.js';
import { mainReference } from '../core/history.js';
import type { Report } from '../core/model.js';
import { loadArtifactBaseline } from '../github/artifact-baseline.js';
import type { GitHubClient } from '../github/octokit-client.js';
import type { Deadline } from './deadline.js';
import type { RunContext } from './github-context.js';
import type { ActionInputs } from './inputs.js';

/** The baseline artifact of `baseBranch`, preferring the one made from `baseSha` when given. */
export function readArtifactBaseline(client: GitHubClient, inputs: ActionInputs, ctx: RunContext, baseBranch: string, deadline: Deadline, baseSha?: string) {
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

/**
 * Artifact baseline first, then the committed file, then none; each step down is a warning.
 * `baseSha` defaults to the pull request's base; a report job passes the one it was given.
 */
export async function findBaseline(
  client: GitHubClient,
  inputs: ActionInputs,
  ctx: RunContext,
  settings: Settings,
  baseBranch: string,
  deadline: Deadline,
  baseSha: string | undefined = ctx.pullRequest?.baseSha,
): Promise<LoadedBaseline> {
  const warnings: string[] = [];
  if (settings.baseline.source !== 'file') {
    try {
      const found = await readArtifactBaseline(client, inputs, ctx, baseBranch, deadline, baseSha);
      warnings.push(...found.warnings);
      if (found.results) return { results: found.results, info: found.info, warnings, history: found.history };
    } catch (error) {
      warnings.push(`${(error as Error).message}; falling back to the committed baseline`);
    }
  }
  const committed = await loadBaselineFile(settings.baseline.path, settings.rootDir, 'committed');
  return { ...committed, warnings: [...warnings, ...committed.warnings] };
}

/**
 * A same-runner verdict with main's absolute numbers beside it, from the baseline artifact. Only
 * decoration: when the artifact cannot be had, the report goes out without the column.
 */
export async function withMainColumn(report: Report, client: GitHubClient, inputs: ActionInputs, ctx: RunContext, settings: Settings, baseBranch: string, deadline: Deadline): Promise<Report> {
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
