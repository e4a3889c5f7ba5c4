import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGitHub, type TestGitHub } from '../github-server/index.js';
import { makeProject, runAction, webhookPayload, type ActionRun } from './run-action.js';

const PR = 2;

let github: TestGitHub;
let project: string;

beforeAll(async () => {
  github = await startTestGitHub({ owner: 'Codertocat', repo: 'Hello-World', repositoryId: 186853002 });
  // A fail limit no benchmark can meet: every benchmark fails, whatever the machine does.
  project = makeProject(['ok.bench.mjs'], '  thresholds:\n    latency:\n      regression: off\n      fail: 1ns\ncompare: artifact\n');
  github.setPermission('maintainer-mo', 'write');
  github.setPermission('reader-rae', 'read');
});

afterAll(async () => {
  await github?.close();
});

function pr(): Promise<ActionRun> {
  return runAction(project, { apiUrl: github.url, token: github.token, event: 'pull_request', payload: webhookPayload('pull_request', 'opened') });
}

const perfgateComment = () => github.comments(PR).find((c) => c.body?.startsWith('<!-- perfgate:comment id=perfgate -->'))?.body ?? '';
const report = () => JSON.parse(readFileSync(path.join(project, '.perfgate', 'report.json'), 'utf8')) as { verdict: string; benchmarks: { id: string; verdict: string }[] };

describe('accepting an intended regression on a pull request', () => {
  it('fails, then passes once a maintainer accepts, and shows who accepted it and why', async () => {
    const failing = await pr();
    expect(failing.status, failing.stdout).toBe(1);
    expect(report().verdict).toBe('fail');

    github.addComment(PR, '/perfgate accept "ok/JSON.parse small" the limit is a test fixture\n/perfgate accept `ok/sum 1..100` also intended', 'maintainer-mo');
    const accepted = await pr();
    expect(accepted.status, accepted.stdout).toBe(0);
    expect(accepted.outputs['verdict']).toBe('accepted');
    expect(report().benchmarks.map((b) => b.verdict)).toEqual(['accepted', 'accepted']);
    expect(perfgateComment()).toMatch(/maintainer-mo/);
    expect(perfgateComment()).toContain('the limit is a test fixture');
  });

  it('refuses the same command from a user without write access, with one reply that says why', async () => {
    github.addComment(PR, '/perfgate accept all I want it merged', 'reader-rae');
    await pr();
    await pr();
    const replies = github.comments(PR).filter((c) => c.body?.includes('perfgate:refusal'));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toMatch(/write access/);
    expect(replies[0]!.body).toMatch(/reader-rae/);
    expect(report().benchmarks.map((b) => b.verdict)).toEqual(['accepted', 'accepted']);
    expect(github.validationErrors).toEqual([]);
  });
});
