/**
 * Issues: create, read, edit and list with GitHub's filters. Pull requests are issues to these
 * endpoints: they are listed (with a `pull_request` key), read and edited here too.
 */
import { githubError, isoNow, linkHeader, nodeId, notFound, paginate } from './http-util.js';
import type { Reply, RestRoutes } from './http-util.js';
import type { IssueRecord, PullRecord, StateReason } from './issue-tracker.js';
import { sampleOf } from './openapi-sample.js';
import type { State } from './state.js';

/** github.com refuses longer titles and bodies. */
export const MAX_ISSUE_TITLE_CHARS = 256;
export const MAX_ISSUE_BODY_CHARS = 65_536;

/** An issue or a pull request, as the issue endpoints see it. */
interface IssueView extends IssueRecord {
  pull?: PullRecord;
}

function fromIssue(i: IssueRecord): IssueView {
  return { ...i };
}

function fromPull(p: PullRecord): IssueView {
  const { number, title, body, state, labels, assignees, user, createdAt, updatedAt, closedAt } = p;
  return { number, title, body, state, stateReason: null, labels, assignees, user, createdAt, updatedAt, closedAt, closedBy: p.mergedBy, pull: p };
}

function viewOf(state: State, n: number): IssueView | undefined {
  const issue = state.tracker.issues.get(n);
  if (issue) return fromIssue(issue);
  const pull = state.tracker.pulls.get(n);
  return pull ? fromPull(pull) : undefined;
}

export function renderLabel(state: State, name: string): Record<string, unknown> {
  const l = state.tracker.label(name) ?? { id: 0, name, color: 'ededed', description: null, default: false };
  return {
    id: l.id,
    node_id: nodeId('LA', l.id),
    url: `${state.repoApi}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    color: l.color,
    default: l.default,
    description: l.description,
  };
}

function renderIssue(state: State, v: IssueView): Record<string, unknown> {
  const api = `${state.repoApi}/issues/${v.number}`;
  const html = `${state.repoHtml}/${v.pull ? 'pull' : 'issues'}/${v.number}`;
  return sampleOf('issue', {
    id: 2_800_000_000 + v.number,
    node_id: nodeId('I', v.number),
    url: api,
    repository_url: state.repoApi,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    timeline_url: `${api}/timeline`,
    html_url: html,
    number: v.number,
    state: v.state,
    state_reason: v.stateReason,
    title: v.title,
    body: v.body,
    user: state.user(v.user),
    labels: v.labels.map((name) => renderLabel(state, name)),
    assignee: v.assignees[0] ? state.user(v.assignees[0]) : null,
    assignees: v.assignees.map((login) => state.user(login)),
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: state.commentsOf(v.number).length,
    created_at: v.createdAt,
    updated_at: v.updatedAt,
    closed_at: v.closedAt,
    closed_by: v.closedBy ? state.user(v.closedBy) : null,
    author_association: v.pull?.fromFork ? 'CONTRIBUTOR' : state.association(v.user),
    ...(v.pull
      ? {
          draft: v.pull.draft,
          pull_request: {
            url: `${state.repoApi}/pulls/${v.number}`,
            html_url: html,
            diff_url: `${html}.diff`,
            patch_url: `${html}.patch`,
            merged_at: v.pull.mergedAt,
          },
        }
      : {}),
  });
}

function labelNames(labels: unknown): string[] {
  if (!Array.isArray(labels)) return [];
  return labels.map((l) => (typeof l === 'string' ? l : String((l as { name?: unknown }).name ?? ''))).filter((n) => n.trim() !== '');
}

function refuse(field: string, code: string, why: string, message?: string): Reply {
  const error = { resource: 'Issue', code, field, ...(message ? { message } : {}) };
  return { ...githubError(422, 'Validation Failed', { errors: [error] }), rejected: why };
}

/** The checks github.com makes on an issue's title, body and milestone. */
function checkFields(b: { title?: unknown; body?: unknown; milestone?: unknown }, creating: boolean): Reply | undefined {
  if (creating || (b.title !== undefined && b.title !== null)) {
    const title = String(b.title ?? '');
    if (title.trim() === '') return refuse('title', 'missing_field', 'issue title is blank');
    const chars = [...title].length;
    if (chars > MAX_ISSUE_TITLE_CHARS) {
      return refuse('title', 'custom', `issue title has ${chars} characters, over GitHub's limit of ${MAX_ISSUE_TITLE_CHARS}`, `title is too long (maximum is ${MAX_ISSUE_TITLE_CHARS} characters)`);
    }
  }
  if (typeof b.body === 'string') {
    const chars = [...b.body].length;
    if (chars > MAX_ISSUE_BODY_CHARS) {
      return refuse('body', 'custom', `issue body has ${chars} characters, over GitHub's limit of ${MAX_ISSUE_BODY_CHARS}`, `body is too long (maximum is ${MAX_ISSUE_BODY_CHARS} characters)`);
    }
  }
  if (b.milestone !== undefined && b.milestone !== null) {
    return refuse('milestone', 'invalid', `milestone ${String(b.milestone)} does not exist (the test server has no milestones)`);
  }
  return undefined;
}

function assigneesOf(b: { assignee?: unknown; assignees?: unknown }): string[] | undefined {
  if (Array.isArray(b.assignees)) {
    return b.assignees.map((a) => (typeof a === 'string' ? a : String((a as { login?: unknown }).login ?? ''))).filter((a) => a !== '');
  }
  if (b.assignee !== undefined) return typeof b.assignee === 'string' && b.assignee !== '' ? [b.assignee] : [];
  return undefined;
}

interface EditBody {
  title?: string | number | null;
  body?: string | null;
  state?: 'open' | 'closed';
  state_reason?: StateReason | null;
  labels?: unknown;
  assignee?: string | null;
  assignees?: unknown;
  milestone?: unknown;
}

function editIssue(state: State, rec: IssueRecord, b: EditBody, now: string): void {
  if (b.state && b.state !== rec.state) {
    rec.state = b.state;
    // GitHub records why an issue was closed; reopening says so
    rec.stateReason = b.state === 'closed' ? (b.state_reason ?? 'completed') : 'reopened';
    rec.closedAt = b.state === 'closed' ? now : null;
    rec.closedBy = b.state === 'closed' ? state.tokenUser : null;
  }
}

function editPull(rec: PullRecord, b: EditBody, now: string): Reply | undefined {
  if (!b.state || b.state === rec.state) return undefined;
  if (rec.mergedAt !== null) {
    return { ...githubError(422, 'Validation Failed', { errors: [{ resource: 'Issue', code: 'custom', field: 'state', message: 'state cannot be changed. The pull request has been merged.' }] }), rejected: `#${rec.number} is a merged pull request: it cannot be reopened` };
  }
  rec.state = b.state;
  rec.closedAt = b.state === 'closed' ? now : null;
  return undefined;
}

function listFilter(query: Record<string, string>): ((v: IssueView) => boolean) | Reply {
  const tests: ((v: IssueView) => boolean)[] = [];
  const wanted = query['state'] ?? 'open';
  if (wanted !== 'all') tests.push((v) => v.state === wanted);
  const labels = (query['labels'] ?? '').split(',').map((l) => l.trim().toLowerCase()).filter((l) => l !== '');
  if (labels.length > 0) tests.push((v) => labels.every((l) => v.labels.some((x) => x.toLowerCase() === l)));
  const creator = query['creator']?.toLowerCase();
  if (creator !== undefined) tests.push((v) => v.user.toLowerCase() === creator);
  const assignee = query['assignee'];
  if (assignee === 'none') tests.push((v) => v.assignees.length === 0);
  else if (assignee === '*') tests.push((v) => v.assignees.length > 0);
  else if (assignee !== undefined) tests.push((v) => v.assignees.some((a) => a.toLowerCase() === assignee.toLowerCase()));
  const mentioned = query['mentioned'];
  if (mentioned !== undefined) {
    const at = new RegExp(`(^|[^\\w@])@${mentioned.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i');
    tests.push((v) => at.test(v.body ?? ''));
  }
  // the repository has no milestones and no issue types: "any" matches nothing, "none" everything
  for (const key of ['milestone', 'type']) {
    const value = query[key];
    if (value !== undefined && value !== 'none') tests.push(() => false);
  }
  if (query['issue_field_values'] !== undefined) tests.push(() => false);
  const since = query['since'];
  if (since !== undefined) {
    if (Number.isNaN(Date.parse(since))) return { ...githubError(422, `Invalid value for since: ${since}`), rejected: `since is not a timestamp: ${since}` };
    tests.push((v) => Date.parse(v.updatedAt) >= Date.parse(since));
  }
  return (v) => tests.every((t) => t(v));
}

export const issueRoutes: RestRoutes = {
  'GET /repos/{owner}/{repo}/issues': ({ state, query }) => {
    const keep = listFilter(query);
    if (typeof keep !== 'function') return keep;
    const all = [...state.tracker.issues.values()].map(fromIssue).concat([...state.tracker.pulls.values()].map(fromPull)).filter(keep);
    const sort = query['sort'] ?? 'created';
    const key = (v: IssueView): number =>
      sort === 'updated' ? Date.parse(v.updatedAt) : sort === 'comments' ? state.commentsOf(v.number).length : Date.parse(v.createdAt);
    const sign = (query['direction'] ?? 'desc') === 'asc' ? 1 : -1;
    // timestamps have second precision: the number breaks ties the way creation order would
    all.sort((a, b) => sign * (key(a) - key(b) || a.number - b.number));
    const page = paginate(all, query, `${state.apiUrl}/repositories/${state.repositoryId}/issues`);
    return { status: 200, body: page.items.map((v) => renderIssue(state, v)), headers: linkHeader(page) };
  },

  'POST /repos/{owner}/{repo}/issues': ({ state, body }) => {
    const b = body as { title: string | number; body?: string | null; labels?: unknown; assignee?: string | null; assignees?: unknown; milestone?: unknown };
    const refused = checkFields(b, true);
    if (refused) return refused;
    const labels = state.tracker.ensureLabels(labelNames(b.labels));
    const rec = state.tracker.createIssue({ title: String(b.title), body: b.body ?? null, labels, assignees: assigneesOf(b) ?? [] }, state.tokenUser);
    return { status: 201, body: renderIssue(state, fromIssue(rec)), headers: { location: `${state.repoApi}/issues/${rec.number}` } };
  },

  'GET /repos/{owner}/{repo}/issues/{issue_number}': ({ state, pathParams }) => {
    const v = viewOf(state, Number(pathParams['issue_number']));
    return v ? { status: 200, body: renderIssue(state, v) } : notFound();
  },

  'PATCH /repos/{owner}/{repo}/issues/{issue_number}': ({ state, pathParams, body }) => {
    const n = Number(pathParams['issue_number']);
    const issue = state.tracker.issues.get(n);
    const pull = state.tracker.pulls.get(n);
    const rec = issue ?? pull;
    if (!rec) return notFound();
    const b = (body ?? {}) as EditBody;
    const refused = checkFields(b, false);
    if (refused) return refused;
    const now = isoNow();
    if (issue) editIssue(state, issue, b, now);
    else if (pull) {
      const stuck = editPull(pull, b, now);
      if (stuck) return stuck;
    }
    if (b.title !== undefined && b.title !== null) rec.title = String(b.title);
    if (b.body !== undefined) rec.body = b.body;
    if (b.labels !== undefined) {
      const labels = state.tracker.ensureLabels(labelNames(b.labels));
      state.tracker.recordLabelChange(n, rec.labels, labels, state.tokenUser, now);
      rec.labels = labels;
    }
    const assignees = assigneesOf(b);
    if (assignees) rec.assignees = assignees;
    rec.updatedAt = now;
    return { status: 200, body: renderIssue(state, viewOf(state, n)!) };
  },
};
