import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_COMMENT_CHARS, startTestGitHub } from './index.js';
import type { TestGitHub } from './index.js';
import { octokitFor, statusOf } from './octokit.js';

/** Parameters Octokit's types (rightly) refuse: for requests meant to be invalid. */
const loose = (params: Record<string, unknown>): never => params as never;

let gh: TestGitHub;
let octokit: ReturnType<typeof octokitFor>;
let owner: string;
let repo: string;

beforeAll(async () => {
  gh = await startTestGitHub({ owner: 'octo-org', repo: 'octo-repo', repositoryId: 4242 });
  octokit = octokitFor(gh);
  ({ owner, repo } = gh);
});

afterAll(async () => {
  await gh.close();
});

describe('issue comments', () => {
  it('creates 250 comments and paginates them through the /repositories/{id} Link form', async () => {
    for (let i = 0; i < 250; i++) {
      const { status, data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: 7, body: `comment ${i}` });
      expect(status).toBe(201);
      expect(data.user?.login).toBe('github-actions[bot]');
      expect(data.user?.type).toBe('Bot');
      expect(data.html_url).toBe(`https://github.com/octo-org/octo-repo/pull/7#issuecomment-${data.id}`);
    }
    const first = await octokit.rest.issues.listComments({ owner, repo, issue_number: 7, per_page: 100 });
    expect(first.data).toHaveLength(100);
    expect(first.headers.link).toBe(
      `<${gh.url}/repositories/4242/issues/7/comments?per_page=100&page=2>; rel="next", ` +
        `<${gh.url}/repositories/4242/issues/7/comments?per_page=100&page=3>; rel="last"`,
    );
    const all = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: 7, per_page: 100 });
    expect(all.map((c) => c.body)).toEqual(Array.from({ length: 250 }, (_, i) => `comment ${i}`));
    const ids = all.map((c) => c.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(gh.requests.filter((r) => r.path === '/repositories/4242/issues/7/comments').map((r) => r.query['page'])).toEqual(['2', '3']);
    // default page size is 30
    const dflt = await octokit.rest.issues.listComments({ owner, repo, issue_number: 7 });
    expect(dflt.data).toHaveLength(30);
    expect(gh.comments(7)).toHaveLength(250);
    expect(gh.validationErrors).toEqual([]);
  });

  it('edits and deletes; seeded comments by others are users, not bots', async () => {
    const other = gh.addComment(8, 'from a human', 'octocat');
    expect(other.user.type).toBe('User');
    const mine = await octokit.rest.issues.createComment({ owner, repo, issue_number: 8, body: 'v1' });
    const edited = await octokit.rest.issues.updateComment({ owner, repo, comment_id: mine.data.id, body: 'v2' });
    expect(edited.data.body).toBe('v2');
    expect(gh.comments(8).map((c) => c.body)).toEqual(['from a human', 'v2']);
    expect((await octokit.rest.issues.deleteComment({ owner, repo, comment_id: mine.data.id })).status).toBe(204);
    expect(gh.comments(8).map((c) => c.id)).toEqual([other.id]);
    expect(await statusOf(octokit.rest.issues.deleteComment({ owner, repo, comment_id: mine.data.id }))).toBe(404);
    expect(gh.deleteComment(other.id)).toBe(true);
    expect(gh.validationErrors).toEqual([]);
  });

  it('refuses a body over 65536 characters with 422 and records it', async () => {
    const ok = await octokit.rest.issues.createComment({ owner, repo, issue_number: 9, body: 'x'.repeat(MAX_COMMENT_CHARS) });
    expect(ok.status).toBe(201);
    const err = await octokit.rest.issues.createComment({ owner, repo, issue_number: 9, body: 'x'.repeat(MAX_COMMENT_CHARS + 1) }).catch((e: unknown) => e);
    expect((err as { status: number }).status).toBe(422);
    expect((err as { response: { data: { errors: { message: string }[] } } }).response.data.errors[0]!.message).toMatch(/too long/);
    expect(gh.validationErrors).toHaveLength(1);
    expect(gh.validationErrors[0]).toMatch(/65537 characters/);
    gh.validationErrors.length = 0;
  });

  it('records requests that do not match the REST API description', async () => {
    const badBody = await statusOf(octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', loose({ owner, repo, issue_number: 1, bodyy: 'x' })));
    expect(badBody).toBe(422);
    const badQuery = await statusOf(octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: 1, sort: 'created' }));
    expect(badQuery).toBe(422);
    const badType = await statusOf(octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', loose({ owner, repo, issue_number: 1, per_page: 'many' })));
    expect(badType).toBe(422);
    const badPath = await statusOf(octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/commentz', { owner, repo, issue_number: 1 }));
    expect(badPath).toBe(404);
    const badMethod = await statusOf(octokit.request('PUT /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: 1, body: 'x' }));
    expect(badMethod).toBe(404);
    expect(gh.validationErrors).toEqual([
      expect.stringMatching(/must have required property 'body'/),
      expect.stringMatching(/must NOT have additional properties "bodyy"/),
      expect.stringMatching(/query parameter "sort" is not declared/),
      expect.stringMatching(/query parameter per_page must be an integer/),
      expect.stringMatching(/no path in the REST API description matches/),
      expect.stringMatching(/has no PUT operation/),
    ]);
    gh.validationErrors.length = 0;
  });

  it('answers 401 to any other token, and 403 to GET /user like an installation token', async () => {
    expect(await statusOf(octokitFor(gh, 'ghs_wrong').rest.issues.listComments({ owner, repo, issue_number: 1 }))).toBe(401);
    const raw = await fetch(`${gh.url}/repos/${owner}/${repo}`, { headers: { authorization: `Bearer ${gh.token}` } });
    expect(raw.status).toBe(200);
    const user = await octokit.rest.users.getAuthenticated().catch((e: unknown) => e);
    expect((user as { status: number }).status).toBe(403);
    expect((user as Error).message).toMatch(/Resource not accessible by integration/);
    expect(gh.validationErrors).toEqual([
      expect.stringMatching(/a token other than the GITHUB_TOKEN/),
      expect.stringMatching(/GITHUB_TOKEN is an installation token/),
    ]);
    gh.validationErrors.length = 0;
  });
});

describe('repository, pulls, statuses, issues', () => {
  it('answers the repository with default branch main and the configured id', async () => {
    const { data } = await octokit.rest.repos.get({ owner, repo });
    expect(data.id).toBe(4242);
    expect(data.default_branch).toBe('main');
    expect(data.full_name).toBe('octo-org/octo-repo');
    expect(await statusOf(octokit.rest.repos.get({ owner, repo: 'other' }))).toBe(404);
    expect(gh.validationErrors).toEqual([expect.stringMatching(/not the repository under test/)]);
    gh.validationErrors.length = 0;
  });

  it('answers seeded pull requests and 404 for others', async () => {
    gh.addPullRequest({ number: 12, headSha: 'c'.repeat(40), fromFork: true });
    const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: 12 });
    expect(data.head.sha).toBe('c'.repeat(40));
    expect(data.head.repo?.id).not.toBe(data.base.repo.id);
    expect(await statusOf(octokit.rest.pulls.get({ owner, repo, pull_number: 13 }))).toBe(404);
  });

  it('creates statuses (422 for a non-SHA) and issues', async () => {
    const s = await octokit.rest.repos.createCommitStatus({ owner, repo, sha: 'd'.repeat(40), state: 'success', context: 'perfgate' });
    expect(s.status).toBe(201);
    expect(gh.statuses().map((x) => [x.sha, x.state, x.context])).toEqual([['d'.repeat(40), 'success', 'perfgate']]);
    expect(await statusOf(octokit.rest.repos.createCommitStatus({ owner, repo, sha: 'main', state: 'success' }))).toBe(422);
    expect(gh.validationErrors).toEqual([expect.stringMatching(/not a full commit SHA/)]);
    gh.validationErrors.length = 0;

    const issue = await octokit.rest.issues.create({ owner, repo, title: 'Perf regression', body: 'details', labels: ['perf'] });
    expect(issue.status).toBe(201);
    const closed = await octokit.rest.issues.update({ owner, repo, issue_number: issue.data.number, state: 'closed' });
    expect(closed.data.state).toBe('closed');
    expect(gh.issues().map((i) => [i.title, i.state, i.labels])).toEqual([['Perf regression', 'closed', ['perf']]]);
    expect(gh.validationErrors).toEqual([]);
  });
});

describe('the stand-in itself', () => {
  it('answered every request above with a shape the description allows', () => {
    expect(gh.responseErrors).toEqual([]);
    expect(gh.validationErrors).toEqual([]);
  });
});
