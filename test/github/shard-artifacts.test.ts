import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOctokit, type GitHubClient } from '../../src/github/octokit-client.js';
import { readShardArtifacts, shardArtifactName } from '../../src/github/shard-artifacts.js';
import { latency, results } from '../helpers/fixtures.js';
import { artifact } from './artifact-fixtures.js';
import { FakeArtifactApi } from './fake-artifact-api.js';

const RUN = 555;
let api: FakeArtifactApi;
let client: GitHubClient;
let nextId = 1;

beforeAll(async () => {
  api = await new FakeArtifactApi().start();
  client = createOctokit({ token: 'test-token', baseUrl: api.url, retries: 0, throttle: false });
});

afterAll(async () => {
  await api.stop();
});

beforeEach(() => {
  api.artifacts = [];
  api.zips.clear();
});

function record(index: number, count: number, suites: string[]) {
  return { schema: 'perfgate/shard', version: 1, index, count, suites, plan: [suites], balance: 'round-robin', method: 'artifact' };
}

/** A shard artifact in run RUN, as a shard job uploads it; `files` replaces any of its files. */
function addShard(index: number, count: number, files: Record<string, string> = {}, name = shardArtifactName('perfgate-results', index, count), runId = RUN): number {
  const id = nextId++;
  const suite = `s${index}`;
  const all = {
    'results.json': JSON.stringify(results([latency(`${suite}/a`, [[1, 2]])])),
    'shard.json': JSON.stringify(record(index, count, [suite])),
    ...files,
  };
  api.artifacts.push(artifact({ id, runId, name }));
  api.zips.set(id, zipSync(Object.fromEntries(Object.entries(all).map(([n, text]) => [n, strToU8(text)]))));
  return id;
}

const read = (runAttempt = 1) => readShardArtifacts(client, { owner: 'acme', repo: 'app', runId: RUN, runAttempt, prefix: 'perfgate-results' });

describe('reading the shard artifacts of a workflow run', () => {
  it('reads every shard, shard 1 first, and only this run’s', async () => {
    addShard(3, 3);
    addShard(1, 3);
    addShard(2, 3);
    addShard(1, 2, {}, shardArtifactName('perfgate-results', 1, 2), 999);
    api.artifacts.push(artifact({ id: nextId++, runId: RUN, name: 'perfgate-baseline' }));
    const shards = await read();
    expect(shards.map((s) => [s.record.index, s.head.benchmarks[0]!.id, s.base])).toEqual([
      [1, 's1/a', null],
      [2, 's2/a', null],
      [3, 's3/a', null],
    ]);
  });

  it('names the shard that is missing', async () => {
    addShard(1, 4);
    addShard(2, 4);
    addShard(4, 4);
    await expect(read()).rejects.toThrow('shard 3 of 4 ("perfgate-results-shard-3-of-4") was not uploaded by this run: did its job fail?');
    api.artifacts = [];
    for (const index of [1, 4, 6]) addShard(index, 6);
    await expect(read()).rejects.toThrow(
      'shards 2, 3 and 5 of 6 ("perfgate-results-shard-2-of-6", "perfgate-results-shard-3-of-6", "perfgate-results-shard-5-of-6") were not uploaded by this run: did their jobs fail?',
    );
  });

  it('says so when the run has no shard artifacts at all, or shards of two different counts', async () => {
    await expect(read()).rejects.toThrow(/^workflow run 555 has no shard results \("perfgate-results-shard-1-of-2" \.\.\.\)/);
    addShard(1, 2);
    addShard(2, 2);
    addShard(1, 3);
    await expect(read()).rejects.toThrow(
      'the shard artifacts of workflow run 555 disagree on the number of shards: 2 (perfgate-results-shard-1-of-2, perfgate-results-shard-2-of-2) and 3 (perfgate-results-shard-1-of-3)',
    );
  });

  it('takes a re-run shard’s newest attempt up to this one', async () => {
    addShard(1, 2);
    addShard(2, 2);
    addShard(2, 2, { 'results.json': JSON.stringify(results([latency('s2/again', [[1]])])) }, 'perfgate-results-shard-2-of-2-attempt-2');
    expect((await read(2)).map((s) => s.head.benchmarks[0]!.id)).toEqual(['s1/a', 's2/again']);
    expect((await read(1)).map((s) => s.head.benchmarks[0]!.id)).toEqual(['s1/a', 's2/a']);
  });

  it('refuses a shard whose files do not fit, naming it', async () => {
    addShard(1, 2);
    const id = addShard(2, 2, { 'shard.json': JSON.stringify(record(1, 2, ['s2'])) });
    await expect(read()).rejects.toThrow(`shard 2 of 2 ("perfgate-results-shard-2-of-2", #${id}) cannot be merged: its shard.json says shard 1 of 2`);
    api.artifacts.pop();
    const broken = addShard(2, 2, { 'results.json': '{"schema":"perfgate/results","version":2}' });
    await expect(read()).rejects.toThrow(new RegExp(`^shard 2 of 2 \\("perfgate-results-shard-2-of-2", #${broken}\\) cannot be merged: .*version`));
    api.artifacts.pop();
    const stray = addShard(2, 2, { 'run.sh': 'echo hi' });
    await expect(read()).rejects.toThrow(new RegExp(`#${stray}\\) cannot be merged: .*run\\.sh`));
  });
});
