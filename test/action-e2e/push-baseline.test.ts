import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGitHub, type TestGitHub } from '../github-server/index.js';
import { makeProject, runAction, webhookPayload } from './run-action.js';

let github: TestGitHub;

beforeAll(async () => {
  github = await startTestGitHub({ owner: 'Codertocat', repo: 'Hello-World', repositoryId: 186853002 });
});

afterAll(async () => {
  await github?.close();
});

describe('push to the base branch, then a pull request', () => {
  it('uploads the baseline through @actions/artifact and the next pull request run uses it', async () => {
    const project = makeProject();
    const push = webhookPayload('push');
    const pushSha = (push['after'] as string | undefined) ?? 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
    const prPayload = webhookPayload('pull_request', 'opened');
    const baseSha = (prPayload['pull_request'] as { base: { sha: string } }).base.sha;
    github.setNextUploadContext({ headBranch: 'master', headSha: baseSha, runId: 4242 });
    const pushed = await runAction(project, {
      apiUrl: github.url,
      token: github.token,
      event: 'push',
      payload: push,
      ref: 'refs/heads/master',
      sha: pushSha,
      runId: 4242,
      resultsUrl: github.resultsUrl,
      runtimeToken: github.runtimeToken,
      inputs: { 'base-branch': 'master' },
    });
    expect(pushed.status, pushed.stdout + pushed.stderr).toBe(0);
    expect(pushed.stdout).toMatch(/uploaded the baseline artifact perfgate-baseline/);
    const uploaded = github.artifacts().filter((a) => a.name === 'perfgate-baseline');
    expect(uploaded).toHaveLength(1);

    const pr = await runAction(project, { apiUrl: github.url, token: github.token, event: 'pull_request', payload: prPayload });
    expect(pr.status, pr.stdout).toBe(0);
    expect(pr.outputs['baseline-source']).toMatch(/^artifact: artifact perfgate-baseline #\d+ from run 4242$/);
    expect(github.validationErrors).toEqual([]);
  });

  it('does nothing, successfully, on an event it does not handle', async () => {
    const project = makeProject();
    const run = await runAction(project, { apiUrl: github.url, token: github.token, event: 'issues', payload: webhookPayload('issues') });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/perfgate does nothing on "issues" events/);
  });
});
