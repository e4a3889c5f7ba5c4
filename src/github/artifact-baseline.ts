import type { BaselineInfo, HistoryPoint, Results } from '../core/model.js';
import { parseHistory, parseResults } from '../results/parse-results.js';
import { pickBaselineArtifact, type BaselinePick, type WorkflowArtifact } from './artifact-selection.js';
import type { GitHubClient } from './octokit-client.js';
import { readBaselineZip, type ZipLimits } from './zip-reader.js';
import { statusOf } from './http-status.js';

export { uploadBaselineArtifact, type UploadBaselineOptions } from './artifact-upload.js';

/** Files a baseline artifact may hold; anything else in the zip makes it unusable. */
export const BASELINE_FILES = ['results.json', 'history.json', 'meta.json'] as const;
/** A baseline is a few JSON files: these bounds are far above that and far below harm. */
export const BASELINE_ZIP_LIMITS: ZipLimits = { maxEntries: 20, maxTotalBytes: 64 * 1024 * 1024, allowed: BASELINE_FILES };
export const MAX_ARTIFACT_ZIP_BYTES = 64 * 1024 * 1024;
/** The artifact list is newest first; a baseline older than this many pages is stale anyway. */
export const MAX_LIST_PAGES = 5;
/** One download (API call + storage fetch); a hung socket must not keep the job alive. */
export const DOWNLOAD_TIMEOUT_MS = 120_000;

export interface FindBaselineOptions {
  owner: string;
  repo: string;
  name: string;
  baseBranch: string;
  baseSha?: string;
  repositoryId?: number;
}

export interface LoadArtifactOptions extends FindBaselineOptions {
  maxZipBytes?: number;
  limits?: ZipLimits;
  timeoutMs?: number;
  /** Receives why each listed artifact was passed over. */
  debug?: (line: string) => void;
}

export type ArtifactBaseline =
  | { results: Results; info: BaselineInfo; warnings: string[]; history: HistoryPoint[] }
  | { results: null; warnings: string[] };

const FALLBACK = 'falling back to the committed baseline';

/** Warnings are one line each, and go on after the message; API and yauzl messages are not made for that. */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, ' ').trim().replace(/\.+$/, '');
}

function permissionHint(error: unknown): string {
  const status = statusOf(error);
  return status === 401 || status === 403 ? ' (the workflow needs "permissions: actions: read")' : '';
}

/** Lists the named artifacts page by page until the right one is certainly among them. */
export async function findBaselineArtifact(client: GitHubClient, options: FindBaselineOptions): Promise<BaselinePick> {
  const criteria = { ...options, now: Date.now() };
  const seen: WorkflowArtifact[] = [];
  let pages = 0;
  const iterator = client.paginate.iterator(client.rest.actions.listArtifactsForRepo, {
    owner: options.owner,
    repo: options.repo,
    name: options.name,
    per_page: 100,
  });
  for await (const page of iterator) {
    seen.push(...page.data);
    pages += 1;
    const pick = pickBaselineArtifact(seen, criteria);
    // Newest first: the first usable one is the newest, unless the base commit's own is further down.
    const done = pick.artifact !== null && (!options.baseSha || pick.artifact.workflow_run?.head_sha === options.baseSha);
    if (done || pages >= MAX_LIST_PAGES) break;
  }
  return pickBaselineArtifact(seen, criteria);
}

export interface DownloadZipOptions {
  owner: string;
  repo: string;
  artifactId: number;
  maxBytes: number;
  timeoutMs?: number;
}

async function readCapped(response: Response, maxBytes: number, what: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new Error(`${what} is ${declared} bytes, over the ${maxBytes}-byte limit`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      // The header can lie or be missing: the count while reading is what holds.
      if (total > maxBytes) {
        await reader.cancel();
        throw new Error(`${what} is over the ${maxBytes}-byte limit`);
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks);
}

/**
 * Downloads an artifact's zip: the API answers 302 with a short-lived signed storage URL, which is
 * fetched WITHOUT the token (it must not travel to the storage host). The URL itself is a secret
 * for a minute and never appears in a message.
 */
export async function downloadArtifactZip(client: GitHubClient, options: DownloadZipOptions): Promise<Uint8Array> {
  const what = `artifact ${options.artifactId}`;
  const signal = AbortSignal.timeout(options.timeoutMs ?? DOWNLOAD_TIMEOUT_MS);
  let location: string | undefined;
  try {
    const response = await client.rest.actions.downloadArtifact({
      owner: options.owner,
      repo: options.repo,
      artifact_id: options.artifactId,
      archive_format: 'zip',
      request: { redirect: 'manual', signal },
    });
    location = response.headers.location;
    if (!location) throw new Error(`GitHub answered ${response.status} without a download location for ${what}`);
  } catch (error) {
    const status = statusOf(error);
    if (status === 410) throw new Error(`${what} has expired`);
    if (status === 404) throw new Error(`${what} was not found`);
    throw new Error(`${what} could not be requested: ${oneLine(error)}${permissionHint(error)}`);
  }
  try {
    const response = await fetch(location, { signal });
    if (response.status === 410) throw new Error(`${what} has expired`);
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`the storage host answered HTTP ${response.status} for ${what}`);
    }
    return await readCapped(response, options.maxBytes, what);
  } catch (error) {
    if (signal.aborted) throw new Error(`downloading ${what} took longer than ${Math.round((options.timeoutMs ?? DOWNLOAD_TIMEOUT_MS) / 1000)} s`);
    const cause = (error as { cause?: unknown }).cause;
    if (error instanceof TypeError && cause instanceof Error) throw new Error(`downloading ${what} failed: ${cause.message}`);
    throw error;
  }
}

/**
 * The base branch's baseline from its newest (or base-commit) artifact. Never throws: whatever goes
 * wrong becomes one warning line, and the caller falls back to the committed baseline.
 */
export async function loadArtifactBaseline(client: GitHubClient, options: LoadArtifactOptions): Promise<ArtifactBaseline> {
  let pick: BaselinePick;
  try {
    pick = await findBaselineArtifact(client, options);
  } catch (error) {
    return { results: null, warnings: [`baseline artifacts named "${options.name}" could not be listed: ${oneLine(error)}${permissionHint(error)}; ${FALLBACK}`] };
  }
  for (const line of pick.skipped) options.debug?.(`skipped ${line}`);
  const artifact = pick.artifact;
  if (!artifact) {
    return { results: null, warnings: [`no usable baseline artifact named "${options.name}" from branch "${options.baseBranch}" was found; ${FALLBACK}`] };
  }
  const runId = artifact.workflow_run?.id ?? '?';
  const maxZipBytes = options.maxZipBytes ?? MAX_ARTIFACT_ZIP_BYTES;
  try {
    if (artifact.size_in_bytes > maxZipBytes) throw new Error(`it is ${artifact.size_in_bytes} bytes, over the ${maxZipBytes}-byte limit`);
    const zip = await downloadArtifactZip(client, {
      owner: options.owner,
      repo: options.repo,
      artifactId: artifact.id,
      maxBytes: maxZipBytes,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    });
    const files = await readBaselineZip(zip, options.limits ?? BASELINE_ZIP_LIMITS);
    const text = files.get('results.json');
    if (text === undefined) throw new Error('the zip holds no results.json');
    const results = parseResults(text, `artifact ${artifact.id} (run ${runId}) results.json`);
    const commit = artifact.workflow_run?.head_sha;
    const warnings: string[] = [];
    if (options.baseSha && commit && commit !== options.baseSha) {
      warnings.push(`no baseline artifact was made from the base commit ${options.baseSha.slice(0, 7)}; comparing with the newest from "${options.baseBranch}" (${commit.slice(0, 7)}), which may include other changes`);
    }
    const info: BaselineInfo = { method: 'artifact', source: `artifact ${options.name} #${artifact.id} from run ${runId}`, ...(commit ? { commit } : {}) };
    let history: HistoryPoint[] = [];
    const historyText = files.get('history.json');
    if (historyText !== undefined) {
      try {
        history = parseHistory(historyText, `artifact ${artifact.id} (run ${runId}) history.json`);
      } catch (error) {
        // The baseline itself is fine: only the noise bands and the history are lost.
        warnings.push(`${oneLine(error)}; the history of main is not used`);
      }
    }
    return { results, info, warnings, history };
  } catch (error) {
    return { results: null, warnings: [`baseline artifact ${artifact.id} from run ${runId} could not be used: ${oneLine(error)}; ${FALLBACK}`] };
  }
}
