import type { Results } from '../core/model.js';
import { parseResults } from '../results/parse-results.js';
import { parseShardRecord, type ShardRecord } from '../results/shard-schema.js';
import type { GitHubClient } from './octokit-client.js';
import { MAX_RESULTS_ZIP_BYTES, pickResultsArtifact } from './results-files.js';
import { listRunArtifacts, readRunArtifact, type RunArtifact } from './run-artifacts.js';
import type { ZipLimits } from './zip-reader.js';

/** Files a shard's results artifact may hold; base-results.json only after a same-runner run. */
export const SHARD_FILES = ['results.json', 'base-results.json', 'report.json', 'shard.json'] as const;
const SHARD_ZIP_LIMITS: ZipLimits = { maxEntries: 20, maxTotalBytes: MAX_RESULTS_ZIP_BYTES, allowed: SHARD_FILES };

/** The artifact of shard `index` of `count`: `perfgate-results-shard-2-of-4`. */
export function shardArtifactName(prefix: string, index: number, count: number): string {
  return `${prefix}-shard-${index}-of-${count}`;
}

export interface ShardUpload {
  artifact: RunArtifact;
  record: ShardRecord;
  head: Results;
  base: Results | null;
}

export interface ReadShardsOptions {
  owner: string;
  repo: string;
  runId: number;
  /** Re-run jobs upload under `-attempt-N` names; the newest attempt up to this one counts. */
  runAttempt?: number;
  /** The results-artifact input: shard artifacts are named after it. */
  prefix: string;
  timeoutMs?: number;
}

/** A shard run that cannot be merged; the message names the shard and says what to look at. */
export class ShardMergeError extends Error {
  override name = 'ShardMergeError';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The shard counts the run's artifacts name, each with the artifact names that say so. */
function countsNamed(artifacts: readonly RunArtifact[], prefix: string): Map<number, string[]> {
  const pattern = new RegExp(`^${escapeRegExp(prefix)}-shard-([1-9]\\d{0,2})-of-([1-9]\\d{0,2})(?:-attempt-[1-9]\\d{0,3})?$`);
  const counts = new Map<number, string[]>();
  for (const artifact of artifacts) {
    const match = pattern.exec(artifact.name);
    if (!match) continue;
    const count = Number(match[2]);
    if (Number(match[1]) > count) continue;
    counts.set(count, [...(counts.get(count) ?? []), artifact.name]);
  }
  return counts;
}

function missingMessage(missing: { index: number; name: string }[], count: number): string {
  if (missing.length === 1) {
    const [{ index, name }] = missing as [{ index: number; name: string }];
    return `shard ${index} of ${count} ("${name}") was not uploaded by this run: did its job fail?`;
  }
  const indexes = missing.map((m) => m.index);
  const shownNames = missing.slice(0, 5).map((m) => `"${m.name}"`);
  if (missing.length > 5) shownNames.push(`${missing.length - 5} more`);
  return `shards ${indexes.slice(0, -1).join(', ')} and ${indexes[indexes.length - 1]} of ${count} (${shownNames.join(', ')}) were not uploaded by this run: did their jobs fail?`;
}

/**
 * Every shard artifact of this workflow run, shard 1 first. The shards must all be there and
 * agree on how many there are; each is read with size and entry limits and checked against its
 * schema. Throws ShardMergeError naming what is missing or wrong.
 */
export async function readShardArtifacts(client: GitHubClient, options: ReadShardsOptions): Promise<ShardUpload[]> {
  const listed = await listRunArtifacts(client, options);
  const counts = countsNamed(listed, options.prefix);
  if (counts.size === 0) {
    throw new ShardMergeError(
      `workflow run ${options.runId} has no shard results ("${shardArtifactName(options.prefix, 1, 2)}" ...): the shard jobs need "shard: K/N" and the same results-artifact, and this job must wait for them (needs:)`,
    );
  }
  if (counts.size > 1) {
    const seen = [...counts].sort(([a], [b]) => a - b).map(([count, names]) => `${count} (${names.slice(0, 3).join(', ')})`);
    throw new ShardMergeError(`the shard artifacts of workflow run ${options.runId} disagree on the number of shards: ${seen.join(' and ')}`);
  }
  const [count] = [...counts.keys()] as [number];
  const picked: { index: number; name: string; artifact: RunArtifact | null }[] = [];
  for (let index = 1; index <= count; index++) {
    const name = shardArtifactName(options.prefix, index, count);
    picked.push({ index, name, artifact: pickResultsArtifact(listed, name, options.runAttempt) });
  }
  const missing = picked.filter((p) => p.artifact === null);
  if (missing.length > 0) throw new ShardMergeError(missingMessage(missing, count));

  const shards: ShardUpload[] = [];
  for (const { index, artifact } of picked) shards.push(await readShard(client, options, artifact!, index, count));
  return shards;
}

async function readShard(client: GitHubClient, options: ReadShardsOptions, artifact: RunArtifact, index: number, count: number): Promise<ShardUpload> {
  const where = `shard ${index} of ${count} ("${artifact.name}", #${artifact.id})`;
  const refuse = (why: string) => new ShardMergeError(`${where} cannot be merged: ${why.replace(/\s*\n\s*/g, ' ').trim()}`);
  let files: Map<string, string>;
  try {
    files = await readRunArtifact(client, { ...options, artifact, maxBytes: MAX_RESULTS_ZIP_BYTES, limits: SHARD_ZIP_LIMITS });
  } catch (error) {
    throw refuse((error as Error).message);
  }
  const parse = <T>(name: string, read: (text: string) => T): T => {
    const text = files.get(name);
    if (text === undefined) throw refuse(`it holds no ${name}`);
    try {
      return read(text);
    } catch (error) {
      throw refuse((error as Error).message);
    }
  };
  const record = parse('shard.json', (text) => parseShardRecord(text, 'shard.json'));
  if (record.index !== index || record.count !== count) throw refuse(`its shard.json says shard ${record.index} of ${record.count}`);
  const head = parse('results.json', (text) => parseResults(text, 'results.json'));
  const base = files.has('base-results.json') ? parse('base-results.json', (text) => parseResults(text, 'base-results.json')) : null;
  return { artifact, record, head, base };
}
