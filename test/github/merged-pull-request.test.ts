import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyMerge } from '../../src/github/merged-pull-request.js';
import { startTestGitHub, type TestGitHub } from '../github-server/index.js';
import { octokitFor } from '../github-server/octokit.js';

const sha = (name: string): string => createHash('sha1').update(name).digest('hex');
const at = (minute: number): string => `2026-02-03T10:${String(minute).padStart(2, '0')}:00Z`;

// main: M0 ─ M1 (merge commit of #1: F1, F2) ─ S (squash of #2) ─ R1' R2' R3' (rebase of #3) ─ D (direct push)
const [M0, F1, F2, M1, S, D] = ['root', 'f1', 'f2', 'merge #1', 'squash #2', 'direct'].map(sha) as [string, string, string, string, string, string];
const REBASED = ["r1'", "r2'", "r3'"].map(sha);

let gh: TestGitHub;
const options = (commit: string, before: string, commits: string[]) => ({ owner: gh.owner, repo: gh.repo, sha: commit, baseBranch: 'main', push: { before, commits } });

beforeAll(async () => {
  gh = await startTestGitHub({ owner: 'octo-org', repo: 'octo-repo', repositoryId: 5151 });
  gh.addCommit({ sha: M0, date: at(0) });
  gh.addCommit({ sha: F1, parents: [M0], date: at(1) });
  gh.addCommit({ sha: F2, parents: [F1], date: at(2) });
  gh.addCommit({ sha: M1, parents: [M0, F2], date: at(3) });
  gh.addPullRequest({ number: 1, title: 'Faster parser', user: 'ada', commits: [F1, F2], mergedAt: at(3), mergeCommitSha: M1, baseRef: 'main' });
  gh.addCommit({ sha: S, parents: [M1], date: at(4) });
  gh.addPullRequest({ number: 2, title: 'Squashed', user: 'bo', commits: [sha('q1'), sha('q2')], mergedAt: at(4), mergeCommitSha: S, baseRef: 'main' });
  let parent = S;
  for (const [i, r] of REBASED.entries()) {
    gh.addCommit({ sha: r!, parents: [parent], date: at(5 + i) });
    parent = r!;
  }
  gh.addPullRequest({ number: 3, title: 'Rebased', user: 'cy', commits: ['r1', 'r2', 'r3'].map(sha), rebasedCommits: REBASED, mergedAt: at(7), baseRef: 'main' });
  gh.addCommit({ sha: D, parents: [parent], date: at(8) });
});

afterAll(async () => {
  await gh?.close();
});

describe('identifyMerge', () => {
  it('tells a merge commit, a squash, a rebase and a direct push apart', async () => {
    const client = octokitFor(gh);
    const merged = await identifyMerge(client, options(M1, M0, [F1, F2, M1]));
    expect(merged).toMatchObject({ pr: { number: 1, title: 'Faster parser', author: 'ada' }, mergeMethod: 'merge', commits: [M1], parent: M0, mergeCommit: true, time: at(3) });
    const squashed = await identifyMerge(client, options(S, M1, [S]));
    expect(squashed).toMatchObject({ pr: { number: 2, author: 'bo' }, mergeMethod: 'squash', commits: [S], parent: M1, mergeCommit: false });
    const rebased = await identifyMerge(client, options(REBASED[2]!, S, REBASED));
    expect(rebased).toMatchObject({ pr: { number: 3 }, mergeMethod: 'rebase', commits: REBASED, parent: S });
    const direct = await identifyMerge(client, options(D, REBASED[2]!, [D]));
    expect(direct).toMatchObject({ pr: null, mergeMethod: 'direct', commits: [D], time: at(8) });
    expect([merged, squashed, rebased, direct].flatMap((m) => m.warnings)).toEqual([]);
    expect(gh.validationErrors).toEqual([]);
  });

  it('falls back to the first parent without a push payload, and to a direct push with a warning when the API refuses', async () => {
    const client = octokitFor(gh);
    expect(await identifyMerge(client, { owner: gh.owner, repo: gh.repo, sha: S, baseBranch: 'main' })).toMatchObject({ parent: M1, pr: { number: 2 } });
    gh.injectFault({ method: 'GET', path: /\/commits\/[0-9a-f]+\/pulls$/, kind: 403, times: 1 });
    const refused = await identifyMerge(client, options(S, M1, [S]));
    expect(refused.pr).toBeNull();
    expect(refused.warnings).toEqual([expect.stringMatching(/could not be looked up: .*\(the workflow needs "permissions: pull-requests: read"\); it is logged as a direct push$/)]);
  });
});
