import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGitHub } from './index.js';
import type { TestGitHub } from './index.js';

// @actions/github (which @actions/artifact uses for its REST calls) reads GITHUB_API_URL when it is
// first imported: it and everything that imports it are loaded only after the server is up.
type OctokitFor = (typeof import('./octokit.js'))['octokitFor'];
let octokitFor: OctokitFor;

let gh: TestGitHub;
let client: import('@actions/artifact').ArtifactClient;
let root: string;

beforeAll(async () => {
  gh = await startTestGitHub({ runId: 777 });
  // @actions/artifact reads these from the environment; GITHUB_SERVER_URL must not name a GHES host
  process.env['ACTIONS_RUNTIME_TOKEN'] = gh.runtimeToken;
  process.env['ACTIONS_RESULTS_URL'] = gh.resultsUrl;
  process.env['GITHUB_SERVER_URL'] = 'https://github.com';
  process.env['GITHUB_API_URL'] = gh.url;
  delete process.env['ACTIONS_ARTIFACT_UPLOAD_CONCURRENCY'];
  const { DefaultArtifactClient } = await import('@actions/artifact');
  ({ octokitFor } = await import('./octokit.js'));
  client = new DefaultArtifactClient();
  root = mkdtempSync(path.join(os.tmpdir(), 'github-server-upload-'));
  mkdirSync(path.join(root, 'sub'));
  writeFileSync(path.join(root, 'results.json'), '{"schema":"x","values":[1,2,3]}');
  writeFileSync(path.join(root, 'sub', 'notes.txt'), 'n'.repeat(100_000));
});

afterAll(async () => {
  await gh.close();
  rmSync(root, { recursive: true, force: true });
});

describe('@actions/artifact upload through the results service stand-in', () => {
  it('uploads, then the artifact is listed and downloadable over REST', async () => {
    gh.setNextUploadContext({ headBranch: 'main', headSha: '9'.repeat(40) });
    const files = [path.join(root, 'results.json'), path.join(root, 'sub', 'notes.txt')];
    const up = await client.uploadArtifact('perf-baseline', files, root, { retentionDays: 5 });
    const id = up.id!;
    expect(id).toBeGreaterThan(0);

    const stored = gh.artifacts().find((a) => a.id === id)!;
    expect(stored).toMatchObject({ name: 'perf-baseline', runId: 777, headBranch: 'main', headSha: '9'.repeat(40), source: 'upload' });
    expect(stored.digest).toBe(`sha256:${up.digest}`);
    expect(stored.sizeInBytes).toBe(up.size);
    expect(Date.parse(stored.expiresAt) - Date.now()).toBeLessThan(6 * 86_400_000);

    const octokit = octokitFor(gh);
    const { owner, repo } = gh;
    const list = await octokit.rest.actions.listWorkflowRunArtifacts({ owner, repo, run_id: 777, name: 'perf-baseline' });
    expect(list.data.artifacts.map((a) => a.id)).toEqual([id]);
    expect(list.data.artifacts[0]!.workflow_run).toMatchObject({ id: 777, head_branch: 'main', head_sha: '9'.repeat(40) });
    const dl = await octokit.rest.actions.downloadArtifact({ owner, repo, artifact_id: id, archive_format: 'zip', request: { redirect: 'manual' } });
    const zip = new Uint8Array(await (await fetch(dl.headers.location!)).arrayBuffer());
    const unzipped = unzipSync(zip);
    expect(strFromU8(unzipped['results.json']!)).toBe('{"schema":"x","values":[1,2,3]}');
    expect(strFromU8(unzipped['sub/notes.txt']!)).toBe('n'.repeat(100_000));

    // what the client actually called, in order
    const calls = gh.requests.filter((r) => r.service !== 'rest').map((r) => `${r.method} ${r.service === 'blob' ? (r.query['comp'] ?? 'put') : r.path.split('/').pop()}`);
    expect(calls).toEqual(['POST CreateArtifact', 'PUT block', 'PUT blocklist', 'POST FinalizeArtifact', 'GET put']);
  });

  it('refuses a second upload of the same name in the same run (409 already_exists)', async () => {
    const err = await client.uploadArtifact('perf-baseline', [path.join(root, 'results.json')], root).catch((e: unknown) => e);
    expect(String(err)).toMatch(/409.*already exists/);
    // a new run may use the name again
    gh.setNextUploadContext({ runId: 778 });
    const again = await client.uploadArtifact('perf-baseline', [path.join(root, 'results.json')], root);
    expect(gh.artifacts().filter((a) => a.name === 'perf-baseline').map((a) => [a.id, a.runId])).toEqual([
      [again.id, 778],
      [expect.any(Number), 777],
    ]);
  });

  it('lets the client list, get and download by its own API (REST for other runs)', async () => {
    const mine = await client.listArtifacts();
    expect(mine.artifacts.map((a) => a.name)).toEqual(['perf-baseline']);
    const found = await client.getArtifact('perf-baseline', {
      findBy: { token: gh.token, workflowRunId: 777, repositoryOwner: gh.owner, repositoryName: gh.repo },
    });
    expect(found.artifact.name).toBe('perf-baseline');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'github-server-download-'));
    const got = await client.downloadArtifact(found.artifact.id, {
      path: dir,
      findBy: { token: gh.token, workflowRunId: 777, repositoryOwner: gh.owner, repositoryName: gh.repo },
    });
    expect(got.downloadPath).toBe(dir);
    expect(readFileSync(path.join(dir, 'sub', 'notes.txt'), 'utf8')).toBe('n'.repeat(100_000));
    rmSync(dir, { recursive: true, force: true });
  });

  it('made only valid requests and gave only valid answers', () => {
    expect(gh.validationErrors).toEqual([]);
    expect(gh.responseErrors).toEqual([]);
  });
});
