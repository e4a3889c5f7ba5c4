import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ISSUE_BODY_CHARS, startTestGitHub } from './index.js';
import type { TestGitHub } from './index.js';
import { octokitFor, statusOf } from './octokit.js';

let gh: TestGitHub;
let octokit: ReturnType<typeof octokitFor>;
let owner: string;
let repo: string;

const MARKER = '<!-- perfgate:incident commit=0123abc -->';

beforeAll(async () => {
  gh = await startTestGitHub({ owner: 'octo-org', repo: 'octo-repo', repositoryId: 6262 });
  octokit = octokitFor(gh);
  ({ owner, repo } = gh);
  gh.addPullRequest({ number: 1, title: 'Merged work', mergedAt: '2025-08-01T09:00:00Z', labels: ['enhancement'] });
  gh.addPullRequest({ number: 2, title: 'Open work' });
});

afterAll(async () => {
  await gh.close();
});

describe('issues', () => {
  it('creates an issue with labels, creating the labels that do not exist', async () => {
    const created = await octokit.rest.issues.create({ owner, repo, title: 'Regression in parse', body: `${MARKER}\nslower`, labels: ['perfgate', 'BUG'] });
    expect(created.status).toBe(201);
    // numbers continue after the pull requests: they share one sequence
    expect(created.data.number).toBe(3);
    expect(created.headers.location).toBe(`${gh.url}/repos/octo-org/octo-repo/issues/3`);
    expect(created.data.html_url).toBe('https://github.com/octo-org/octo-repo/issues/3');
    expect(created.data.user?.login).toBe('github-actions[bot]');
    expect(created.data.pull_request).toBeUndefined();
    // an existing label keeps the repository's spelling
    expect(created.data.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual(['perfgate', 'bug']);
    expect(gh.labels().find((l) => l.name === 'perfgate')).toMatchObject({ color: 'ededed', default: false, description: null });
    expect(gh.issues()).toEqual([
      expect.objectContaining({ number: 3, title: 'Regression in parse', body: `${MARKER}\nslower`, labels: ['perfgate', 'bug'], state: 'open', user: 'github-actions[bot]' }),
    ]);
  });

  it('gets issues and pull requests by number; 404 for a number nobody used', async () => {
    const issue = await octokit.rest.issues.get({ owner, repo, issue_number: 3 });
    expect(issue.data.body).toBe(`${MARKER}\nslower`);
    const pr = await octokit.rest.issues.get({ owner, repo, issue_number: 1 });
    expect(pr.data.pull_request).toMatchObject({ merged_at: '2025-08-01T09:00:00Z', html_url: 'https://github.com/octo-org/octo-repo/pull/1' });
    expect(pr.data.state).toBe('closed');
    expect(await statusOf(octokit.rest.issues.get({ owner, repo, issue_number: 404 }))).toBe(404);
  });

  it('comments on a merged pull request through the issue comment routes', async () => {
    const c = await octokit.rest.issues.createComment({ owner, repo, issue_number: 1, body: 'perfgate: after the merge' });
    expect(c.data.html_url).toBe(`https://github.com/octo-org/octo-repo/pull/1#issuecomment-${c.data.id}`);
    expect(gh.comments(1).map((x) => x.body)).toEqual(['perfgate: after the merge']);
    expect((await octokit.rest.pulls.get({ owner, repo, pull_number: 1 })).data.comments).toBe(1);
    const onIssue = await octokit.rest.issues.createComment({ owner, repo, issue_number: 3, body: 'still slow' });
    expect(onIssue.data.html_url).toMatch(/\/issues\/3#issuecomment-\d+$/);
    expect((await octokit.rest.issues.get({ owner, repo, issue_number: 3 })).data.comments).toBe(1);
  });

  it('updates title, body, labels and state, with the state reason GitHub records', async () => {
    const closed = await octokit.rest.issues.update({ owner, repo, issue_number: 3, title: 'Regression in parse (2 runs)', state: 'closed', state_reason: 'not_planned', labels: ['perfgate'] });
    expect(closed.data).toMatchObject({ title: 'Regression in parse (2 runs)', state: 'closed', state_reason: 'not_planned' });
    expect(closed.data.closed_at).not.toBeNull();
    expect(closed.data.closed_by?.login).toBe('github-actions[bot]');
    const reopened = await octokit.rest.issues.update({ owner, repo, issue_number: 3, state: 'open', body: `${MARKER}\nslower still` });
    expect(reopened.data).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null, body: `${MARKER}\nslower still` });
    expect(gh.issues()[0]).toMatchObject({ labels: ['perfgate'], state: 'open', stateReason: 'reopened' });
    // a pull request is an issue: its labels are edited here too
    await octokit.rest.issues.update({ owner, repo, issue_number: 2, labels: ['perfgate'] });
    expect((await octokit.rest.pulls.get({ owner, repo, pull_number: 2 })).data.labels.map((l) => l.name)).toEqual(['perfgate']);
    expect(await statusOf(octokit.rest.issues.update({ owner, repo, issue_number: 1, state: 'open' }))).toBe(422);
    expect(gh.validationErrors).toEqual([expect.stringMatching(/merged pull request: it cannot be reopened/)]);
    gh.validationErrors.length = 0;
  });

  it('lists by state (open by default) and by labels, all of which must match; pull requests included', async () => {
    const numbers = async (q: Omit<Parameters<typeof octokit.rest.issues.listForRepo>[0] & object, 'owner' | 'repo'> = {}): Promise<number[]> =>
      (await octokit.rest.issues.listForRepo({ owner, repo, ...q })).data.map((i) => i.number);
    await octokit.rest.issues.create({ owner, repo, title: 'Closed one', labels: ['perfgate', 'perf-regression'] });
    await octokit.rest.issues.update({ owner, repo, issue_number: 4, state: 'closed' });
    expect(await numbers()).toEqual([3, 2]);
    expect(await numbers({ state: 'closed' })).toEqual([4, 1]);
    expect(await numbers({ state: 'all', labels: 'perfgate' })).toEqual([4, 3, 2]);
    expect(await numbers({ state: 'all', labels: 'perfgate,perf-regression' })).toEqual([4]);
    expect(await numbers({ state: 'all', labels: 'PERFGATE, enhancement' })).toEqual([]);
    expect(await numbers({ state: 'all', creator: 'github-actions[bot]', direction: 'asc' })).toEqual([3, 4]);
    expect(await numbers({ assignee: 'none', labels: 'enhancement' })).toEqual([]);
    expect(await numbers({ state: 'all', assignee: 'none', labels: 'enhancement' })).toEqual([1]);
    const listed = await octokit.rest.issues.listForRepo({ owner, repo, state: 'all' });
    expect(listed.data.filter((i) => i.pull_request).map((i) => i.number)).toEqual([2, 1]);
  });

  it('sorts by update time and filters by since', async () => {
    gh.addIssue({ number: 10, title: 'Old incident', body: 'from last year', createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-06-01T00:00:00Z' });
    const byUpdate = await octokit.rest.issues.listForRepo({ owner, repo, state: 'all', sort: 'updated', direction: 'asc' });
    expect(byUpdate.data[0]!.number).toBe(10);
    const since = await octokit.rest.issues.listForRepo({ owner, repo, state: 'all', since: '2025-12-01T00:00:00Z' });
    expect(since.data.map((i) => i.number)).not.toContain(10);
    expect(() => gh.addIssue({ number: 2, title: 'collides with a pull request' })).toThrow(/#2 is taken/);
  });

  it('paginates issue lists with Link headers in the /repositories/{id} form', async () => {
    for (let i = 0; i < 70; i++) gh.addIssue({ title: `seeded ${i}`, labels: ['bulk'], createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() });
    const first = await octokit.rest.issues.listForRepo({ owner, repo, labels: 'bulk' });
    expect(first.data).toHaveLength(30);
    expect(first.data[0]!.title).toBe('seeded 69');
    expect(first.headers.link).toBe(
      `<${gh.url}/repositories/6262/issues?labels=bulk&page=2>; rel="next", <${gh.url}/repositories/6262/issues?labels=bulk&page=3>; rel="last"`,
    );
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo, labels: 'bulk', per_page: 25 });
    expect(all.map((i) => i.title)).toEqual(Array.from({ length: 70 }, (_, i) => `seeded ${69 - i}`));
    expect(gh.requests.filter((r) => r.path === '/repositories/6262/issues').map((r) => r.query['page'])).toEqual(['2', '3']);
  });

  it('finds an incident again by the marker in its body', async () => {
    const found: number[] = [];
    for await (const page of octokit.paginate.iterator(octokit.rest.issues.listForRepo, { owner, repo, state: 'all', labels: 'perfgate', sort: 'created', direction: 'desc', per_page: 100 })) {
      for (const i of page.data) if (!i.pull_request && i.body?.startsWith(MARKER)) found.push(i.number);
    }
    expect(found).toEqual([3]);
  });

  it('refuses a blank title, an over-long body and an unknown milestone, as github.com does', async () => {
    expect(await statusOf(octokit.rest.issues.create({ owner, repo, title: '  ' }))).toBe(422);
    expect(await statusOf(octokit.rest.issues.create({ owner, repo, title: 't', body: 'x'.repeat(MAX_ISSUE_BODY_CHARS + 1) }))).toBe(422);
    expect(await statusOf(octokit.rest.issues.update({ owner, repo, issue_number: 3, milestone: 1 }))).toBe(422);
    expect(gh.validationErrors).toEqual([
      expect.stringMatching(/issue title is blank/),
      expect.stringMatching(/issue body has 65537 characters/),
      expect.stringMatching(/milestone 1 does not exist/),
    ]);
    gh.validationErrors.length = 0;
  });

  it('can refuse issue creation with 403 through an injected fault', async () => {
    const before = gh.issues().length;
    gh.injectFault({ method: 'POST', path: /^\/repos\/[^/]+\/[^/]+\/issues$/, kind: 403 });
    const err = await octokit.rest.issues.create({ owner, repo, title: 'Regression' }).catch((e: unknown) => e);
    expect((err as { status: number }).status).toBe(403);
    expect((err as Error).message).toMatch(/Resource not accessible by integration/);
    expect(gh.issues()).toHaveLength(before);
    // listing is untouched, and the next creation goes through
    expect((await octokit.rest.issues.listForRepo({ owner, repo })).status).toBe(200);
    expect((await octokit.rest.issues.create({ owner, repo, title: 'Regression' })).status).toBe(201);
  });
});

describe('the stand-in itself', () => {
  it('answered every request with a shape the description allows, and refused none', () => {
    expect(gh.responseErrors).toEqual([]);
    expect(gh.validationErrors).toEqual([]);
  });
});
