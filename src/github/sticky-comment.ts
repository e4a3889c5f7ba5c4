import type { CommentMode } from '../action/constants.js';
import type { GitHubClient } from './octokit-client.js';
import { statusOf } from './http-status.js';

/** GitHub refuses comment bodies over 65,536 characters. */
export const MAX_COMMENT_LENGTH = 65_536;
/** GITHUB_TOKEN cannot call GET /user; its comments are written by this account. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

export function commentMarker(commentId: string): string {
  return `<!-- perfgate:comment id=${commentId} -->`;
}

export interface StickyCommentRequest {
  owner: string;
  repo: string;
  issueNumber: number;
  commentId: string;
  /** The rendered report, without the marker. */
  body: string;
  mode: CommentMode;
  failing: boolean;
  /** Something other than a plain pass is in the report. */
  changed: boolean;
  /** The API token, to tell whose comments are ours (never logged). */
  token: string;
  log: (line: string) => void;
}

export type StickyCommentOutcome =
  | { action: 'created' | 'updated'; url: string; removedDuplicates: number }
  | { action: 'skipped'; reason: string };

interface OwnComment {
  id: number;
  url: string;
}

/** Whose comments are ours: one login, or (for app installation tokens) the bot that posted them. */
export type CommentOwner = { login: string } | { installationBot: true };

/**
 * GITHUB_TOKEN and GitHub App tokens are installation tokens ("ghs_"): GitHub answers GET /user
 * with 403 for them, and their comments come from a bot account ("github-actions[bot]" or
 * "<app>[bot]"), which no person can impersonate. Other tokens belong to a user we can ask for.
 */
export async function resolveCommentOwner(client: GitHubClient, token: string): Promise<CommentOwner> {
  if (token.startsWith('ghs_')) return { installationBot: true };
  try {
    const { data } = await client.rest.users.getAuthenticated();
    return { login: data.login };
  } catch (error) {
    const status = statusOf(error);
    if (status === 401 || status === 403) return { login: ACTIONS_BOT_LOGIN };
    throw error;
  }
}

function isOwnedBy(user: { login: string; type?: string } | null | undefined, owner: CommentOwner): boolean {
  if (!user) return false;
  return 'login' in owner ? user.login === owner.login : user.type === 'Bot';
}

/** Our comments on the pull request, oldest first, found among ALL comments (they paginate). */
async function findOwnComments(client: GitHubClient, request: StickyCommentRequest, owner: CommentOwner): Promise<OwnComment[]> {
  const marker = commentMarker(request.commentId);
  const comments = await client.paginate(client.rest.issues.listComments, {
    owner: request.owner,
    repo: request.repo,
    issue_number: request.issueNumber,
    per_page: 100,
  });
  return comments
    .filter((c) => isOwnedBy(c.user, owner) && typeof c.body === 'string' && c.body.startsWith(marker))
    .map((c) => ({ id: c.id, url: c.html_url }))
    .sort((a, b) => a.id - b.id);
}

function fullBody(request: StickyCommentRequest): string {
  const text = `${commentMarker(request.commentId)}\n${request.body}`;
  if (text.length <= MAX_COMMENT_LENGTH) return text;
  return `${text.slice(0, MAX_COMMENT_LENGTH - 80)}\n\n… cut at GitHub's comment limit; see the job summary.`;
}

async function deleteQuietly(client: GitHubClient, request: StickyCommentRequest, id: number): Promise<void> {
  try {
    await client.rest.issues.deleteComment({ owner: request.owner, repo: request.repo, comment_id: id });
  } catch (error) {
    // Another run may have removed it already: that is the outcome we wanted.
    if (statusOf(error) !== 404) throw error;
  }
}

/**
 * Creates or updates the one perfgate comment of a pull request. Concurrent runs each look again
 * after creating: the oldest comment of ours wins and newer duplicates are deleted, so the pull
 * request ends with exactly one.
 */
export async function upsertStickyComment(client: GitHubClient, request: StickyCommentRequest): Promise<StickyCommentOutcome> {
  if (request.mode === 'never') return { action: 'skipped', reason: 'the comment input is "never"' };
  const commentOwner = await resolveCommentOwner(client, request.token);
  const body = fullBody(request);
  const existing = await findOwnComments(client, request, commentOwner);
  const wanted =
    request.mode === 'always' || (request.mode === 'on-change' && request.changed) || (request.mode === 'on-failure' && request.failing);
  const { owner, repo } = request;

  if (existing.length > 0) {
    // An existing comment is always brought up to date, so a fixed failure never stays on show.
    const [keep, ...rest] = existing as [OwnComment, ...OwnComment[]];
    const { data } = await client.rest.issues.updateComment({ owner, repo, comment_id: keep.id, body });
    for (const duplicate of rest) await deleteQuietly(client, request, duplicate.id);
    return { action: 'updated', url: data.html_url, removedDuplicates: rest.length };
  }
  if (!wanted) return { action: 'skipped', reason: `the comment input is "${request.mode}" and there is nothing to report` };

  const { data: created } = await client.rest.issues.createComment({ owner, repo, issue_number: request.issueNumber, body });
  // Once we have posted, our exact login is known: narrow "a bot" down to us.
  const after = await findOwnComments(client, request, created.user ? { login: created.user.login } : commentOwner);
  const oldest = after[0];
  if (!oldest || oldest.id === created.id) {
    for (const duplicate of after.slice(1)) await deleteQuietly(client, request, duplicate.id);
    return { action: 'created', url: created.html_url, removedDuplicates: Math.max(0, after.length - 1) };
  }
  // Another run created its comment first: keep that one, with our newer report.
  await deleteQuietly(client, request, created.id);
  const { data } = await client.rest.issues.updateComment({ owner, repo, comment_id: oldest.id, body });
  for (const duplicate of after.slice(1)) if (duplicate.id !== created.id) await deleteQuietly(client, request, duplicate.id);
  request.log(`another run created the perfgate comment first: updated comment ${oldest.id} and removed ours`);
  return { action: 'updated', url: data.html_url, removedDuplicates: after.length - 1 };
}
