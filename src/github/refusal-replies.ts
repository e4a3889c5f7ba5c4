import type { GitHubClient } from './octokit-client.js';
import type { Access } from './repo-permission.js';
import { statusOf } from './http-status.js';

/** A command or label perfgate did not obey, and the reply that says why. */
export interface Refusal {
  user: string;
  /** The reply, addressed to the user. */
  why: string;
  /** Finds the reply again, so that every run does not reply once more. */
  marker: string;
  /** The refused comment; absent for a refused label. */
  commentId?: number;
  /** A reply with this marker is on the pull request already. */
  replied: boolean;
}

export function refusalMarker(subject: { comment: number } | { labelEvent: number }): string {
  return 'comment' in subject ? `<!-- perfgate:refusal comment=${subject.comment} -->` : `<!-- perfgate:refusal label-event=${subject.labelEvent} -->`;
}

/** A code span that shows any text verbatim: a fence longer than the backticks inside. */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function syntax(command: string): string {
  return code(`${command} <benchmark or all> <reason>`);
}

/** Why `access` does not let the user accept; `what` is the refused thing ("this command", "the label ..."). */
export function permissionReply(login: string, access: Access, what: string, command: string | null): string {
  if (access.role === null) {
    const answer = access.status !== undefined ? `GitHub answered ${access.status}` : 'the request failed';
    return `@${login}, perfgate could not check whether you have write access to this repository (${answer} when it asked), so ${what} accepts nothing. The run's warnings say what the workflow's token lacks.`;
  }
  const has = access.role === 'none' ? 'you have no access' : access.role.startsWith('author association ') ? `GitHub shows you as ${access.role}` : `you have ${access.role} access`;
  const instead = command ? ` A maintainer can comment ${syntax(command)} instead.` : '';
  return `@${login}, only people with write access to this repository can accept a perfgate regression; ${has}, so ${what} accepts nothing.${instead}`;
}

/** Why the lines of a comment were not understood, with the syntax and an example. */
export function syntaxReply(login: string, problems: { line: string; problem: string }[], command: string): string {
  const listed = problems.map((p) => `- ${code(p.line)}: ${p.problem}`);
  return [
    `@${login}, perfgate could not read ${problems.length === 1 ? 'this command' : 'these commands'}:`,
    '',
    ...listed,
    '',
    `Write one command per line: ${syntax(command)}. A benchmark id that contains spaces goes in double quotes or backticks, e.g. ${code(`${command} "js/sum 1..100" the exact algorithm is slower by design`)}.`,
  ].join('\n');
}

export interface PostRefusalsOptions {
  owner: string;
  repo: string;
  pullNumber: number;
  refusals: readonly Refusal[];
  log: (line: string) => void;
}

async function deleteQuietly(client: GitHubClient, owner: string, repo: string, id: number): Promise<void> {
  try {
    await client.rest.issues.deleteComment({ owner, repo, comment_id: id });
  } catch (error) {
    // Another run removed it already: the outcome wanted.
    if (statusOf(error) !== 404) throw error;
  }
}

/**
 * Replies once to each refusal not answered yet. Two runs of one pull request can both reply:
 * afterwards the oldest reply of each marker stays, the newer ones are deleted. A token that
 * cannot comment (a pull request from a fork) gets a warning, not a failed check.
 */
export async function postRefusals(client: GitHubClient, options: PostRefusalsOptions): Promise<{ posted: number; warnings: string[] }> {
  const { owner, repo, pullNumber, log } = options;
  const pending = options.refusals.filter((r) => !r.replied);
  let posted = 0;
  let author: string | undefined;
  for (const refusal of pending) {
    try {
      const { data } = await client.rest.issues.createComment({ owner, repo, issue_number: pullNumber, body: `${refusal.marker}\n${refusal.why}` });
      author = data.user?.login;
      posted++;
    } catch (error) {
      const status = statusOf(error);
      if (status !== 403 && status !== 401) throw error;
      return { posted, warnings: [`perfgate could not reply to @${refusal.user} why an accept was refused (GitHub answered ${status}; replying needs "permissions: pull-requests: write")`] };
    }
  }
  if (author === undefined) return { posted, warnings: [] };
  // Only replies by the account that just posted are ours to delete; anyone can type a marker.
  const markers = new Set(pending.map((r) => r.marker));
  const comments = await client.paginate(client.rest.issues.listComments, { owner, repo, issue_number: pullNumber, per_page: 100 });
  const kept = new Set<string>();
  for (const c of [...comments].sort((a, b) => a.id - b.id)) {
    const marker = (c.body ?? '').split('\n', 1)[0] as string;
    if (c.user?.login !== author || !markers.has(marker)) continue;
    if (!kept.has(marker)) kept.add(marker);
    else {
      await deleteQuietly(client, owner, repo, c.id);
      log(`another run replied first to ${marker}: removed the newer reply ${c.id}`);
    }
  }
  return { posted, warnings: [] };
}
