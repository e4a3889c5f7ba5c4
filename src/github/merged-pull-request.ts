import type { MergedPullRequest, MergeMethod } from '../core/merge-log.js';
import type { GitHubClient } from './octokit-client.js';
import { statusOf } from './http-status.js';

/** What a push to the base branch was: which pull request it merged, how, and what came before. */
export interface IdentifiedMerge {
  pr: MergedPullRequest | null;
  mergeMethod: MergeMethod;
  /** The commits the push brought, oldest first. */
  commits: string[];
  /** The tip of the branch before the push: what the merge is compared with. */
  parent: string | null;
  /** The pushed commit has two or more parents (its revert needs `-m 1`). */
  mergeCommit: boolean;
  /** The pull request's merged_at, else the pushed commit's time; undefined when neither is known. */
  time?: string;
  warnings: string[];
}

export interface IdentifyOptions {
  owner: string;
  repo: string;
  /** The commit the push left at the tip. */
  sha: string;
  baseBranch: string;
  /** From the push event: the previous tip ('' for a new branch) and the pushed commits. */
  push?: { before: string; commits: string[]; headTime?: string };
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ').trim();
}

function hint(error: unknown, permission: string): string {
  const status = statusOf(error);
  return status === 401 || status === 403 ? ` (the workflow needs "permissions: ${permission}")` : '';
}

interface AssociatedPull {
  number: number;
  title: string;
  html_url?: string;
  user: { login: string } | null;
  merged_at: string | null;
  merge_commit_sha: string | null;
  base: { ref: string };
}

/**
 * Finds the pull request a push merged through the commit's associated pull requests: GitHub
 * associates a merge commit, a squash commit and each rebased commit with the pull request they
 * came from. A push no merged pull request explains is logged as a direct push.
 */
export async function identifyMerge(client: GitHubClient, options: IdentifyOptions): Promise<IdentifiedMerge> {
  const warnings: string[] = [];
  const { owner, repo, sha } = options;
  let parents: string[] = [];
  let commitTime: string | undefined;
  try {
    const { data } = await client.rest.repos.getCommit({ owner, repo, ref: sha });
    parents = data.parents.map((p) => p.sha);
    commitTime = data.commit.committer?.date ?? data.commit.author?.date;
  } catch (error) {
    warnings.push(`commit ${sha.slice(0, 7)} could not be read: ${oneLine(error)}${hint(error, 'contents: read')}`);
  }

  let pull: AssociatedPull | undefined;
  try {
    const pulls = (await client.paginate(client.rest.repos.listPullRequestsAssociatedWithCommit, { owner, repo, commit_sha: sha, per_page: 100 })) as AssociatedPull[];
    const merged = pulls.filter((p) => p.merged_at !== null && p.base.ref === options.baseBranch);
    // The pull request whose merge produced this very commit beats one that merely contains it.
    pull = merged.find((p) => p.merge_commit_sha === sha) ?? merged.sort((a, b) => Date.parse(b.merged_at!) - Date.parse(a.merged_at!))[0];
  } catch (error) {
    warnings.push(`the pull request merged by ${sha.slice(0, 7)} could not be looked up: ${oneLine(error)}${hint(error, 'pull-requests: read')}; it is logged as a direct push`);
  }

  const pushed = options.push?.commits.length ? [...options.push.commits] : [sha];
  if (pushed[pushed.length - 1] !== sha) pushed.push(sha);
  const parent = options.push?.before || parents[0] || null;
  const mergeCommit = parents.length > 1;
  const time = pull?.merged_at ?? options.push?.headTime ?? commitTime;
  if (!pull) {
    return { pr: null, mergeMethod: 'direct', commits: pushed, parent, mergeCommit, ...(time ? { time } : {}), warnings };
  }
  const pr: MergedPullRequest = { number: pull.number, title: pull.title, author: pull.user?.login ?? 'ghost', ...(pull.html_url ? { url: pull.html_url } : {}) };
  // A merge commit lists the pull request's commits among the pushed ones, so it is told apart first.
  const mergeMethod: MergeMethod = mergeCommit ? 'merge' : pushed.length > 1 ? 'rebase' : 'squash';
  return { pr, mergeMethod, commits: mergeMethod === 'merge' ? [sha] : pushed, parent, mergeCommit, ...(time ? { time } : {}), warnings };
}
