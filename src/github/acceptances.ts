import type { AcceptSettings } from '../config/settings.js';
import { parseAcceptCommands } from '../core/accept.js';
import type { Acceptance } from '../core/model.js';
import type { GitHubClient } from './octokit-client.js';
import { statusOf } from './http-status.js';
import { permissionReply, refusalMarker, syntaxReply, type Refusal } from './refusal-replies.js';
import { permissionChecker, type Access } from './repo-permission.js';

export interface CollectAcceptancesOptions {
  owner: string;
  repo: string;
  pullNumber: number;
  /**
   * The pull request's labels, when known; without them they are read from the API, which a
   * re-run needs (it carries its first run's payload) and a push (whose payload has none).
   */
  labels?: readonly string[];
  settings: AcceptSettings;
  log: (line: string) => void;
  /**
   * For a run whose token GitHub will not tell who has write access (a fork's or Dependabot's
   * read-only token): go by what the token can see instead, GitHub's author association of a
   * comment and the triage access adding a label takes. The report job, with a token that can
   * ask, applies the write-access rule to the commit status.
   */
  readOnlyToken?: boolean;
}

export interface CollectedAcceptances {
  acceptances: Acceptance[];
  refusals: Refusal[];
  /** What could not be checked and what the workflow's token lacks, for the report and the log. */
  warnings: string[];
}

interface IssueComment {
  id: number;
  html_url: string;
  body?: string | null;
  user: { login: string; type?: string } | null;
  author_association?: string;
}

/** Author associations that only people the repository gave a role (or owns it) carry. */
const ASSOCIATED = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

interface LabelEvent {
  id: number;
  event: string;
  actor?: { login: string } | null;
  label?: { name: string };
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ').trim();
}

function hint(error: unknown, permission: string): string {
  const status = statusOf(error);
  return status === 401 || status === 403 ? ` (the workflow needs "permissions: ${permission}")` : '';
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function permissionWarning(access: Access & { role: null }, owner: string, repo: string, readOnlyToken: boolean): string {
  if (readOnlyToken) {
    return (
      `perfgate could not read collaborator permissions (GET /repos/${owner}/${repo}/collaborators/{username}/permission: ${access.message}), as GitHub refuses a read-only token. ` +
      "This run went by what the token can see: accept commands of the repository's owners, members and collaborators, and a label (adding one takes triage access). " +
      'The report workflow, whose token can ask, applies the write-access rule to the commit status.'
    );
  }
  return (
    `perfgate could not read collaborator permissions (GET /repos/${owner}/${repo}/collaborators/{username}/permission: ${access.message}), so no accept command or label is obeyed. ` +
    'GitHub grants this to tokens with the "metadata: read" repository permission and has refused it to tokens without push access, such as the read-only token of a pull request from a fork.'
  );
}

interface Context {
  client: GitHubClient;
  options: CollectAcceptancesOptions;
  access: (login: string) => Promise<Access>;
  /** Markers of the replies already on the pull request. */
  replied: Set<string>;
  out: CollectedAcceptances;
  /** The first permission that could not be read: named once, whoever it was for. */
  unreadable?: Access & { role: null };
}

async function accessOf(ctx: Context, login: string): Promise<Access> {
  const access = await ctx.access(login);
  if (access.role === null) ctx.unreadable ??= access;
  return access;
}

/**
 * Who wrote a comment or added a label, as far as a read-only token can tell when GitHub will not
 * answer the permission request: `fallback` is what the token can see.
 */
async function accessOrFallback(ctx: Context, login: string, fallback: { allowed: boolean; role: string }): Promise<Access> {
  const access = await accessOf(ctx, login);
  return access.role === null && ctx.options.readOnlyToken ? fallback : access;
}

async function currentLabels({ client, options }: Context): Promise<string[]> {
  const { data } = await client.rest.issues.get({ owner: options.owner, repo: options.repo, issue_number: options.pullNumber });
  return data.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? '')));
}

/** The label accepts every failure when whoever added it last may push; labels alone need only triage. */
async function fromLabel(ctx: Context, label: string): Promise<void> {
  const { client, options, out } = ctx;
  const labels = options.labels ?? (await currentLabels(ctx));
  if (!labels.some((l) => sameName(l, label))) return;
  const events = (await client.paginate(client.rest.issues.listEvents, { owner: options.owner, repo: options.repo, issue_number: options.pullNumber, per_page: 100 })) as LabelEvent[];
  const added = events.filter((e) => e.event === 'labeled' && e.label !== undefined && sameName(e.label.name, label)).at(-1);
  const login = added?.actor?.login;
  if (!added || !login) {
    out.warnings.push(`the label "${label}" is on the pull request but GitHub names no one who added it, so it accepts nothing`);
    return;
  }
  const access = await accessOrFallback(ctx, login, { allowed: true, role: 'triage or more, as adding a label takes' });
  if (access.allowed) {
    out.acceptances.push({ target: 'all', by: login, reason: `label ${label}`, source: 'label' });
    options.log(`accept: the label "${label}", added by @${login} (${access.role}), accepts every failure`);
    return;
  }
  const marker = refusalMarker({ labelEvent: added.id });
  const why = permissionReply(login, access, `the label "${label}"`, options.settings.command);
  out.refusals.push({ user: login, why, marker, replied: ctx.replied.has(marker) });
}

async function fromComment(ctx: Context, comment: IssueComment, command: string): Promise<void> {
  const { out } = ctx;
  const login = comment.user?.login;
  // Bots post perfgate's own comments and replies, which quote the command.
  if (!login || comment.user?.type === 'Bot' || (comment.body ?? '').includes('<!-- perfgate:')) return;
  const commands = parseAcceptCommands(comment.body ?? '', command);
  if (commands.length === 0) return;
  const marker = refusalMarker({ comment: comment.id });
  const replied = ctx.replied.has(marker);
  const association = comment.author_association ?? 'NONE';
  const access = await accessOrFallback(ctx, login, { allowed: ASSOCIATED.has(association), role: `author association ${association}` });
  if (!access.allowed) {
    const what = commands.length === 1 ? 'this command' : 'these commands';
    out.refusals.push({ user: login, why: permissionReply(login, access, what, command), marker, commentId: comment.id, replied });
    return;
  }
  const problems: { line: string; problem: string }[] = [];
  for (const c of commands) {
    if (c.ok) out.acceptances.push({ target: c.target, by: login, reason: c.reason, source: 'comment', url: comment.html_url });
    else problems.push({ line: c.line, problem: c.problem });
  }
  if (problems.length > 0) out.refusals.push({ user: login, why: syntaxReply(login, problems, command), marker, commentId: comment.id, replied });
}

/**
 * The acceptances of a pull request: its label (if the configured one is on it and whoever added
 * it last has write access) and the accept commands in its comments by users with write access.
 * Commands from others, and commands perfgate cannot read, become refusals to reply to.
 * What the token cannot read becomes a warning and accepts nothing; it never fails the run.
 */
export async function collectAcceptances(client: GitHubClient, options: CollectAcceptancesOptions): Promise<CollectedAcceptances> {
  const { owner, repo, settings } = options;
  const out: CollectedAcceptances = { acceptances: [], refusals: [], warnings: [] };
  if (settings.label === null && settings.command === null) return out;
  let comments: IssueComment[] = [];
  try {
    comments = (await client.paginate(client.rest.issues.listComments, { owner, repo, issue_number: options.pullNumber, per_page: 100 })) as IssueComment[];
  } catch (error) {
    out.warnings.push(`the comments of #${options.pullNumber} could not be read, so no accept command is obeyed: ${oneLine(error)}${hint(error, 'pull-requests: read')}`);
  }
  const replied = new Set(comments.map((c) => (c.body ?? '').split('\n', 1)[0] as string).filter((line) => line.startsWith('<!-- perfgate:refusal ')));
  const ctx: Context = { client, options, access: permissionChecker(client, owner, repo), replied, out };

  if (settings.label !== null) {
    try {
      await fromLabel(ctx, settings.label);
    } catch (error) {
      out.warnings.push(`the label "${settings.label}" could not be checked, so it accepts nothing: ${oneLine(error)}${hint(error, 'pull-requests: read')}`);
    }
  }
  if (settings.command !== null) for (const comment of comments) await fromComment(ctx, comment, settings.command);

  if (ctx.unreadable) out.warnings.push(permissionWarning(ctx.unreadable, owner, repo, options.readOnlyToken === true));
  return out;
}
