import { downloadArtifactZip } from './artifact-baseline.js';
import { statusOf } from './http-status.js';
import type { GitHubClient } from './octokit-client.js';
import { readBaselineZip, type ZipLimits } from './zip-reader.js';

/** An artifact of one workflow run, as GET /repos/{o}/{r}/actions/runs/{id}/artifacts lists it. */
export interface RunArtifact {
  id: number;
  name: string;
  size_in_bytes: number;
  expired: boolean;
}

export interface RunArtifactsOptions {
  owner: string;
  repo: string;
  runId: number;
}

/**
 * The artifacts of one workflow run: the shards of this run for a merge job, or the results a pull
 * request run left for a report job. Throws one line, with the permission to add on 401/403.
 */
export async function listRunArtifacts(client: GitHubClient, options: RunArtifactsOptions): Promise<RunArtifact[]> {
  try {
    return (await client.paginate(client.rest.actions.listWorkflowRunArtifacts, {
      owner: options.owner,
      repo: options.repo,
      run_id: options.runId,
      per_page: 100,
    })) as RunArtifact[];
  } catch (error) {
    const status = statusOf(error);
    const hint = status === 401 || status === 403 ? ' (the workflow needs "permissions: actions: read")' : '';
    throw new Error(`the artifacts of workflow run ${options.runId} could not be listed: ${(error as Error).message.split('\n')[0]}${hint}`);
  }
}

/**
 * Downloads one run artifact and reads the files `limits` allows. Its content is data from another
 * job, possibly an untrusted one: the size is capped before and while downloading, and the zip is
 * read with entry and size limits, never extracted to disk.
 */
export async function readRunArtifact(client: GitHubClient, options: RunArtifactsOptions & { artifact: RunArtifact; maxBytes: number; limits: ZipLimits; timeoutMs?: number }): Promise<Map<string, string>> {
  const { artifact } = options;
  if (artifact.expired) throw new Error(`artifact "${artifact.name}" (#${artifact.id}) has expired`);
  if (artifact.size_in_bytes > options.maxBytes) throw new Error(`artifact "${artifact.name}" (#${artifact.id}) is ${artifact.size_in_bytes} bytes, over the ${options.maxBytes}-byte limit`);
  const zip = await downloadArtifactZip(client, {
    owner: options.owner,
    repo: options.repo,
    artifactId: artifact.id,
    maxBytes: options.maxBytes,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  return readBaselineZip(zip, options.limits);
}
