import { DefaultArtifactClient, GHESNotSupportedError, type UploadArtifactOptions, type UploadArtifactResponse } from '@actions/artifact';
import type { GitHubClient } from './octokit-client.js';
import { statusOf } from './http-status.js';

/** The one @actions/artifact call perfgate makes; tests pass a stand-in. */
export type ArtifactUploader = (name: string, files: string[], rootDirectory: string, options?: UploadArtifactOptions) => Promise<UploadArtifactResponse>;

export interface UploadBaselineOptions {
  name: string;
  files: string[];
  rootDirectory: string;
  retentionDays?: number;
  /** Needed to replace an artifact of the same name left by an earlier attempt of this run. */
  client?: GitHubClient;
  owner: string;
  repo: string;
  runId: number;
  upload?: ArtifactUploader;
}

const defaultUploader: ArtifactUploader = (name, files, rootDirectory, options) => new DefaultArtifactClient().uploadArtifact(name, files, rootDirectory, options);

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ').trim();
}

/** Same rule as @actions/artifact's isGhes(): its service exists only on these hosts. */
function unsupportedServerHost(): string | null {
  const host = new URL(process.env['GITHUB_SERVER_URL'] || 'https://github.com').hostname.toLowerCase();
  return host === 'github.com' || host.endsWith('.ghe.com') || host.endsWith('.localhost') ? null : host;
}

const GHES_MESSAGE = (host: string): string =>
  `artifacts cannot be uploaded on GitHub Enterprise Server (${host}): @actions/artifact 6 supports only github.com and *.ghe.com; commit the baseline file instead`;

/** Twirp CreateArtifact answers 409 "already exists" when this run (any attempt) has the name. */
function isNameTaken(error: unknown): boolean {
  return /\(409\)|already exists/i.test(messageOf(error));
}

function explain(error: unknown): Error {
  if (error instanceof GHESNotSupportedError) return new Error(GHES_MESSAGE(unsupportedServerHost() ?? 'this server'));
  const message = messageOf(error);
  if (/ACTIONS_RUNTIME_TOKEN|ACTIONS_RESULTS_URL/.test(message)) {
    return new Error(`${message}: artifacts can be uploaded only from a step of a GitHub Actions job that runs this action`);
  }
  return new Error(message);
}

/** Deletes this run's artifacts of the name, so that the name can be uploaded again. */
async function deleteFromRun(client: GitHubClient, options: UploadBaselineOptions): Promise<void> {
  const where = `artifact "${options.name}" already exists in run ${options.runId}`;
  let ids: number[];
  try {
    const artifacts = await client.paginate(client.rest.actions.listWorkflowRunArtifacts, {
      owner: options.owner,
      repo: options.repo,
      run_id: options.runId,
      name: options.name,
      per_page: 100,
    });
    ids = artifacts.filter((a) => a.name === options.name).map((a) => a.id);
  } catch (error) {
    const hint = statusOf(error) === 403 ? ' (the workflow needs "permissions: actions: read")' : '';
    throw new Error(`${where} and the run's artifacts could not be listed: ${messageOf(error)}${hint}`);
  }
  if (ids.length === 0) throw new Error(`${where}, but the run's artifact list does not show it`);
  for (const id of ids) {
    try {
      await client.rest.actions.deleteArtifact({ owner: options.owner, repo: options.repo, artifact_id: id });
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) continue; // gone already: the goal is reached
      if (status === 401 || status === 403) {
        throw new Error(`${where} (an earlier attempt?) and could not be replaced: deleting artifact ${id} needs "permissions: actions: write"`);
      }
      throw new Error(`${where} and artifact ${id} could not be deleted: ${messageOf(error)}`);
    }
  }
}

/**
 * Uploads the baseline files as the artifact `name`. A re-run of the same run finds its name taken
 * (artifact names are unique per run, across attempts): then the old one is deleted and the upload
 * tried once more. Throws one Error whose message says what to change.
 */
export async function uploadBaselineArtifact(options: UploadBaselineOptions): Promise<{ id: number; size: number }> {
  const host = unsupportedServerHost();
  // Checked here as well, so that the library's "errors can be temporary, try again" warning is not printed.
  if (host) throw new Error(GHES_MESSAGE(host));
  const upload = options.upload ?? defaultUploader;
  const settings: UploadArtifactOptions = options.retentionDays !== undefined ? { retentionDays: options.retentionDays } : {};
  const attempt = async (): Promise<{ id: number; size: number }> => {
    const response = await upload(options.name, options.files, options.rootDirectory, settings);
    if (response.id === undefined) throw new Error(`the artifact service returned no id for "${options.name}"`);
    return { id: response.id, size: response.size ?? 0 };
  };
  try {
    return await attempt();
  } catch (error) {
    if (!isNameTaken(error)) throw explain(error);
    if (!options.client) throw new Error(`artifact "${options.name}" already exists in run ${options.runId}, and no GitHub client was given to replace it`);
  }
  await deleteFromRun(options.client, options);
  try {
    return await attempt();
  } catch (error) {
    throw explain(error);
  }
}
