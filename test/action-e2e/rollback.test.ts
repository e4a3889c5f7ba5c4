import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentMarker } from '../../src/github/incident-issue.js';
import { startTestGitHub, type TestGitHub } from '../github-server/index.js';
import { copyExampleService, processesUnder, setServiceKnob } from '../helpers/example-service.js';
import { git } from '../helpers/git-repo.js';
import { pushPayload, ROOT, runAction, type ActionRun } from './run-action.js';

const CONFIG = `version: 1
same-runner:
  confirm-rounds: 1
rollback:
  labels: [perfgate:rollback, performance]
  mentions: ['@octo-org/perf']
suites:
  - name: api
    type: http
    start: node server.mjs
    cwd: service
    ready: /health
    requests:
      - name: work
        path: /work
    load: { connections: 10, duration: 1s }
    warmup: 300ms
    rounds: 3
`;

let github: TestGitHub;
let project: string;
let base: string;
let branchCommit: string;
let merge: string;

/**
 * The example service on master, and a pull request that makes each request 8 times the work
 * (about 25 ms), merged with a merge commit: with 10 connections its p95 goes far past 200 ms.
 */
function repository(): void {
  project = mkdtempSync(path.join(os.tmpdir(), 'perfgate-rollback-'));
  copyExampleService(project);
  writeFileSync(path.join(project, 'perfgate.yml'), CONFIG);
  writeFileSync(path.join(project, '.gitignore'), '.perfgate/\n');
  git(project, 'init', '-q', '-b', 'master');
  git(project, 'add', '-A');
  git(project, 'commit', '-qm', 'base');
  base = git(project, 'rev-parse', 'HEAD').trim();
  git(project, 'checkout', '-qb', 'slow');
  setServiceKnob(project, 'WORK_FACTOR', 8);
  git(project, 'commit', '-qam', 'More work per request');
  branchCommit = git(project, 'rev-parse', 'HEAD').trim();
  git(project, 'checkout', '-q', 'master');
  git(project, 'merge', '-q', '--no-ff', '-m', 'Merge pull request #21 from ada/slow', 'slow');
  merge = git(project, 'rev-parse', 'HEAD').trim();
}

beforeAll(async () => {
  repository();
  github = await startTestGitHub({ owner: 'Codertocat', repo: 'Hello-World', repositoryId: 186853002 });
  github.addCommit({ sha: base, date: '2026-03-02T09:00:00Z' });
  github.addCommit({ sha: branchCommit, parents: [base], date: '2026-03-02T09:05:00Z' });
  github.addCommit({ sha: merge, parents: [base, branchCommit], date: '2026-03-02T09:10:00Z' });
  github.addPullRequest({ number: 21, title: 'More work per request', user: 'ada', baseRef: 'master', commits: [branchCommit], mergedAt: '2026-03-02T09:10:00Z', mergeCommitSha: merge });
});

afterAll(async () => {
  await github?.close();
  if (project && !process.env.KEEP_ROLLBACK) rmSync(project, { recursive: true, force: true });
});

let runId = 9100;

function pushRun(): Promise<ActionRun> {
  const id = runId++;
  return runAction(project, {
    apiUrl: github.url,
    token: github.token,
    event: 'push',
    payload: pushPayload({ branch: 'master', before: base, after: merge, commits: [branchCommit, merge], time: '2026-03-02T09:10:00Z' }),
    ref: 'refs/heads/master',
    sha: merge,
    runId: id,
    resultsUrl: github.resultsUrl,
    runtimeToken: github.runtimeFor({ headBranch: 'master', headSha: merge, runId: id }),
    inputs: { 'base-branch': 'master' },
  });
}

describe('rollback recommendation after a merge', () => {
  it('opens one issue and comments once on the merged pull request, also when the run is repeated', async () => {
    const first = await pushRun();
    expect(first.status, first.stdout + first.stderr).toBe(1);
    expect(first.stdout).toMatch(/same-runner: base [0-9a-f]{12}/);
    expect(first.stdout).toMatch(/perfgate recommends reverting/);
    const retried = await pushRun();
    expect(retried.status, retried.stdout + retried.stderr).toBe(1);
    expect(retried.stdout).toMatch(/updated the incident issue #\d+/);

    const incidents = github.issues().filter((i) => (i.body ?? '').startsWith(incidentMarker(merge)));
    expect(incidents).toHaveLength(1);
    const issue = incidents[0]!;
    expect(issue.state).toBe('open');
    expect(issue.labels).toEqual(['perfgate:rollback', 'performance']);
    expect(issue.title).toBe(`perfgate: revert #21 More work per request (${merge.slice(0, 7)})`);
    expect(issue.body).toContain(`git revert -m 1 ${merge}`);
    expect(issue.body).toMatch(/api\/work latency \(p95\): .*critical limit 200 ms/);
    expect(issue.body).toContain('cc @octo-org/perf');

    // What a maintainer reads, kept for a look: test-output/rollback/.
    const out = path.join(ROOT, 'test-output', 'rollback');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'issue.md'), `# ${issue.title}\n\n${issue.body}`);
    writeFileSync(path.join(out, 'summary.md'), retried.summary);

    const comments = github.comments(21);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(`git revert -m 1 ${merge}`);
    expect(comments[0]!.body).toContain(`Incident: #${issue.number}`);

    const log = JSON.parse(readFileSync(path.join(project, '.perfgate', 'merge-log.json'), 'utf8')) as { entries: { commit: string; mergeMethod: string; method: string; rollback?: { revert: string; issue?: { number: number } } }[] };
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0]).toMatchObject({ commit: merge, mergeMethod: 'merge', method: 'same-runner', rollback: { revert: `git revert -m 1 ${merge}`, issue: { number: issue.number } } });
    expect(processesUnder(project)).toEqual([]);
    expect(github.validationErrors).toEqual([]);
  });
});
