import * as core from '@actions/core';
import type { MainBranchRun } from './main-branch.js';
import type { MergeLogEntry } from '../core/merge-log.js';
import type { Report } from '../core/model.js';
import { renderRollback, rollbackTitle } from '../core/render/rollback-markdown.js';
import { statusOf } from '../github/http-status.js';
import { upsertIncidentIssue } from '../github/incident-issue.js';
import { upsertStickyComment } from '../github/sticky-comment.js';

function permissionHint(error: unknown, permission: string): string {
  const status = statusOf(error);
  return status === 401 || status === 403 ? ` (the workflow needs "permissions: ${permission}", or set rollback.${permission.startsWith('issues') ? 'issue' : 'comment'}: false in perfgate.yml)` : '';
}

/**
 * Tells people: a comment on the merged pull request and one incident issue per merge, each updated
 * rather than repeated when the run is retried. Returns the issue, once there is one.
 */
export async function publishRollback(run: MainBranchRun, entry: MergeLogEntry, report: Report): Promise<{ number: number; url: string } | undefined> {
  const { client, ctx, settings, inputs, deadline } = run;
  const text = { mentions: settings.rollback.mentions, ...(ctx.runUrl ? { runUrl: ctx.runUrl } : {}) };
  let issue: { number: number; url: string } | undefined;
  if (settings.rollback.issue) {
    try {
      const outcome = await deadline.run('opening the incident issue', () =>
        upsertIncidentIssue(client, {
          owner: ctx.owner,
          repo: ctx.repo,
          commit: entry.commit,
          title: rollbackTitle(entry),
          body: renderRollback(entry, report, text),
          labels: settings.rollback.labels,
          log: (line) => core.info(line),
        }),
      );
      issue = { number: outcome.number, url: outcome.url };
      core.info(`${outcome.action} the incident issue #${outcome.number}: ${outcome.url}`);
    } catch (error) {
      core.warning(`the incident issue was not opened: ${(error as Error).message}${permissionHint(error, 'issues: write')}`);
    }
  }
  if (settings.rollback.comment && entry.pr) {
    const withIssue = issue ? { ...entry, rollback: { ...entry.rollback!, issue } } : entry;
    const body = `${renderRollback(withIssue, report, text)}${issue ? `\nIncident: #${issue.number}\n` : ''}`;
    try {
      const outcome = await deadline.run('commenting on the merged pull request', () =>
        upsertStickyComment(client, {
          owner: ctx.owner,
          repo: ctx.repo,
          issueNumber: entry.pr!.number,
          commentId: `rollback-${entry.commit}`,
          body,
          mode: 'always',
          failing: true,
          changed: true,
          token: inputs.token,
          log: (line) => core.info(line),
        }),
      );
      if (outcome.action !== 'skipped') core.info(`${outcome.action} the rollback comment on #${entry.pr.number}: ${outcome.url}`);
    } catch (error) {
      core.warning(`no rollback comment was posted on #${entry.pr.number}: ${(error as Error).message}${permissionHint(error, 'pull-requests: write')}`);
    }
  }
  return issue;
}
