import type { Results } from '../core/model.js';
import { parseResults } from '../results/parse-results.js';
import { parsePullRequestClaim, type PullRequestClaim } from '../results/pull-request-schema.js';
import type { GitHubClient } from './octokit-client.js';
import { MAX_RESULTS_ZIP_BYTES, RESULTS_ZIP_LIMITS, pickResultsArtifact } from './results-files.js';
import { listRunArtifacts, readRunArtifact, type RunArtifact } from './run-artifacts.js';

export interface PullRequestResults {
  artifact: RunArtifact;
  /** Unchecked: the caller verifies it against the API before believing it. */
  claim: PullRequestClaim;
  head: Results;
  /** The base commit re-run beside the head, when the run compared on its own runner. */
  base: Results | null;
}

export interface ReadPullRequestResultsOptions {
  owner: string;
  repo: string;
  runId: number;
  runAttempt?: number;
  name: string;
  timeoutMs?: number;
}

/**
 * The results a pull request run uploaded, read as untrusted data: size and entry limits, fixed
 * file names, schemas. Nothing in it becomes a path or a command. Null when the run left no such
 * artifact; throws one line when it left an unusable one.
 */
export async function readPullRequestResults(client: GitHubClient, options: ReadPullRequestResultsOptions): Promise<PullRequestResults | null> {
  const listed = await listRunArtifacts(client, options);
  const artifact = pickResultsArtifact(listed, options.name, options.runAttempt);
  if (!artifact) return null;
  const where = `results artifact "${artifact.name}" (#${artifact.id}) of run ${options.runId}`;
  let files: Map<string, string>;
  try {
    files = await readRunArtifact(client, {
      ...options,
      artifact,
      maxBytes: MAX_RESULTS_ZIP_BYTES,
      limits: RESULTS_ZIP_LIMITS,
    });
  } catch (error) {
    throw new Error(`${where} was refused: ${(error as Error).message.replace(/\s*\n\s*/g, ' ').trim()}`);
  }
  const text = (name: string): string => {
    const found = files.get(name);
    if (found === undefined) throw new Error(`${where} was refused: it holds no ${name}`);
    return found;
  };
  const parse = <T>(read: () => T): T => {
    try {
      return read();
    } catch (error) {
      throw new Error(`${where} was refused: ${(error as Error).message}`);
    }
  };
  const claimText = text('pull-request.json');
  const headText = text('results.json');
  const claim = parse(() => parsePullRequestClaim(claimText, 'pull-request.json'));
  const head = parse(() => parseResults(headText, 'results.json'));
  const baseText = files.get('base-results.json');
  const base = baseText === undefined ? null : parse(() => parseResults(baseText, 'base-results.json'));
  return { artifact, claim, head, base };
}
