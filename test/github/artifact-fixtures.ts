import type { WorkflowArtifact } from '../../src/github/artifact-selection.js';

export const REPO_ID = 42;
export const FORK_ID = 77;

export interface ArtifactSpec {
  id: number;
  runId?: number;
  name?: string;
  branch?: string;
  sha?: string;
  created?: string;
  expired?: boolean;
  expiresAt?: string;
  /** Made by a pull_request run from a fork's branch. */
  fork?: boolean;
  size?: number;
}

/** An artifact shaped like GitHub's list answer (fields as the REST API names them). */
export function artifact(spec: ArtifactSpec): WorkflowArtifact & Record<string, unknown> {
  const created = spec.created ?? '2026-11-01T10:00:00Z';
  return {
    id: spec.id,
    node_id: `MDg6QXJ0aWZhY3Q${spec.id}`,
    name: spec.name ?? 'perfgate-baseline',
    size_in_bytes: spec.size ?? 1234,
    url: `https://api.github.com/repos/acme/app/actions/artifacts/${spec.id}`,
    archive_download_url: `https://api.github.com/repos/acme/app/actions/artifacts/${spec.id}/zip`,
    expired: spec.expired ?? false,
    created_at: created,
    updated_at: created,
    expires_at: spec.expiresAt ?? '2027-01-30T10:00:00Z',
    digest: null,
    workflow_run: {
      id: spec.runId ?? spec.id * 10,
      repository_id: REPO_ID,
      head_repository_id: spec.fork ? FORK_ID : REPO_ID,
      head_branch: spec.branch ?? 'main',
      head_sha: spec.sha ?? `${String(spec.id).padStart(4, '0')}${'a'.repeat(36)}`,
    },
  };
}
