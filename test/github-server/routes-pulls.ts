/** Pull requests: one by number, and the shapes the commit routes list them in. */
import { nodeId, notFound } from './http-util.js';
import type { RestRoutes } from './http-util.js';
import type { PullRecord } from './issue-tracker.js';
import { sampleOf } from './openapi-sample.js';
import { renderLabel } from './routes-issues.js';
import { repoOverride } from './routes-repo.js';
import type { State } from './state.js';

/**
 * `pull-request` for GET /pulls/{n}; `pull-request-simple` (no counts, no mergeability) where
 * GitHub lists them, e.g. the pull requests of a commit.
 */
export function renderPull(state: State, p: PullRecord, schema: 'pull-request' | 'pull-request-simple'): Record<string, unknown> {
  const headOwner = p.fromFork ? p.user : state.owner;
  const headRepoId = p.fromFork ? state.repositoryId + 1_000_003 : state.repositoryId;
  const author = state.user(p.user);
  const api = `${state.repoApi}/pulls/${p.number}`;
  const html = `${state.repoHtml}/pull/${p.number}`;
  const issue = `${state.repoApi}/issues/${p.number}`;
  const statuses = `${state.repoApi}/statuses/${p.headSha}`;
  const common = {
    url: api,
    id: 1_900_000_000 + p.number,
    node_id: nodeId('PR', p.number),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issue,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${state.repoApi}/pulls/comments{/number}`,
    comments_url: `${issue}/comments`,
    statuses_url: statuses,
    number: p.number,
    state: p.state,
    locked: false,
    title: p.title,
    user: author,
    body: p.body,
    labels: p.labels.map((name) => renderLabel(state, name)),
    milestone: null,
    active_lock_reason: null,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    closed_at: p.closedAt,
    merged_at: p.mergedAt,
    merge_commit_sha: p.mergeCommitSha,
    assignee: p.assignees[0] ? state.user(p.assignees[0]) : null,
    assignees: p.assignees.map((login) => state.user(login)),
    requested_reviewers: [],
    requested_teams: [],
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
    _links: {
      self: { href: api },
      html: { href: html },
      issue: { href: issue },
      comments: { href: `${issue}/comments` },
      review_comments: { href: `${api}/comments` },
      review_comment: { href: `${state.repoApi}/pulls/comments{/number}` },
      commits: { href: `${api}/commits` },
      statuses: { href: statuses },
    },
    author_association: p.fromFork ? 'CONTRIBUTOR' : state.association(p.user),
    auto_merge: null,
    draft: p.draft,
  };
  if (schema === 'pull-request-simple') return sampleOf(schema, common);
  const merged = p.mergedAt !== null;
  return sampleOf(schema, {
    ...common,
    merged,
    // GitHub stops computing mergeability once a pull request is closed
    mergeable: p.state === 'open' ? true : null,
    rebaseable: p.state === 'open' ? true : null,
    mergeable_state: p.state === 'open' ? 'clean' : 'unknown',
    merged_by: p.mergedBy ? state.user(p.mergedBy) : null,
    comments: state.commentsOf(p.number).length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: p.commits.length,
    additions: 0,
    deletions: 0,
    changed_files: 0,
  });
}

export const pullRoutes: RestRoutes = {
  'GET /repos/{owner}/{repo}/pulls/{pull_number}': ({ state, pathParams }) => {
    const p = state.tracker.pulls.get(Number(pathParams['pull_number']));
    return p ? { status: 200, body: renderPull(state, p, 'pull-request') } : notFound();
  },
};
