/**
 * The repository itself, the token's user and commit statuses: just enough for the action, with
 * bodies generated from the description (openapi-sample) so every required field is there.
 */
import { githubError, isoNow, nodeId } from './http-util.js';
import type { RestRoutes } from './http-util.js';
import { sampleOf } from './openapi-sample.js';
import { componentSchema } from './openapi-validator.js';
import type { State } from './state.js';

const EXAMPLE_API = /^https?:\/\/api\.github\.com\/repos\/octocat\/Hello-World/;

/**
 * The ~40 URL templates of a repository object (`pulls_url`, `git_commits_url` ...): the
 * description's examples name octocat/Hello-World on api.github.com, which a client following
 * one would reach instead of this server.
 */
function repoUrls(api: string, fullName: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, prop] of Object.entries<{ example?: unknown }>(componentSchema('repository').properties)) {
    if (typeof prop.example === 'string' && EXAMPLE_API.test(prop.example)) out[key] = prop.example.replace(EXAMPLE_API, api);
  }
  return {
    ...out,
    git_url: `git://github.com/${fullName}.git`,
    ssh_url: `git@github.com:${fullName}.git`,
    clone_url: `https://github.com/${fullName}.git`,
    svn_url: `https://github.com/${fullName}`,
  };
}

/** The fields of a repository object that tell repositories apart (base and head of a pull request). */
export function repoOverride(state: State, id: number, owner: string, name: string, fork: boolean): Record<string, unknown> {
  const api = `${state.apiUrl}/repos/${owner}/${name}`;
  return {
    ...repoUrls(api, `${owner}/${name}`),
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
};
