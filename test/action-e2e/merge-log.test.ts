import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MergeLogEntry } from '../../src/core/merge-log.js';
import { readBaselineZip } from '../../src/github/zip-reader.js';
import { BASELINE_ZIP_LIMITS } from '../../src/github/baseline-files.js';
import { parseMergeLog } from '../../src/results/parse-results.js';
import { startTestGitHub, type TestGitHub } from '../github-server/index.js';
import { makeProject, pushPayload, runAction, type ActionRun } from './run-action.js';

const sha = (name: string): string => createHash('sha1').update(name).digest('hex');
const at = (minute: number): string => `2026-03-02T09:${String(minute).padStart(2, '0')}:00Z`;

// master: M0 ─ M1 (merge commit of #11) ─ S (squash of #12) ─ R1' R2' R3' (rebase of #13) ─ D (direct push)
//         ─ X (squash of #14) ─ Y (squash of #15), whose runs race ─ Z (direct push)
const [M0, F1, F2, M1, S, D, X, Y, Z] = ['root', 'f1', 'f2', 'merge #11', 'squash #12', 'direct', 'squash #14', 'squash #15', 'direct 2'].map(sha) as string[] as [
  string, string, string, string, string, string, string, string, string,
];
const REBASED = ["r1'", "r2'", "r3'"].map(sha);

let github: TestGitHub;
let project: string;
let nextRunId = 7000;

beforeAll(async () => {
  github = await startTestGitHub({ owner: 'Codertocat', repo: 'Hello-World', repositoryId: 186853002 });
  const base = { baseRef: 'master' };
  github.addCommit({ sha: M0, date: at(0) });
  github.addCommit({ sha: F1, parents: [M0], date: at(1) });
  github.addCommit({ sha: F2, parents: [F1], date: at(2) });
  github.addCommit({ sha: M1, parents: [M0, F2], date: at(3) });
  github.addPullRequest({ ...base, number: 11, title: 'Parse | faster <b>now</b>', user: 'ada', commits: [F1, F2], mergedAt: at(3), mergeCommitSha: M1 });
  github.addCommit({ sha: S, parents: [M1], date: at(4) });
  github.addPullRequest({ ...base, number: 12, title: 'Squashed change', user: 'bo', commits: [sha('q1'), sha('q2')], mergedAt: at(4), mergeCommitSha: S });
  let parent = S;
  for (const [i, commit] of REBASED.entries()) {
    github.addCommit({ sha: commit!, parents: [parent], date: at(5 + i) });
    parent = commit!;
  }
  github.addPullRequest({ ...base, number: 13, title: 'Rebased change', user: 'cy', commits: ['r1', 'r2', 'r3'].map(sha), rebasedCommits: REBASED, mergedAt: at(7) });
  github.addCommit({ sha: D, parents: [parent], date: at(8) });
  github.addCommit({ sha: X, parents: [D], date: at(9) });
  github.addPullRequest({ ...base, number: 14, title: 'Racing one', user: 'di', commits: [sha('x1')], mergedAt: at(9), mergeCommitSha: X });
  github.addCommit({ sha: Y, parents: [X], date: at(10) });
  github.addPullRequest({ ...base, number: 15, title: 'Racing two', user: 'ed', commits: [sha('y1')], mergedAt: at(10), mergeCommitSha: Y });
  github.addCommit({ sha: Z, parents: [Y], date: at(11) });
  // Artifact mode keeps these runs short: what is under test is the log, not the comparison.
  project = makeProject(['ok.bench.mjs'], 'compare: artifact\n');
});

afterAll(async () => {
  await github?.close();
});

function pushRun(before: string, after: string, commits: string[], time: string, workspace = project): Promise<ActionRun> {
  const runId = nextRunId++;
  return runAction(workspace, {
    apiUrl: github.url,
    token: github.token,
    event: 'push',
    payload: pushPayload({ branch: 'master', before, after, commits, time }),
    ref: 'refs/heads/master',
    sha: after,
    runId,
    resultsUrl: github.resultsUrl,
    runtimeToken: github.runtimeFor({ headBranch: 'master', headSha: after, runId }),
    inputs: { 'base-branch': 'master' },
  });
}

const localLog = (): MergeLogEntry[] => parseMergeLog(readFileSync(path.join(project, '.perfgate', 'merge-log.json'), 'utf8'), 'merge-log.json');

/** The log inside the artifact a run uploaded. */
async function uploadedLog(runId: number): Promise<MergeLogEntry[]> {
  const artifact = github.artifacts().find((a) => a.runId === runId && a.name === 'perfgate-baseline');
  if (!artifact) throw new Error(`run ${runId} uploaded no baseline artifact`);
  const files = await readBaselineZip(artifact.zip, BASELINE_ZIP_LIMITS);
  return parseMergeLog(files.get('merge-log.json')!, `run ${runId} merge-log.json`);
}

const isListing = (r: { method: string; path: string }) => r.method === 'GET' && /\/actions\/artifacts$/.test(r.path);

const summary = (e: MergeLogEntry) => [e.commit, e.pr?.number ?? null, e.mergeMethod];

describe('the per-merge log on pushes to the base branch', () => {
  it('records a merge commit, a squash, a rebase and a direct push with the right pull request, in order', async () => {
    const runs = [
      await pushRun(M0, M1, [F1, F2, M1], at(3)),
      await pushRun(M1, S, [S], at(4)),
      await pushRun(S, REBASED[2]!, REBASED, at(7)),
      await pushRun(REBASED[2]!, D, [D], at(8)),
    ];
    for (const run of runs) expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(runs[0]!.stdout).toMatch(/per-merge log: [0-9a-f]{7} is #11 by ada \(merge\)/);
    expect(localLog().map(summary)).toEqual([
      [D, null, 'direct'],
      [REBASED[2], 13, 'rebase'],
      [S, 12, 'squash'],
      [M1, 11, 'merge'],
    ]);
    const rebase = localLog()[1]!;
    expect([rebase.parent, rebase.commits]).toEqual([S, REBASED]);
    // Each entry compares the merge with the tip before it, through the previous run's artifact.
    expect(localLog().map((e) => e.method)).toEqual(['artifact', 'artifact', 'artifact', 'none']);
    expect(await uploadedLog(nextRunId - 1)).toEqual(localLog());
    // The job summary shows the log and a chart per gated metric.
    expect(runs[3]!.summary).toContain('perfgate: merges on the base branch');
    expect(runs[3]!.summary).toContain('xychart-beta');
    expect(runs[3]!.summary).toContain('#13');
    expect(github.validationErrors).toEqual([]);
  });

  it('keeps both merges whose runs raced each other', async () => {
    // Uploads wait until both runs have listed the artifacts: each uploads a log without the other.
    let release!: () => void;
    github.injectFault({ method: 'POST', path: /CreateArtifact$/, kind: 'hold', until: new Promise<void>((r) => (release = r)), times: 2 });
    const listed = github.requests.filter(isListing).length;
    const watch = setInterval(() => {
      if (github.requests.filter(isListing).length >= listed + 2) release();
    }, 50);
    const xRun = nextRunId;
    // Each run has its own workspace, as two jobs on two runners do.
    const [x, y] = await Promise.all([pushRun(D, X, [X], at(9)), pushRun(X, Y, [Y], at(10), makeProject(['ok.bench.mjs'], 'compare: artifact\n'))]).finally(() => clearInterval(watch));
    expect(x.status, x.stdout + x.stderr).toBe(0);
    expect(y.status, y.stdout + y.stderr).toBe(0);
    const fromX = (await uploadedLog(xRun)).map((e) => e.commit);
    const fromY = (await uploadedLog(xRun + 1)).map((e) => e.commit);
    expect([fromX.includes(Y), fromY.includes(X)]).toEqual([false, false]);

    const z = await pushRun(Y, Z, [Z], at(11));
    expect(z.status, z.stdout + z.stderr).toBe(0);
    expect(localLog().map(summary)).toEqual([
      [Z, null, 'direct'],
      [Y, 15, 'squash'],
      [X, 14, 'squash'],
      [D, null, 'direct'],
      [REBASED[2], 13, 'rebase'],
      [S, 12, 'squash'],
      [M1, 11, 'merge'],
    ]);
    expect(github.validationErrors).toEqual([]);
  });

  it('loses no entry when one of the recent artifacts cannot be read', async () => {
    // Z's artifact, the newest, breaks: the run after it cannot see Z's entry, warns, and leaves
    // Z's artifact in place; the run after that reads it again, and every entry is back.
    const newest = github.artifacts().find((a) => a.name === 'perfgate-baseline')!;
    github.injectFault({ method: 'GET', path: new RegExp(`/actions/artifacts/${newest.id}/zip$`), kind: 500, times: 50 });
    const [W1, W2] = [sha('after broken'), sha('after mended')];
    github.addCommit({ sha: W1, parents: [Z], date: at(12) });
    github.addCommit({ sha: W2, parents: [W1], date: at(13) });
    const broken = await pushRun(Z, W1, [W1], at(12));
    github.clearFaults();
    expect(broken.status, broken.stdout).toBe(0);
    expect(broken.stdout).toMatch(new RegExp(`baseline artifact ${newest.id} from run \\d+ could not be read: .*the other copies of the log are used`));
    expect(localLog().map((e) => e.commit)).not.toContain(Z);
    const mended = await pushRun(W1, W2, [W2], at(13));
    expect(mended.status, mended.stdout).toBe(0);
    expect(localLog().map((e) => e.commit)).toEqual([W2, W1, Z, Y, X, D, REBASED[2], S, M1]);
  });
});
