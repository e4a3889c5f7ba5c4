/**
 * The repository itself, the token's user, pull requests, commit statuses and issues: just
 * enough for the action, with bodies generated from the description (openapi-sample) so every
 * required field is there.
 */
import { githubError, isoNow, nodeId, notFound } from './http-util.js';
import type { RestRoutes } from './http-util.js';
import { sampleOf } from './openapi-sample.js';
import type { IssueRecord, PullRecord, State } from './state.js';

function repoOverride(state: State, id: number, owner: string, name: string, fork: boolean): Record<string, unknown> {
  const api = `${state.apiUrl}/repos/${owner}/${name}`;
  return {
    id,
    node_id: nodeId('R', id),
    name,
    full_name: `${owner}/${name}`,
    owner: { ...state.user(owner), type: 'Organization' },
    private: false,
    visibility: 'public',
    fork,
    html_url: `https://github.com/${owner}/${name}`,
    url: api,
    default_branch: 'main',
    created_at: '2024-03-01T10:00:00Z',
    updated_at: isoNow(),
    pushed_at: isoNow(),
  };
}

function renderPull(state: State, p: PullRecord): Record<string, unknown> {
  const headOwner = p.fromFork ? 'fork-user' : state.owner;
  const headRepoId = p.fromFork ? state.repositoryId + 1_000_003 : state.repositoryId;
  const author = state.user(p.fromFork ? 'fork-user' : 'octocat');
  const api = `${state.repoApi}/pulls/${p.number}`;
  return sampleOf('pull-request', {
    url: api,
    id: 1_900_000_000 + p.number,
    node_id: nodeId('PR', p.number),
    html_url: `${state.repoHtml}/pull/${p.number}`,
    issue_url: `${state.repoApi}/issues/${p.number}`,
    number: p.number,
    state: p.state,
    title: p.title,
    user: author,
    body: null,
    merged: p.merged,
    draft: false,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: isoNow(),
    head: {
      label: `${headOwner}:${p.headRef}`,
      ref: p.headRef,
      sha: p.headSha,
      user: author,
      repo: repoOverride(state, headRepoId, headOwner, state.repo, p.fromFork),
    },
    base: {
      label: `${state.owner}:${p.baseRef}`,
      ref: p.baseRef,
      sha: p.baseSha,
      user: { ...state.user(state.owner), type: 'Organization' },
      repo: repoOverride(state, state.repositoryId, state.owner, state.repo, false),
    },
  });
}

function renderIssue(state: State, i: IssueRecord): Record<string, unknown> {
  return sampleOf('issue', {
    id: 2_800_000_000 + i.number,
    node_id: nodeId('I', i.number),
    url: `${state.repoApi}/issues/${i.number}`,
    repository_url: state.repoApi,
    html_url: `${state.repoHtml}/issues/${i.number}`,
    number: i.number,
    state: i.state,
    title: i.title,
    body: i.body,
    user: state.user(state.tokenUser),
    labels: i.labels.map((name, k) => ({ id: 6_000_000_000 + k, name })),
    comments: state.commentsOf(i.number).length,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    closed_at: i.state === 'closed' ? i.updatedAt : null,
    author_association: 'NONE',
  });
}

function labelNames(labels: unknown): string[] {
  return Array.isArray(labels) ? labels.map((l) => (typeof l === 'string' ? l : String((l as { name?: string }).name ?? ''))) : [];
}

export const repoRoutes: RestRoutes = {
  'GET /repos/{owner}/{repo}': ({ state }) => ({
    status: 200,
    body: sampleOf('full-repository', {
      ...repoOverride(state, state.repositoryId, state.owner, state.repo, false),
      network_count: 0,
      subscribers_count: 1,
    }),
  }),

  // An installation token (GITHUB_TOKEN) cannot read /user; github.com answers this.
  'GET /user': () => ({
    ...githubError(403, 'Resource not accessible by integration'),
    rejected: 'GITHUB_TOKEN is an installation token: github.com answers GET /user with 403',
  }),

  'GET /repos/{owner}/{repo}/pulls/{pull_number}': ({ state, pathParams }) => {
    const p = state.pulls.get(Number(pathParams['pull_number']));
    return p ? { status: 200, body: renderPull(state, p) } : notFound();
  },

  'POST /repos/{owner}/{repo}/statuses/{sha}': ({ state, pathParams, body }) => {
    const sha = pathParams['sha']!;
    if (!/^[0-9a-f]{40}$/.test(sha)) {
      return { ...githubError(422, `No commit found for SHA: ${sha}`), rejected: `status for "${sha}", which is not a full commit SHA` };
    }
    const b = body as { state: string; context?: string; description?: string | null; target_url?: string | null };
    const rec = state.addStatus(sha, b);
    return {
      status: 201,
      body: sampleOf('status', {
        url: `${state.repoApi}/statuses/${sha}`,
        avatar_url: null,
        id: rec.id,
        node_id: nodeId('SC', rec.id),
        state: rec.state,
        description: rec.description,
        target_url: rec.target_url,
        context: rec.context,
        created_at: rec.createdAt,
        updated_at: rec.createdAt,
        creator: state.user(state.tokenUser),
      }),
    };
  },

  'POST /repos/{owner}/{repo}/issues': ({ state, body }) => {
    const b = body as { title: string | number; body?: string | null; labels?: unknown };
    const rec = state.createIssue(String(b.title), b.body ?? null, labelNames(b.labels));
    return { status: 201, body: renderIssue(state, rec) };
  },

  'GET /repos/{owner}/{repo}/issues/{issue_number}': ({ state, pathParams }) => {
    const rec = state.issues.get(Number(pathParams['issue_number']));
    return rec ? { status: 200, body: renderIssue(state, rec) } : notFound();
  },

  'PATCH /repos/{owner}/{repo}/issues/{issue_number}': ({ state, pathParams, body }) => {
    const rec = state.issues.get(Number(pathParams['issue_number']));
    if (!rec) return notFound();
    const b = body as { title?: string | number | null; body?: string | null; state?: 'open' | 'closed'; labels?: unknown };
    if (b.title !== undefined && b.title !== null) rec.title = String(b.title);
    if (b.body !== undefined) rec.body = b.body;
    if (b.state) rec.state = b.state;
    if (b.labels !== undefined) rec.labels = labelNames(b.labels);
    rec.updatedAt = isoNow();
    return { status: 200, body: renderIssue(state, rec) };
  },
};
