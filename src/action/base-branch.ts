import * as core from '@actions/core';
import type { GitHubClient } from '../github/octokit-client.js';
import type { Deadline } from './deadline.js';
import type { RunContext } from './github-context.js';
import type { ActionInputs } from './inputs.js';

/**
 * The branch whose baseline this run compares with: the input, the pull request's base, the
 * repository's default branch. When GitHub cannot say, "main", with a warning.
 */
export async function resolveBaseBranch(client: GitHubClient, inputs: ActionInputs, ctx: RunContext, deadline: Deadline): Promise<string> {
  if (inputs.baseBranch) return inputs.baseBranch;
  if (ctx.pullRequest) return ctx.pullRequest.baseRef;
  if (ctx.defaultBranch) return ctx.defaultBranch;
  try {
    const { data } = await deadline.run('reading the repository', () => client.rest.repos.get({ owner: ctx.owner, repo: ctx.repo }));
    return data.default_branch;
  } catch (error) {
    core.warning(`${(error as Error).message}; assuming the base branch is "main"`);
    return 'main';
  }
}

/** Only a run on the base branch itself records a new baseline; anything else leaves it alone. */
export function recordsBaseline(ctx: RunContext, baseBranch: string): boolean {
  if (ctx.eventName === 'pull_request') return false;
  const onBase = ctx.ref === `refs/heads/${baseBranch}`;
  if (!onBase) core.info(`${ctx.eventName} on ${ctx.ref}, not the base branch ${baseBranch}: the baseline artifact is left alone`);
  return onBase;
}
