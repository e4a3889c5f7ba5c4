import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGitHub, type TestGitHub } from '../github-server/index.js';
import { makeProject, runAction, webhookPayload, type ActionRun } from './run-action.js';

const PR = 2;
const BASE_SHA = (webhookPayload('pull_request', 'opened')['pull_request'] as { base: { sha: string } }).base.sha;

let github: TestGitHub;
let project: string;
let baselineText: string;

beforeAll(async () => {
  github = await startTestGitHub({ owner: 'Codertocat', repo: 'Hello-World', repositoryId: 186853002 });
  // Three rounds cannot prove a change, so with the relative check off every verdict is a
  // deterministic pass: the fault tests can then demand the same verdict run after run.
  project = makeProject(['ok.bench.mjs'], '  thresholds:\n    latency:\n      regression: off\n');
  // A first run with no baseline anywhere records results; they become the artifact baseline.
  const first = await pr();
  expect(first.status, first.stdout + first.stderr).toBe(0);
  baselineText = readFileSync(path.join(project, '.perfgate', 'results.json'), 'utf8');
  // The committed baseline holds the same results, so a fallback to it must not change the verdict.
  mkdirSync(path.join(project, 'baselines'), { recursive: true });
  writeFileSync(path.join(project, 'baselines', 'perfgate.json'), baselineText);
  github.addArtifact({ name: 'perfgate-baseline', files: { 'results.json': baselineText }, runId: 900, headBranch: 'master', headSha: BASE_SHA });
});

afterAll(async () => {
  await github?.close();
});

function pr(inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction(project, { apiUrl: github.url, token: github.token, event: 'pull_request', payload: webhookPayload('pull_request', 'opened'), inputs });
}

function perfgateComments() {
  return github.comments(PR).filter((c) => c.body?.startsWith('<!-- perfgate:comment id=perfgate -->'));
}

describe('pull_request against the GitHub API test server', () => {
  it('uses the artifact baseline, comments once, writes outputs and summary; a second run updates the comment', async () => {
    const run = await pr();
    expect(run.status, run.stdout).toBe(0);
    expect(run.outputs['baseline-source']).toMatch(/^artifact: artifact perfgate-baseline #\d+ from run 900$/);
    expect(run.outputs['verdict']).toMatch(/^(pass|warn|unstable|improved)$/);
    expect(run.summary).toMatch(/perfgate: /);
    const comments = perfgateComments();
    expect(comments).toHaveLength(1);
    expect(run.outputs['comment-url']).toBe(comments[0]!.html_url);
    const again = await pr();
    expect(again.status).toBe(0);
    expect(perfgateComments()).toHaveLength(1);
    expect(perfgateComments()[0]!.id).toBe(comments[0]!.id);
    expect(again.stdout).toMatch(/updated the perfgate comment/);
  });

  it('finds its own comment among 250 others', async () => {
    const before = perfgateComments()[0]!.id;
    for (let i = 0; i < 250; i++) github.addComment(PR, `comment ${i}`, 'someone');
    const run = await pr();
    expect(run.status).toBe(0);
    expect(perfgateComments().map((c) => c.id)).toEqual([before]);
  });

  it('survives every fault kind once with the same verdict and one comment', async () => {
    const reference = await pr();
    const kinds = [500, 502, 503, 'reset', 'slow', 429, 'secondary-rate-limit'] as const;
    for (const kind of kinds) {
      for (const where of [/\/issues\/\d+\/comments/, /\/actions\/artifacts$/]) {
        github.injectFault({ path: where, kind, times: 1, delayMs: 1500 });
        const run = await pr();
        expect(run.status, `${kind} on ${where}: ${run.stdout}`).toBe(reference.status);
        expect(run.outputs['verdict'], `${kind} on ${where}`).toBe(reference.outputs['verdict']);
        expect(perfgateComments(), `${kind} on ${where}`).toHaveLength(1);
      }
    }
    // An artifact that expires between listing and download answers 410: the committed
    // baseline (the same results here) takes over, with a warning, and the verdict stands.
    github.injectFault({ path: /\/actions\/artifacts\/\d+\/zip$/, kind: 410, times: 1 });
    const gone = await pr();
    expect(gone.status).toBe(reference.status);
    expect(gone.outputs['verdict']).toBe(reference.outputs['verdict']);
    expect(gone.outputs['baseline-source']).toMatch(/^committed: /);
    expect(gone.stdout).toMatch(/::warning::.*expired/);
  }, 300_000);

  it('keeps its verdict and summary when the comment endpoint is down for good, and says why', async () => {
    github.injectFault({ method: 'GET', path: /\/issues\/\d+\/comments/, kind: 503, times: 1000 });
    const run = await pr();
    github.injectFault({ method: 'GET', path: /\/issues\/\d+\/comments/, kind: 503, times: 0 });
    expect(run.status).toBe(0);
    expect(run.summary).toMatch(/perfgate: /);
    expect(run.outputs['verdict']).toBeTruthy();
    expect(run.stdout).toMatch(/no comment was posted: /);
  });

  it('leaves exactly one comment after 10 runs started at once', async () => {
    for (const c of perfgateComments()) github.deleteComment(c.id);
    const runs = await Promise.all(Array.from({ length: 10 }, () => pr()));
    for (const run of runs) expect(run.status).toBe(0);
    expect(perfgateComments()).toHaveLength(1);
  });

  it('falls back to the committed baseline with one line for each broken artifact', async () => {
    const bomb = zipSync({ 'results.json': new Uint8Array(200 * 1024 * 1024) }, { level: 9 });
    const cases: [string, Parameters<TestGitHub['addArtifact']>[0], RegExp][] = [
      ['expired', { name: 'x-expired', files: { 'results.json': baselineText }, headBranch: 'master', headSha: BASE_SHA, expired: true }, /no usable baseline artifact|expired/],
      ['corrupt zip', { name: 'x-corrupt', files: {}, rawZip: strToU8('PK\u0003\u0004 this is not a zip'), headBranch: 'master', headSha: BASE_SHA }, /zip/],
      ['../ path', { name: 'x-escape', files: { '../evil.json': baselineText }, headBranch: 'master', headSha: BASE_SHA }, /\.\.\/evil\.json/],
      ['zip bomb', { name: 'x-bomb', files: {}, rawZip: bomb, headBranch: 'master', headSha: BASE_SHA }, /limit|too large|inflat/],
      ['schema', { name: 'x-schema', files: { 'results.json': '{"schema":"perfgate/results","version":2}' }, headBranch: 'master', headSha: BASE_SHA }, /version/],
    ];
    for (const [label, artifact, why] of cases) {
      github.addArtifact(artifact);
      const run = await pr({ 'baseline-artifact': artifact.name });
      expect(run.status, label).toBe(0);
      const warnings = run.stdout.split('\n').filter((line) => line.startsWith('::warning::'));
      expect(warnings.some((line) => why.test(line)), `${label}: ${warnings.join('\n')}`).toBe(true);
      expect(run.outputs['baseline-source'], label).toMatch(/^committed: baselines\/perfgate\.json$/);
    }
  });

  it('made no request that GitHub would reject', () => {
    expect(github.validationErrors).toEqual([]);
  });
});
