import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/model.js';
import { startTestGitHub, type TestGitHub } from '../github-server/index.js';
import { git, twoCommitRepository } from '../helpers/git-repo.js';
import { runAction, webhookPayload } from './run-action.js';

const PR = 2;
const dir = mkdtempSync(path.join(os.tmpdir(), 'perfgate-action-ab-'));
let github: TestGitHub;

beforeAll(async () => {
  github = await startTestGitHub({ owner: 'Codertocat', repo: 'Hello-World', repositoryId: 186853002 });
});
afterAll(async () => {
  await github?.close();
  rmSync(dir, { recursive: true, force: true });
});

const config = (sameRunner: string) => `version: 1
defaults:
  rounds: 6
  time: 300ms
  warmup: 20ms
same-runner:
  confirm-rounds: 4
${sameRunner}suites:
  - name: work
    type: tinybench
    file: bench/work.bench.mjs
`;

/** The pull_request payload, pointed at the two commits of a local repository. */
function payloadFor(root: string): Record<string, unknown> {
  const payload = webhookPayload('pull_request', 'opened');
  const pr = payload['pull_request'] as { base: { sha: string }; head: { sha: string } };
  pr.base.sha = git(root, 'rev-parse', 'HEAD~1').trim();
  pr.head.sha = git(root, 'rev-parse', 'HEAD').trim();
  return payload;
}

function pr(root: string) {
  return runAction(root, { apiUrl: github.url, token: github.token, event: 'pull_request', payload: payloadFor(root), sha: git(root, 'rev-parse', 'HEAD').trim() });
}

describe('pull_request in same-runner mode (built action, GitHub API test server)', () => {
  it('re-runs the base commit on this runner, fails the slower benchmark, and says which method decided', async () => {
    const root = twoCommitRepository(path.join(dir, 'slower'), config(''), { slower: 1, same: 1 }, { slower: 1.25, same: 1 });
    const run = await pr(root);
    expect(run.status, run.stdout).toBe(1);
    expect(run.outputs['baseline-source']).toMatch(/^same-runner: commit [0-9a-f]{12} \([0-9a-f]{40}\)$/);
    expect(run.outputs['verdict']).toBe('fail');
    expect(run.stdout).toMatch(/::group::perfgate: preparing the base commit/);
    const report = JSON.parse(readFileSync(path.join(root, '.perfgate', 'report.json'), 'utf8')) as Report;
    expect(report.benchmarks.filter((b) => b.verdict === 'fail').map((b) => b.id)).toEqual(['work/slower']);
    expect(report.head.commit).toBe(git(root, 'rev-parse', 'HEAD').trim());
    expect(report.base?.commit).toBe(git(root, 'rev-parse', 'HEAD~1').trim());
    expect(existsSync(path.join(root, '.perfgate', 'base-results.json'))).toBe(true);
    const comment = github.comments(PR).at(-1)!.body ?? '';
    expect(comment).toContain('re-run on this runner');
    expect(comment).toContain('Wilcoxon signed-rank');
    expect(git(root, 'worktree', 'list').trim().split('\n')).toHaveLength(1);

    // With a baseline artifact of main, its absolute numbers stand beside the verdict.
    const main = readFileSync(path.join(root, '.perfgate', 'base-results.json'), 'utf8');
    github.addArtifact({ name: 'main-numbers', files: { 'results.json': main }, runId: 940, headBranch: 'master', headSha: git(root, 'rev-parse', 'HEAD~1').trim() });
    const again = await runAction(root, {
      apiUrl: github.url,
      token: github.token,
      event: 'pull_request',
      payload: payloadFor(root),
      inputs: { 'baseline-artifact': 'main-numbers' },
    });
    expect(again.outputs['baseline-source']).toMatch(/^same-runner: /);
    const report2 = JSON.parse(readFileSync(path.join(root, '.perfgate', 'report.json'), 'utf8')) as Report;
    expect(report2.main?.source).toMatch(/^artifact main-numbers #\d+ from run 940$/);
    expect(Object.keys(report2.main!.values).sort()).toEqual(['work/same', 'work/slower']);
    expect(github.comments(PR).at(-1)!.body).toContain('| Main (artifact) |');
  }, 180_000);

  it('falls back to the artifact baseline, with a warning that quotes the failing setup step', async () => {
    const root = twoCommitRepository(path.join(dir, 'broken-setup'), config("  setup: 'echo building && node -e \"process.exit(7)\"'\n"), { a: 1 }, { a: 1 });
    // Main's artifact: the results of a plain run of the same suite.
    const first = await runAction(root, {
      apiUrl: github.url,
      token: github.token,
      event: 'pull_request',
      payload: payloadFor(root),
      inputs: { 'output-directory': '.first' },
    });
    const baseline = readFileSync(path.join(root, '.first', 'results.json'), 'utf8');
    github.addArtifact({ name: 'perfgate-baseline', files: { 'results.json': baseline }, runId: 950, headBranch: 'master', headSha: git(root, 'rev-parse', 'HEAD~1').trim() });
    expect(first.stdout).toMatch(/same-runner comparison impossible/);

    const run = await pr(root);
    expect(run.status, run.stdout).toBe(0);
    expect(run.outputs['baseline-source']).toMatch(/^artifact: artifact perfgate-baseline #\d+ from run 950$/);
    const warning = run.stdout.split('\n').find((line) => line.startsWith('::warning::same-runner comparison impossible'));
    expect(warning).toContain('the setup command "echo building && node -e "process.exit(7)"" failed with exit code 7');
    expect(warning).toContain('the verdict comes from the main-branch baseline instead');
    const report = JSON.parse(readFileSync(path.join(root, '.perfgate', 'report.json'), 'utf8')) as Report;
    expect(report.baseline.method).toBe('artifact');
    expect(report.warnings.some((w) => w.startsWith('same-runner comparison impossible: the setup command'))).toBe(true);
    expect(git(root, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
  }, 180_000);

  it('made no request that GitHub would reject', () => {
    expect(github.validationErrors).toEqual([]);
  });
});
