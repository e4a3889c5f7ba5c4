import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Deadline } from '../../src/action/deadline.js';
import { isUnprivilegedPullRequest, uploadPullRequestResults } from '../../src/action/fork-pull-request.js';
import type { RunContext } from '../../src/action/github-context.js';
import type { ActionInputs } from '../../src/action/inputs.js';
import type { ArtifactUploader } from '../../src/github/artifact-upload.js';
import { createOctokit } from '../../src/github/octokit-client.js';
import type { Report } from '../../src/core/model.js';
import { parsePullRequestClaim } from '../../src/results/pull-request-schema.js';

const HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const BASE = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';

const ctx = (headRepoFullName: string | undefined, over: Partial<RunContext> = {}): RunContext => ({
  eventName: 'pull_request',
  owner: 'Codertocat',
  repo: 'Hello-World',
  repositoryId: 186853002,
  sha: 'a'.repeat(40),
  ref: 'refs/pull/2/merge',
  runId: 555,
  runAttempt: 1,
  actor: 'octocat',
  defaultBranch: 'master',
  pullRequest: { number: 2, headSha: HEAD, baseSha: BASE, baseRef: 'master', ...(headRepoFullName ? { headRepoFullName } : {}) },
  ...over,
});

const inputs = { resultsArtifact: 'perfgate-results', retentionDays: 5 } as ActionInputs;
const report = (method: Report['baseline']['method'], confirmation?: Report['confirmation']) =>
  ({ baseline: { method, source: 'x' }, ...(confirmation ? { confirmation } : {}) }) as Report;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'perfgate-fork-'));
  for (const name of ['results.json', 'base-results.json', 'report.json']) await writeFile(path.join(dir, name), '{}');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('isUnprivilegedPullRequest', () => {
  it('is true for a pull request whose head lives in another repository, or in one that is gone', () => {
    expect(isUnprivilegedPullRequest(ctx('fork-user/Hello-World'))).toBe(true);
    expect(isUnprivilegedPullRequest(ctx(undefined))).toBe(true);
  });

  it('is true for a Dependabot pull request from this repository: its runs get a read-only token', () => {
    expect(isUnprivilegedPullRequest(ctx('Codertocat/Hello-World', { actor: 'dependabot[bot]' }))).toBe(true);
    expect(isUnprivilegedPullRequest(ctx('Codertocat/Hello-World', { actor: 'dependabot[bot]', eventName: 'push' }))).toBe(false);
  });

  it('is false for a branch of this repository (any case) and for other events', () => {
    expect(isUnprivilegedPullRequest(ctx('codertocat/hello-world'))).toBe(false);
    expect(isUnprivilegedPullRequest(ctx('fork-user/Hello-World', { eventName: 'pull_request_target' }))).toBe(false);
    const { pullRequest: _none, ...push } = ctx('x/y', { eventName: 'push' });
    expect(isUnprivilegedPullRequest(push)).toBe(false);
  });
});

describe('uploadPullRequestResults', () => {
  const client = createOctokit({ token: 't', baseUrl: 'http://127.0.0.1:9', retries: 0, throttle: false });

  it('uploads the results, the base re-run, the report and the claim under the results name', async () => {
    const calls: { name: string; files: string[]; root: string; retention?: number }[] = [];
    const upload: ArtifactUploader = async (name, files, root, options) => {
      calls.push({ name, files: files.map((f) => path.relative(root, f)), root, ...(options?.retentionDays ? { retention: options.retentionDays } : {}) });
      return { id: 77, size: 1234 };
    };
    const confirmation = { rounds: 2, benchmarks: ['s/a'], confirmed: ['s/a'], cleared: [] };
    const line = await uploadPullRequestResults({
      client, ctx: ctx('fork-user/Hello-World'), inputs, deadline: new Deadline(10_000), outDir: dir,
      resultsFile: path.join(dir, 'results.json'), reportFile: path.join(dir, 'report.json'), report: report('same-runner', confirmation), upload,
      warnings: ['same-runner.pin-cpu: 3: taskset could not pin', ...Array.from({ length: 25 }, (_, i) => `w${i} ${'x'.repeat(2000)}`)],
    });
    expect(line).toMatch(/^pull request #2 comes from a fork, whose token cannot comment: uploaded the results artifact perfgate-results \(#77, 1234 bytes\)/);
    expect(calls).toEqual([{ name: 'perfgate-results', files: ['results.json', 'base-results.json', 'report.json', 'pull-request.json'], root: dir, retention: 5 }]);
    const claim = parsePullRequestClaim(await readFile(path.join(dir, 'pull-request.json'), 'utf8'), 'pull-request.json');
    const { warnings, ...rest } = claim;
    expect(rest).toEqual({ schema: 'perfgate/pull-request', version: 1, number: 2, headSha: HEAD, baseSha: BASE, baseRef: 'master', confirmation: { rounds: 2, benchmarks: ['s/a'] } });
    expect(warnings).toHaveLength(20);
    expect(warnings![0]).toBe('same-runner.pin-cpu: 3: taskset could not pin');
    expect(warnings![1]).toHaveLength(1000);
  });

  it('leaves a stale base-results.json out, names a re-run attempt, and turns a failure into a warning line', async () => {
    const calls: { name: string; files: string[] }[] = [];
    const upload: ArtifactUploader = async (name, files, root) => {
      calls.push({ name, files: files.map((f) => path.relative(root, f)) });
      throw new Error('Failed to CreateArtifact: (500) boom');
    };
    const line = await uploadPullRequestResults({
      client, ctx: ctx('fork-user/Hello-World', { runAttempt: 2 }), inputs, deadline: new Deadline(10_000), outDir: dir,
      resultsFile: path.join(dir, 'results.json'), report: report('artifact'), upload,
    });
    expect(calls).toEqual([{ name: 'perfgate-results-attempt-2', files: ['results.json', 'pull-request.json'] }]);
    expect(line).toBe('the results artifact perfgate-results-attempt-2 was not uploaded, so no report job can post these results: Failed to CreateArtifact: (500) boom');
  });
});
