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
  /** Who triggered the run (GITHUB_ACTOR). */
  actor: string;
  /** Set on pull_request events. */
  pullRequest?: { number: number; headSha: string; baseSha: string; baseRef: string; headRepoFullName?: string };
  defaultBranch: string | undefined;
  /** Set on push events: the tip before and after, and the commits the push brought (oldest first). */
  push?: { before: string; after: string; commits: string[]; headTime?: string };
  /** The workflow run's page, for links in comments and issues. */
  runUrl?: string;
  /** Set on workflow_run events: the run that triggered this one (GitHub's word, not the artifact's). */
  workflowRun?: {
    id: number;
    headSha: string;
    /** Where the head commit lives: another repository for a fork's pull request. */
    headRepoFullName?: string;
    event: string;
    conclusion: string | null;
    /** Empty for a fork's pull request: GitHub leaves it out. */
    pullRequests: number[];
    runAttempt?: number;
    htmlUrl?: string;
  };
}

const NO_COMMIT = /^0+$/;

export function readRunContext(): RunContext {
  const payload = context.payload as {
    pull_request?: { number: number; head: { sha: string; repo?: { full_name?: string } }; base: { sha: string; ref: string } };
    repository?: { id?: number; default_branch?: string; html_url?: string };
    before?: string;
    after?: string;
    commits?: { id: string }[];
    head_commit?: { id: string; timestamp?: string } | null;
    workflow_run?: {
      id: number;
      head_sha: string;
      head_repository?: { full_name?: string } | null;
      event: string;
      conclusion?: string | null;
      pull_requests?: { number: number }[] | null;
      run_attempt?: number;
      html_url?: string;
    };
  };
  const run = context.eventName === 'workflow_run' ? payload.workflow_run : undefined;
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
    actor: context.actor,
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
    ...(context.eventName === 'push' && payload.after
      ? {
          push: {
            // A branch's first push has no "before"; the all-zero sha says so.
            before: payload.before && !NO_COMMIT.test(payload.before) ? payload.before : '',
            after: payload.after,
            commits: (payload.commits ?? []).map((c) => c.id),
            ...(payload.head_commit?.timestamp ? { headTime: payload.head_commit.timestamp } : {}),
          },
        }
      : {}),
    ...(run
      ? {
          workflowRun: {
            id: run.id,
            headSha: run.head_sha,
            ...(run.head_repository?.full_name ? { headRepoFullName: run.head_repository.full_name } : {}),
            event: run.event,
            conclusion: run.conclusion ?? null,
            pullRequests: (run.pull_requests ?? []).map((p) => p.number),
            ...(run.run_attempt !== undefined ? { runAttempt: run.run_attempt } : {}),
            ...(run.html_url ? { htmlUrl: run.html_url } : {}),
          },
        }
      : {}),
    ...(context.serverUrl && context.runId ? { runUrl: `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/actions/runs/${context.runId}` } : {}),
  };
}
