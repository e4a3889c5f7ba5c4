import * as core from '@actions/core';
import type { AcceptSettings } from '../config/settings.js';
import { applyAcceptances } from '../core/accept.js';
import type { Report } from '../core/model.js';
import { collectAcceptances } from '../github/acceptances.js';
import type { GitHubClient } from '../github/octokit-client.js';
import { postRefusals } from '../github/refusal-replies.js';
import type { Deadline } from './deadline.js';

export interface AcceptRun {
  client: GitHubClient;
  owner: string;
  repo: string;
  pullNumber: number;
  settings: AcceptSettings;
  deadline: Deadline;
  /**
   * Reply to refused commands. On the pull request's run; after the merge the replies were made
   * already, and a merged pull request is no place for new ones.
   */
  reply: boolean;
  /** The run's token is read-only (a fork's or Dependabot's pull request): see CollectAcceptancesOptions. */
  readOnlyToken?: boolean;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The report with the pull request's accepted regressions applied. Trouble with GitHub accepts
 * nothing and becomes a warning: the check then fails as it would have without acceptances.
 */
export async function acceptRegressions(report: Report, run: AcceptRun): Promise<Report> {
  const { client, owner, repo, pullNumber, settings, deadline } = run;
  if (settings.label === null && settings.command === null) return report;
  const warnings: string[] = [];
  let accepted = report;
  try {
    // The labels are read, not taken from the payload: a re-run carries the payload of its first run.
    const collected = await deadline.run('reading accepted regressions', () => collectAcceptances(client, { owner, repo, pullNumber, settings, log: (line) => core.info(line), ...(run.readOnlyToken ? { readOnlyToken: true } : {}) }));
    warnings.push(...collected.warnings);
    accepted = applyAcceptances(report, collected.acceptances);
    for (const a of accepted.acceptances ?? []) {
      core.info(`accept by @${a.by} (${a.source}) of ${a.target}: ${a.benchmarks.length > 0 ? a.benchmarks.join(', ') : 'nothing failing matched'}`);
    }
    if (run.reply && collected.refusals.length > 0) {
      const replied = await deadline.run('replying to refused accept commands', () => postRefusals(client, { owner, repo, pullNumber, refusals: collected.refusals, log: (line) => core.info(line) }));
      warnings.push(...replied.warnings);
    }
  } catch (error) {
    warnings.push(`accepted regressions could not be read or answered: ${message(error)}`);
  }
  for (const line of warnings) core.warning(line);
  return warnings.length > 0 ? { ...accepted, warnings: [...accepted.warnings, ...warnings] } : accepted;
}
