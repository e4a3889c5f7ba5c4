import type { BaselineInfo, HistoryPoint, Results } from '../core/model.js';
import { parseHistory, parseMergeLog, parseResults } from '../results/parse-results.js';
import type { MergeLogEntry } from '../core/merge-log.js';
import { pickBaselineArtifact, usableBaselineArtifacts, type BaselinePick, type WorkflowArtifact } from './artifact-selection.js';
import type { GitHubClient } from './octokit-client.js';
import { readBaselineZip, type ZipLimits } from './zip-reader.js';
import { BASELINE_ZIP_LIMITS } from './baseline-files.js';
import { statusOf } from './http-status.js';

export { uploadBaselineArtifact, type UploadBaselineOptions } from './artifact-upload.js';

export { BASELINE_FILES, BASELINE_ZIP_LIMITS } from './baseline-files.js';
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

interface ArtifactFiles {
  results: Results;
  history: HistoryPoint[];
  log: MergeLogEntry[];
  warnings: string[];
}

/** Downloads one baseline artifact and parses what it holds; throws one line when it is unusable. */
async function readArtifactFiles(client: GitHubClient, artifact: WorkflowArtifact, options: LoadArtifactOptions): Promise<ArtifactFiles> {
  const runId = artifact.workflow_run?.id ?? '?';
  const maxZipBytes = options.maxZipBytes ?? MAX_ARTIFACT_ZIP_BYTES;
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
  const where = `artifact ${artifact.id} (run ${runId})`;
  const results = parseResults(text, `${where} results.json`);
  const warnings: string[] = [];
  let history: HistoryPoint[] = [];
  const historyText = files.get('history.json');
  if (historyText !== undefined) {
    try {
      history = parseHistory(historyText, `${where} history.json`);
    } catch (error) {
      // The baseline itself is fine: only the noise bands and the history are lost.
      warnings.push(`${oneLine(error)}; the history of main is not used`);
    }
  }
  let log: MergeLogEntry[] = [];
  const logText = files.get('merge-log.json');
  if (logText !== undefined) {
    try {
      log = parseMergeLog(logText, `${where} merge-log.json`);
    } catch (error) {
      warnings.push(`${oneLine(error)}; its copy of the per-merge log is not used`);
    }
  }
  return { results, history, log, warnings };
}

function baselineInfo(artifact: WorkflowArtifact, name: string): BaselineInfo {
  const commit = artifact.workflow_run?.head_sha;
  return { method: 'artifact', source: `artifact ${name} #${artifact.id} from run ${artifact.workflow_run?.id ?? '?'}`, ...(commit ? { commit } : {}) };
}

function otherCommitWarning(options: FindBaselineOptions, artifact: WorkflowArtifact): string[] {
  const commit = artifact.workflow_run?.head_sha;
  if (!options.baseSha || !commit || commit === options.baseSha) return [];
  return [`no baseline artifact was made from the base commit ${options.baseSha.slice(0, 7)}; comparing with the newest from "${options.baseBranch}" (${commit.slice(0, 7)}), which may include other changes`];
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
  try {
    const files = await readArtifactFiles(client, artifact, options);
    const warnings = [...otherCommitWarning(options, artifact), ...files.warnings];
    return { results: files.results, info: baselineInfo(artifact, options.name), warnings, history: files.history };
  } catch (error) {
    return { results: null, warnings: [`baseline artifact ${artifact.id} from run ${artifact.workflow_run?.id ?? '?'} could not be used: ${oneLine(error)}; ${FALLBACK}`] };
  }
}

export interface LoadSetOptions extends LoadArtifactOptions {
  /** How many of the newest usable artifacts are read for their logs and histories. */
  count: number;
}

/** What a main-branch run needs from earlier ones: the baseline and every readable copy of the log. */
export interface BaselineSet {
  baseline: { results: Results; info: BaselineInfo; history: HistoryPoint[] } | null;
  /** History copies and log copies of every artifact that could be read, newest artifact first. */
  histories: HistoryPoint[][];
  logs: MergeLogEntry[][];
  /** How many artifacts were read, and how many could not be. */
  read: number;
  unreadable: number;
  warnings: string[];
}

/**
 * The newest `count` baseline artifacts (plus the base commit's own): two runs that raced each
 * other each uploaded a log missing the other's entry, so the copies are united by the caller.
 * An unreadable artifact costs a warning, never the entries other copies hold. Never throws.
 */
export async function loadBaselineSet(client: GitHubClient, options: LoadSetOptions): Promise<BaselineSet> {
  const set: BaselineSet = { baseline: null, histories: [], logs: [], read: 0, unreadable: 0, warnings: [] };
  let listed: WorkflowArtifact[] = [];
  try {
    const iterator = client.paginate.iterator(client.rest.actions.listArtifactsForRepo, { owner: options.owner, repo: options.repo, name: options.name, per_page: 100 });
    let pages = 0;
    for await (const page of iterator) {
      listed.push(...page.data);
      pages += 1;
      const { usable } = usableBaselineArtifacts(listed, { ...options, now: Date.now() });
      const exactFound = !options.baseSha || usable.some((a) => a.workflow_run?.head_sha === options.baseSha);
      if ((usable.length >= options.count && exactFound) || pages >= MAX_LIST_PAGES) break;
    }
  } catch (error) {
    set.warnings.push(`baseline artifacts named "${options.name}" could not be listed: ${oneLine(error)}${permissionHint(error)}; the per-merge log starts afresh from this run`);
    return set;
  }
  const { usable, skipped } = usableBaselineArtifacts(listed, { ...options, now: Date.now() });
  for (const line of skipped) options.debug?.(`skipped ${line}`);
  const exact = options.baseSha ? usable.find((a) => a.workflow_run?.head_sha === options.baseSha) : undefined;
  const chosen = usable.slice(0, options.count);
  if (exact && !chosen.includes(exact)) chosen.push(exact);
  const preferred = exact ?? usable[0];
  let fallback: BaselineSet['baseline'] = null;
  for (const artifact of chosen) {
    try {
      const files = await readArtifactFiles(client, artifact, options);
      set.read += 1;
      set.histories.push(files.history);
      set.logs.push(files.log);
      set.warnings.push(...files.warnings);
      const candidate = { results: files.results, info: baselineInfo(artifact, options.name), history: files.history };
      if (artifact === preferred) set.baseline = candidate;
      else fallback ??= candidate;
    } catch (error) {
      set.unreadable += 1;
      set.warnings.push(`baseline artifact ${artifact.id} from run ${artifact.workflow_run?.id ?? '?'} could not be read: ${oneLine(error)}; the other copies of the log are used`);
    }
  }
  if (!set.baseline && fallback) {
    set.baseline = fallback;
    if (preferred) set.warnings.push(`the baseline comes from ${fallback.info.source} instead of the unreadable artifact ${preferred.id}`);
  }
  if (usable.length === 0) set.warnings.push(`no usable baseline artifact named "${options.name}" from branch "${options.baseBranch}" was found; the per-merge log starts with this run`);
  return set;
}
