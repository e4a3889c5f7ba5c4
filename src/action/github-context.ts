import { context } from '@actions/github';

/** What the workflow run is about, read once from the runner's environment and event payload. */
export interface RunContext {
  eventName: string;
  owner: string;
  repo: string;
  repositoryId: number | undefined;
  sha: string;
  ref: string;
  runId: number;
  runAttempt: number;
  /** Set on pull_request events. */
  pullRequest?: { number: number; headSha: string; baseSha: string; baseRef: string; headRepoFullName?: string };
  defaultBranch: string | undefined;
}

export function readRunContext(): RunContext {
  const payload = context.payload as {
    pull_request?: { number: number; head: { sha: string; repo?: { full_name?: string } }; base: { sha: string; ref: string } };
    repository?: { id?: number; default_branch?: string };
  };
  const pr = payload.pull_request;
  return {
    eventName: context.eventName,
    owner: context.repo.owner,
    repo: context.repo.repo,
    repositoryId: payload.repository?.id,
    sha: context.sha,
    ref: context.ref,
    runId: context.runId,
    runAttempt: Number(process.env['GITHUB_RUN_ATTEMPT'] ?? 1),
    ...(pr
      ? {
          pullRequest: {
            number: pr.number,
            headSha: pr.head.sha,
            baseSha: pr.base.sha,
            baseRef: pr.base.ref,
            ...(pr.head.repo?.full_name ? { headRepoFullName: pr.head.repo.full_name } : {}),
          },
        }
      : {}),
    defaultBranch: payload.repository?.default_branch,
  };
}
