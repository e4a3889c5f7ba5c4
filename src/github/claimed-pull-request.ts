import type { GitHubClient } from './octokit-client.js';
import { statusOf } from './http-status.js';

/** What GitHub itself says about the run that produced a results artifact. */
export interface TriggeringRun {
  id: number;
  headSha: string;
  headRepoFullName?: string;
  /** Empty for a fork's pull request. */
  pullRequests: number[];
}

export interface Claim {
  number: number;
  headSha: string;
}

/** The pull request as the API shows it: the only facts a report job builds on. */
export interface VerifiedPullRequest {
  number: number;
  headSha: string;
  baseRef: string;
  baseSha: string;
}

export type ClaimCheck = { ok: true; pull: VerifiedPullRequest } | { ok: false; reason: string };

const short = (sha: string) => sha.slice(0, 7);

/**
 * A results artifact names its pull request, but whoever wrote it may have run a fork's code: the
 * claim holds only when GitHub's own pull request is open and its head is the very commit the
 * triggering run measured, from the same repository. Every refusal is one line ending in
 * "nothing was posted".
 */
export async function checkClaimedPullRequest(
  client: GitHubClient,
  options: { owner: string; repo: string; run: TriggeringRun; claim: Claim },
): Promise<ClaimCheck> {
  const { run, claim } = options;
  const prefix = `results artifact of run ${run.id} claims pull request #${claim.number}`;
  const refuse = (why: string): ClaimCheck => ({ ok: false, reason: `${prefix}, ${why}; nothing was posted` });
  if (claim.headSha !== run.headSha) {
    return refuse(`measured at ${short(claim.headSha)}, but run ${run.id} ran on ${short(run.headSha)}`);
  }
  // A pull request from this repository is named by GitHub itself; the artifact must agree.
  if (run.pullRequests.length > 0 && !run.pullRequests.includes(claim.number)) {
    return refuse(`but GitHub lists run ${run.id} under ${run.pullRequests.map((n) => `#${n}`).join(', ')}`);
  }
  let pull: { state: string; head: { sha: string; repo: { full_name: string } | null }; base: { ref: string; sha: string } };
  try {
    ({ data: pull } = await client.rest.pulls.get({ owner: options.owner, repo: options.repo, pull_number: claim.number }));
  } catch (error) {
    const status = statusOf(error);
    if (status === 404) return refuse('which does not exist');
    const hint = status === 401 || status === 403 ? ' (the workflow needs "permissions: pull-requests: read")' : '';
    const message = (error as Error).message.replace(/\s*\n\s*/g, ' ').trim();
    return refuse(`which could not be read: ${message}${hint}`);
  }
  if (pull.state !== 'open') return refuse(`which is ${pull.state}`);
  if (pull.head.sha !== run.headSha) {
    return refuse(`whose head is ${short(pull.head.sha)}, not ${short(run.headSha)} (the commit the run measured)`);
  }
  // Another fork can push the same commit; only the pull request's own head repository speaks for it.
  const headRepo = pull.head.repo?.full_name;
  if (run.headRepoFullName !== undefined && headRepo?.toLowerCase() !== run.headRepoFullName.toLowerCase()) {
    return refuse(`whose head lives in ${headRepo ?? 'a deleted repository'}, not in ${run.headRepoFullName} where run ${run.id} ran`);
  }
  return { ok: true, pull: { number: claim.number, headSha: pull.head.sha, baseRef: pull.base.ref, baseSha: pull.base.sha } };
}
