/**
 * Commits: one commit with its parents, and the pull requests GitHub associates with a commit
 * (how a push to the base branch finds the pull request it merged).
 */
import { createHash } from 'node:crypto';
import type { CommitRecord, GitIdentity } from './commits.js';
import { githubError, linkHeader, paginate } from './http-util.js';
import type { Reply, RestRoutes } from './http-util.js';
import { sampleOf } from './openapi-sample.js';
import { renderPull } from './routes-pulls.js';
import type { State } from './state.js';

const DOCS = 'https://docs.github.com/rest/commits/commits';

/** What github.com answers for a SHA (or ref) that names no commit of the repository. */
function noCommit(sha: string, anchor: string): Reply {
  return githubError(422, `No commit found for SHA: ${sha}`, { documentation_url: `${DOCS}#${anchor}` });
}

/** GitHub's node ids are opaque to clients: any stable string of the usual look does. */
function commitNodeId(sha: string): string {
  return `C_kwDO${createHash('sha256').update(sha).digest('base64url').slice(0, 32)}`;
}

function gitUser(who: GitIdentity, date: string): Record<string, string> {
  return { name: who.name, email: who.email, date };
}

function renderCommit(state: State, c: CommitRecord): Record<string, unknown> {
  const api = `${state.repoApi}/commits/${c.sha}`;
  const tree = createHash('sha1').update(`tree of ${c.sha}`).digest('hex');
  return sampleOf('commit', {
    url: api,
    sha: c.sha,
    node_id: commitNodeId(c.sha),
    html_url: `${state.repoHtml}/commit/${c.sha}`,
    comments_url: `${api}/comments`,
    commit: {
      url: `${state.repoApi}/git/commits/${c.sha}`,
      author: gitUser(c.author, c.date),
      committer: gitUser(c.committer, c.committedAt),
      message: c.message,
      tree: { sha: tree, url: `${state.repoApi}/git/trees/${tree}` },
      comment_count: 0,
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    },
    author: c.author.login ? state.user(c.author.login) : null,
    committer: c.committer.login ? state.user(c.committer.login) : null,
    parents: c.parents.map((sha) => ({ sha, url: `${state.repoApi}/commits/${sha}`, html_url: `${state.repoHtml}/commit/${sha}` })),
    // the seeded history has no trees: every commit changes nothing
    stats: { total: 0, additions: 0, deletions: 0 },
    files: [],
  });
}

export const commitRoutes: RestRoutes = {
  'GET /repos/{owner}/{repo}/commits/{ref}': ({ state, pathParams }) => {
    const ref = pathParams['ref']!;
    const c = state.commits.resolve(ref);
    return c ? { status: 200, body: renderCommit(state, c) } : noCommit(ref, 'get-a-commit');
  },

  'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls': ({ state, pathParams, query }) => {
    const given = pathParams['commit_sha']!;
    const sha = state.commits.resolve(given)?.sha ?? given;
    let pulls;
    if (state.commits.get(sha) || state.tracker.mentionsCommit(sha)) {
      pulls = state.tracker.pullsForCommit(sha);
    } else {
      // "set the commit_sha parameter to the branch name" lists that branch's open or merged pull requests
      pulls = [...state.tracker.pulls.values()].filter((p) => p.headRef === given && (p.state === 'open' || p.mergedAt !== null));
      if (pulls.length === 0) return noCommit(given, 'list-pull-requests-associated-with-a-commit');
    }
    const page = paginate(pulls, query, `${state.apiUrl}/repositories/${state.repositoryId}/commits/${encodeURIComponent(given)}/pulls`);
    return { status: 200, body: page.items.map((p) => renderPull(state, p, 'pull-request-simple')), headers: linkHeader(page) };
  },
};
