/**
 * Actions artifacts over REST: list (newest first, paginated), per-run list, get, download (302
 * to a signed blob URL, 410 once expired) and delete.
 */
import { githubError, linkHeader, nodeId, notFound, paginate } from './http-util.js';
import type { Reply, RestCtx, RestRoutes } from './http-util.js';
import type { StoredArtifact, State } from './state.js';

export function renderArtifact(state: State, a: StoredArtifact): Record<string, unknown> {
  const url = `${state.repoApi}/actions/artifacts/${a.id}`;
  return {
    id: a.id,
    node_id: nodeId('MDg6QXJ0aWZhY3Q', a.id),
    name: a.name,
    size_in_bytes: a.zip.length,
    url,
    archive_download_url: `${url}/zip`,
    expired: state.isExpired(a),
    created_at: a.createdAt,
    updated_at: a.createdAt,
    expires_at: a.expiresAt,
    digest: a.digest,
    workflow_run: {
      id: a.runId,
      repository_id: a.repositoryId,
      head_repository_id: a.headRepositoryId,
      head_branch: a.headBranch,
      head_sha: a.headSha,
    },
  };
}

function listReply(state: State, list: StoredArtifact[], query: Record<string, string>, linkPath: string): Reply {
  const page = paginate(list, query, `${state.apiUrl}/repositories/${state.repositoryId}${linkPath}`);
  return {
    status: 200,
    body: { total_count: list.length, artifacts: page.items.map((a) => renderArtifact(state, a)) },
    headers: linkHeader(page),
  };
}

function find({ state, pathParams }: RestCtx): StoredArtifact | undefined {
  return state.artifact(Number(pathParams['artifact_id']));
}

export const artifactRoutes: RestRoutes = {
  'GET /repos/{owner}/{repo}/actions/artifacts': ({ state, query }) => {
    const name = query['name'];
    const list = state.artifactsNewestFirst().filter((a) => name === undefined || a.name === name);
    return listReply(state, list, query, '/actions/artifacts');
  },

  'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts': ({ state, query, pathParams }) => {
    const runId = Number(pathParams['run_id']);
    if (!state.runs.has(runId)) return notFound();
    const name = query['name'];
    let list = state.artifactsNewestFirst().filter((a) => a.runId === runId && (name === undefined || a.name === name));
    if (query['direction'] === 'asc') list = list.reverse();
    return listReply(state, list, query, `/actions/runs/${runId}/artifacts`);
  },

  'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}': (ctx) => {
    const a = find(ctx);
    return a ? { status: 200, body: renderArtifact(ctx.state, a) } : notFound();
  },

  'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}': (ctx) => {
    const format = ctx.pathParams['archive_format'];
    if (format !== 'zip') return { ...notFound(), rejected: `archive_format must be "zip", got "${format}"` };
    const a = find(ctx);
    if (!a) return notFound();
    if (ctx.state.isExpired(a)) return githubError(410, 'Artifact has expired');
    const id = a.id;
    // the bytes are looked up when the URL is fetched: deleting in between gives BlobNotFound
    const location = ctx.blobs.downloadUrl(id, () => ctx.state.artifact(id)?.zip);
    return { status: 302, headers: { location } };
  },

  'DELETE /repos/{owner}/{repo}/actions/artifacts/{artifact_id}': (ctx) => {
    const a = find(ctx);
    if (!a) return notFound();
    ctx.state.deleteArtifact(a.id);
    return { status: 204 };
  },
};
