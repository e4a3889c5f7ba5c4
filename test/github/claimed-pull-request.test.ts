import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkClaimedPullRequest, type TriggeringRun } from '../../src/github/claimed-pull-request.js';
import { startTestGitHub, type TestGitHub } from '../github-server/index.js';
import { octokitFor } from '../github-server/octokit.js';

const sha = (name: string): string => createHash('sha1').update(name).digest('hex');
const [HEAD, OTHER, BASE] = [sha('fork head'), sha('other head'), sha('base')] as [string, string, string];

let gh: TestGitHub;

beforeAll(async () => {
  gh = await startTestGitHub({ owner: 'octo-org', repo: 'octo-repo', repositoryId: 5151 });
  gh.addPullRequest({ number: 7, headSha: HEAD, baseSha: BASE, baseRef: 'master', fromFork: true, user: 'fork-user' });
  gh.addPullRequest({ number: 8, headSha: OTHER, baseSha: BASE, baseRef: 'master', fromFork: true, user: 'fork-user' });
  gh.addPullRequest({ number: 9, headSha: sha('closed head'), baseRef: 'master', fromFork: true, state: 'closed', user: 'fork-user' });
  gh.addPullRequest({ number: 10, headSha: sha('own head'), baseRef: 'master' });
});

afterAll(async () => {
  await gh?.close();
});

const forkRun: TriggeringRun = { id: 123, headSha: HEAD, headRepoFullName: 'fork-user/octo-repo', pullRequests: [] };
const check = (claim: { number: number; headSha: string }, run: TriggeringRun = forkRun) =>
  checkClaimedPullRequest(octokitFor(gh), { owner: gh.owner, repo: gh.repo, run, claim });

describe('checkClaimedPullRequest', () => {
  it('accepts an open pull request whose head is the commit the run measured, with the facts from the API', async () => {
    expect(await check({ number: 7, headSha: HEAD })).toEqual({ ok: true, pull: { number: 7, headSha: HEAD, baseRef: 'master', baseSha: BASE } });
  });

  it.each([
    ['another pull request', { number: 8, headSha: HEAD }, forkRun, `results artifact of run 123 claims pull request #8, whose head is ${OTHER.slice(0, 7)}, not ${HEAD.slice(0, 7)} (the commit the run measured); nothing was posted`],
    ['a commit the run did not measure', { number: 8, headSha: OTHER }, forkRun, `results artifact of run 123 claims pull request #8, measured at ${OTHER.slice(0, 7)}, but run 123 ran on ${HEAD.slice(0, 7)}; nothing was posted`],
    ['a pull request that does not exist', { number: 99, headSha: HEAD }, forkRun, 'results artifact of run 123 claims pull request #99, which does not exist; nothing was posted'],
    ['a closed pull request', { number: 9, headSha: sha('closed head') }, { ...forkRun, headSha: sha('closed head') }, 'results artifact of run 123 claims pull request #9, which is closed; nothing was posted'],
    ['the same commit pushed from another fork', { number: 7, headSha: HEAD }, { ...forkRun, headRepoFullName: 'mallory/octo-repo' }, 'results artifact of run 123 claims pull request #7, whose head lives in fork-user/octo-repo, not in mallory/octo-repo where run 123 ran; nothing was posted'],
    ['a number GitHub does not list for the run', { number: 7, headSha: HEAD }, { ...forkRun, pullRequests: [10] }, 'results artifact of run 123 claims pull request #7, but GitHub lists run 123 under #10; nothing was posted'],
  ])('refuses %s in one line', async (_label, claim, run, reason) => {
    expect(await check(claim, run)).toEqual({ ok: false, reason });
  });

  it('names the permission when the pull request cannot be read', async () => {
    gh.injectFault({ method: 'GET', path: /\/pulls\/7$/, kind: 403 });
    const result = await check({ number: 7, headSha: HEAD });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^results artifact of run 123 claims pull request #7, which could not be read: .* \(the workflow needs "permissions: pull-requests: read"\); nothing was posted$/);
  });

  it('made no request that GitHub would reject', () => {
    expect(gh.validationErrors).toEqual([]);
  });
});
