import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGitHub } from './index.js';
import type { TestGitHub } from './index.js';
import { octokitFor, statusOf } from './octokit.js';

let gh: TestGitHub;
let octokit: ReturnType<typeof octokitFor>;
let owner: string;
let repo: string;

const sha = (name: string): string => createHash('sha1').update(name).digest('hex');

/**
 * main: M0 ─ M1 (merge of #1: F1, F2) ─ S (squash of #2: Q1, Q2) ─ R1' ─ R2' ─ R3' (rebase of #3: R1..R3) ─ D (direct push)
 */
const M0 = sha('root');
const F1 = sha('f1');
const F2 = sha('f2');
const M1 = sha('merge of #1');
const Q1 = sha('q1');
const Q2 = sha('q2');
const S = sha('squash of #2');
const [R1, R2, R3] = [sha('r1'), sha('r2'), sha('r3')];
const [R1x, R2x, R3x] = [sha("r1'"), sha("r2'"), sha("r3'")];
const D = sha('direct push');
/** on an open pull request's branch, never seeded as a commit */
const O = sha('open branch commit');

beforeAll(async () => {
  gh = await startTestGitHub({ owner: 'octo-org', repo: 'octo-repo', repositoryId: 5151 });
  octokit = octokitFor(gh);
  ({ owner, repo } = gh);

  const at = (minute: number): string => `2026-02-03T10:${String(minute).padStart(2, '0')}:00Z`;
  gh.addCommit({ sha: M0, message: 'Initial commit', date: at(0) });
  gh.addCommit({ sha: F1, parents: [M0], message: 'Speed up the parser', author: { name: 'Ada', login: 'ada' }, date: at(1) });
  gh.addCommit({ sha: F2, parents: [F1], message: 'Cache tokens', author: { name: 'Ada', login: 'ada' }, date: at(2) });
  gh.addCommit({
    sha: M1,
    parents: [M0, F2],
    message: 'Merge pull request #1 from octo-org/parser\n\nSpeed up the parser',
    author: { name: 'Ada', login: 'ada' },
    committer: { name: 'GitHub', email: 'noreply@github.com', login: 'web-flow' },
    date: at(3),
  });
  gh.addCommit({ sha: Q1, parents: [M1], message: 'wip', date: at(4) });
  gh.addCommit({ sha: Q2, parents: [Q1], message: 'wip 2', date: at(5) });
  gh.addCommit({ sha: S, parents: [M1], message: 'Faster startup (#2)', date: at(6) });
  gh.addCommit({ sha: R1, parents: [S], message: 'one', date: at(7) });
  gh.addCommit({ sha: R2, parents: [R1], message: 'two', date: at(8) });
  gh.addCommit({ sha: R3, parents: [R2], message: 'three', date: at(9) });
  // a rebase keeps the author date and writes a new committer date
  gh.addCommit({ sha: R1x, parents: [S], message: 'one', date: at(7), committedAt: at(20) });
  gh.addCommit({ sha: R2x, parents: [R1x], message: 'two', date: at(8), committedAt: at(20) });
  gh.addCommit({ sha: R3x, parents: [R2x], message: 'three', date: at(9), committedAt: at(20) });
  gh.addCommit({ sha: D, parents: [R3x], message: 'Fix typo in README', author: { name: 'Someone Without An Account', email: 'x@example.com', login: null }, date: at(30) });

  gh.addPullRequest({ number: 1, title: 'Speed up the parser', user: 'ada', headRef: 'parser', commits: [F1, F2], mergedAt: at(3), mergeCommitSha: M1, baseSha: M0 });
  gh.addPullRequest({ number: 2, title: 'Faster startup', user: 'bob', headRef: 'startup', commits: [Q1, Q2], mergedAt: at(6), mergeCommitSha: S });
  gh.addPullRequest({ number: 3, title: 'One two three', user: 'cy', headRef: 'counting', commits: [R1, R2, R3], rebasedCommits: [R1x, R2x, R3x], mergedAt: at(20) });
});

afterAll(async () => {
  await gh.close();
});

const associated = async (commit: string): Promise<number[]> =>
  (await octokit.paginate(octokit.rest.repos.listPullRequestsAssociatedWithCommit, { owner, repo, commit_sha: commit })).map((p) => p.number);

describe('pull requests associated with a commit', () => {
  it('finds the pull request of a merge commit, and of the commits it merged', async () => {
    const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: M1 });
    expect(data).toHaveLength(1);
    const pr = data[0]!;
    expect(pr).toMatchObject({ number: 1, title: 'Speed up the parser', state: 'closed', merge_commit_sha: M1, html_url: 'https://github.com/octo-org/octo-repo/pull/1' });
    expect(pr.user?.login).toBe('ada');
    expect(pr.merged_at).toBe('2026-02-03T10:03:00Z');
    expect(pr.base.ref).toBe('main');
    expect(pr.head).toMatchObject({ ref: 'parser', sha: F2 });
    expect(await associated(F1)).toEqual([1]);
  });

  it('finds the pull request of a squash commit', async () => {
    expect(await associated(S)).toEqual([2]);
    expect(await associated(Q1)).toEqual([2]);
  });

  it('finds the pull request of each rebased commit', async () => {
    for (const c of [R1x, R2x, R3x]) expect(await associated(c)).toEqual([3]);
    const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: 3 });
    expect(data.merge_commit_sha).toBe(R3x);
    expect(data.head.sha).toBe(R3);
  });

  it('answers an empty list for a direct push', async () => {
    const res = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: D });
    expect(res.status).toBe(200);
    expect(res.data).toEqual([]);
  });

  it('lists open pull requests of a commit not on main, but not closed unmerged ones', async () => {
    gh.addPullRequest({ number: 4, title: 'Open work', commits: [O] });
    gh.addPullRequest({ number: 5, title: 'Abandoned', commits: [O], state: 'closed', headRef: 'abandoned' });
    expect(await associated(O)).toEqual([4]);
    // the branch name works in place of a SHA
    expect(await associated('feature-4')).toEqual([4]);
  });

  it('paginates with Link headers in the /repositories/{id} form', async () => {
    const shared = sha('shared by a stack of pull requests');
    for (const n of [6, 7, 8]) gh.addPullRequest({ number: n, commits: [shared, sha(`top of ${n}`)] });
    const first = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: shared, per_page: 2 });
    expect(first.data.map((p) => p.number)).toEqual([6, 7]);
    expect(first.headers.link).toBe(
      `<${gh.url}/repositories/5151/commits/${shared}/pulls?per_page=2&page=2>; rel="next", ` +
        `<${gh.url}/repositories/5151/commits/${shared}/pulls?per_page=2&page=2>; rel="last"`,
    );
    const all = await octokit.paginate(octokit.rest.repos.listPullRequestsAssociatedWithCommit, { owner, repo, commit_sha: shared, per_page: 2 });
    expect(all.map((p) => p.number)).toEqual([6, 7, 8]);
  });

  it('answers 422 "No commit found for SHA" for a commit the repository does not have', async () => {
    const unknown = sha('never pushed');
    const err = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: unknown }).catch((e: unknown) => e);
    expect((err as { status: number }).status).toBe(422);
    expect((err as Error).message).toMatch(`No commit found for SHA: ${unknown}`);
  });
});

describe('one pull request, one commit', () => {
  it('gets a merged pull request with its counts and merge fields', async () => {
    const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: 1 });
    expect(data).toMatchObject({ number: 1, merged: true, merge_commit_sha: M1, commits: 2, state: 'closed', mergeable: null, html_url: 'https://github.com/octo-org/octo-repo/pull/1' });
    expect(data.merged_by?.login).toBe('ada');
    expect(data.base).toMatchObject({ ref: 'main', sha: M0 });
    expect(await statusOf(octokit.rest.pulls.get({ owner, repo, pull_number: 999 }))).toBe(404);
  });

  it('gets a merge commit with both parents, dates and message', async () => {
    const { data } = await octokit.rest.repos.getCommit({ owner, repo, ref: M1 });
    expect(data.sha).toBe(M1);
    expect(data.parents).toEqual([
      { sha: M0, url: `${gh.url}/repos/octo-org/octo-repo/commits/${M0}`, html_url: `https://github.com/octo-org/octo-repo/commit/${M0}` },
      { sha: F2, url: `${gh.url}/repos/octo-org/octo-repo/commits/${F2}`, html_url: `https://github.com/octo-org/octo-repo/commit/${F2}` },
    ]);
    expect(data.commit.message).toBe('Merge pull request #1 from octo-org/parser\n\nSpeed up the parser');
    expect(data.commit.author).toEqual({ name: 'Ada', email: 'ada@users.noreply.github.com', date: '2026-02-03T10:03:00Z' });
    expect(data.commit.committer).toEqual({ name: 'GitHub', email: 'noreply@github.com', date: '2026-02-03T10:03:00Z' });
    expect(data.author && 'login' in data.author ? data.author.login : null).toBe('ada');
    expect(data.committer && 'login' in data.committer ? data.committer.login : null).toBe('web-flow');
    expect(data.html_url).toBe(`https://github.com/octo-org/octo-repo/commit/${M1}`);
  });

  it('keeps the author date of a rebased commit and shows its new committer date', async () => {
    const { data } = await octokit.rest.repos.getCommit({ owner, repo, ref: R2x });
    expect(data.parents.map((p) => p.sha)).toEqual([R1x]);
    expect(data.commit.author?.date).toBe('2026-02-03T10:08:00Z');
    expect(data.commit.committer?.date).toBe('2026-02-03T10:20:00Z');
  });

  it('shows no user for an author email no account has; accepts an abbreviated SHA', async () => {
    const { data } = await octokit.rest.repos.getCommit({ owner, repo, ref: D.slice(0, 7) });
    expect(data.sha).toBe(D);
    expect(data.author).toBeNull();
    expect(data.commit.author?.name).toBe('Someone Without An Account');
  });

  it('answers 422 for an unknown commit, and for a commit only a pull request names', async () => {
    for (const ref of [sha('nope'), 'no-such-branch', O]) {
      const err = await octokit.rest.repos.getCommit({ owner, repo, ref }).catch((e: unknown) => e);
      expect((err as { status: number }).status).toBe(422);
      expect((err as Error).message).toMatch(`No commit found for SHA: ${ref}`);
    }
  });

  it('refuses seeds that would make the history inconsistent', () => {
    expect(() => gh.addCommit({ sha: M0 })).toThrow(/seeded already/);
    expect(() => gh.addCommit({ sha: 'abc' })).toThrow(/40 lowercase hex/);
    expect(() => gh.addPullRequest({ number: 1 })).toThrow(/#1 is taken/);
    expect(() => gh.addPullRequest({ commits: [F1, F2], headSha: F1 })).toThrow(/not the last of commits/);
    expect(() => gh.addPullRequest({ state: 'open', mergedAt: '2026-01-01T00:00:00Z' })).toThrow(/merged pull request is closed/);
    const generated = gh.addCommit({ parents: [D], message: 'next' });
    expect(generated.sha).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe('the stand-in itself', () => {
  it('answered every request with a shape the description allows, and refused none', () => {
    expect(gh.responseErrors).toEqual([]);
    expect(gh.validationErrors).toEqual([]);
  });
});
