import type { GitHubClient } from './octokit-client.js';
import { statusOf } from './http-status.js';

/** GitHub refuses a status description over 140 characters. */
export const MAX_STATUS_DESCRIPTION = 140;

export interface CommitStatus {
  owner: string;
  repo: string;
  sha: string;
  state: 'success' | 'failure' | 'error' | 'pending';
  context: string;
  description: string;
  targetUrl?: string;
}

function clip(text: string): string {
  return text.length <= MAX_STATUS_DESCRIPTION ? text : `${text.slice(0, MAX_STATUS_DESCRIPTION - 1)}…`;
}

/** Sets the status; throws one line, naming the permission on 401/403. */
export async function postCommitStatus(client: GitHubClient, status: CommitStatus): Promise<void> {
  try {
    await client.rest.repos.createCommitStatus({
      owner: status.owner,
      repo: status.repo,
      sha: status.sha,
      state: status.state,
      context: status.context,
      description: clip(status.description),
      ...(status.targetUrl ? { target_url: status.targetUrl } : {}),
    });
  } catch (error) {
    const code = statusOf(error);
    const hint = code === 401 || code === 403 ? ' (the workflow needs "permissions: statuses: write")' : '';
    throw new Error(`no commit status was set on ${status.sha.slice(0, 7)}: ${(error as Error).message.replace(/\s*\n\s*/g, ' ').trim()}${hint}`);
  }
}
