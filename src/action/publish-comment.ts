import * as core from '@actions/core';
import type { Report } from '../core/model.js';
import { renderMarkdown } from '../core/render/markdown.js';
import type { GitHubClient } from '../github/octokit-client.js';
import { upsertStickyComment } from '../github/sticky-comment.js';
import type { Deadline } from './deadline.js';
import { failureMessage } from './fail-policy.js';
import type { ActionInputs } from './inputs.js';

export interface CommentTarget {
  owner: string;
  repo: string;
  pullNumber: number;
}

/**
 * Creates or updates the sticky comment with the report. Never throws: a comment that cannot be
 * posted is a warning that names the permission, and the url is then ''.
 */
export async function publishComment(client: GitHubClient, inputs: ActionInputs, target: CommentTarget, report: Report, deadline: Deadline): Promise<string> {
  const failing = failureMessage(report, inputs.failOn) !== null;
  try {
    const outcome = await deadline.run('posting the pull request comment', () =>
      upsertStickyComment(client, {
        owner: target.owner,
        repo: target.repo,
        issueNumber: target.pullNumber,
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
