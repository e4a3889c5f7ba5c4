import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AcceptSettings } from '../../src/config/settings.js';
import { collectAcceptances } from '../../src/github/acceptances.js';
import { postRefusals, refusalMarker } from '../../src/github/refusal-replies.js';
import { startTestGitHub, type TestGitHub } from '../github-server/index.js';
import { octokitFor } from '../github-server/octokit.js';

const SETTINGS: AcceptSettings = { label: 'perfgate:accept', command: '/perfgate accept' };
const SYNTAX = '`/perfgate accept <benchmark or all> <reason>`';

let gh: TestGitHub;
let next = 100;

beforeAll(async () => {
  gh = await startTestGitHub({ owner: 'octo-org', repo: 'octo-repo', repositoryId: 6262 });
  gh.setPermission('wendy', 'write');
  gh.setPermission('mia', 'maintain');
  gh.setPermission('ada', 'admin');
  gh.setPermission('tom', 'triage');
  gh.setPermission('nobody', 'none');
});

afterAll(async () => {
  expect(gh.validationErrors).toEqual([]);
  expect(gh.responseErrors).toEqual([]);
  await gh?.close();
});

/** A fresh open pull request for each test: they share one server. */
function pull(labels: string[] = []): number {
  const number = next++;
  gh.addPullRequest({ number, labels, user: 'carol' });
  return number;
}

function collect(pullNumber: number, extra: { labels?: string[]; settings?: AcceptSettings; readOnlyToken?: boolean } = {}) {
  const lines: string[] = [];
  const outcome = collectAcceptances(octokitFor(gh), {
    owner: gh.owner,
    repo: gh.repo,
    pullNumber,
    settings: extra.settings ?? SETTINGS,
    log: (line) => lines.push(line),
    ...(extra.labels ? { labels: extra.labels } : {}),
    ...(extra.readOnlyToken ? { readOnlyToken: true } : {}),
  });
  return outcome;
}

function permissionRequests(login: string): number {
  return gh.requests.filter((r) => r.path === `/repos/octo-org/octo-repo/collaborators/${login}/permission`).length;
}

describe('the accept label', () => {
  it('accepts every failure when a user with write access added it', async () => {
    const n = pull();
    gh.addLabel(n, 'perfgate:accept', 'wendy');
    const fromPayload = await collect(n, { labels: ['bug', 'Perfgate:Accept'] });
    expect(fromPayload).toEqual({ acceptances: [{ target: 'all', by: 'wendy', reason: 'label perfgate:accept', source: 'label' }], refusals: [], warnings: [] });
    // A push event names no labels: they are read from the pull request.
    expect(await collect(n)).toEqual(fromPayload);
  });

  it('goes by whoever added it last, and refuses a user who can only triage', async () => {
    const n = pull();
    gh.addLabel(n, 'perfgate:accept', 'mia');
    await octokitFor(gh).rest.issues.update({ owner: gh.owner, repo: gh.repo, issue_number: n, labels: [] });
    gh.addLabel(n, 'perfgate:accept', 'tom');
    const event = gh.issueEvents(n).at(-1)!;
    expect([event.event, event.actor]).toEqual(['labeled', 'tom']);
    expect(await collect(n)).toEqual({
      acceptances: [],
      refusals: [
        {
          user: 'tom',
          why: `@tom, only people with write access to this repository can accept a perfgate regression; you have triage access, so the label "perfgate:accept" accepts nothing. A maintainer can comment ${SYNTAX} instead.`,
          marker: refusalMarker({ labelEvent: event.id }),
          replied: false,
        },
      ],
      warnings: [],
    });
  });

  it('asks nothing when the label is not on the pull request or accepting is off', async () => {
    const n = pull();
    gh.addComment(n, '/perfgate accept all intended', 'ada');
    const before = gh.requests.length;
    expect(await collect(n, { labels: ['bug'], settings: { label: 'perfgate:accept', command: null } })).toEqual({ acceptances: [], refusals: [], warnings: [] });
    expect(await collect(n, { labels: ['perfgate:accept'], settings: { label: null, command: null } })).toEqual({ acceptances: [], refusals: [], warnings: [] });
    // The first lists the comments (for earlier replies) and nothing else; the second asks nothing.
    expect(gh.requests.slice(before).map((r) => r.path)).toEqual([`/repos/octo-org/octo-repo/issues/${n}/comments`]);
  });
});

describe('the accept command', () => {
  it('accepts what a maintainer names, with the reason and the comment, quoted ids with spaces included', async () => {
    const n = pull();
    const comment = gh.addComment(n, 'Intended:\n/perfgate accept js/parse the parser validates its input\n/perfgate accept "js/sum 1..100" exact sums are slower', 'mia');
    const second = gh.addComment(n, '/perfgate accept `js/sum 1..100` still exact', 'mia');
    const { acceptances, refusals, warnings } = await collect(n);
    expect(acceptances).toEqual([
      { target: 'js/parse', by: 'mia', reason: 'the parser validates its input', source: 'comment', url: comment.html_url },
      { target: 'js/sum 1..100', by: 'mia', reason: 'exact sums are slower', source: 'comment', url: comment.html_url },
      { target: 'js/sum 1..100', by: 'mia', reason: 'still exact', source: 'comment', url: second.html_url },
    ]);
    expect([refusals, warnings]).toEqual([[], []]);
    // One permission lookup per user and run.
    expect(permissionRequests('mia')).toBe(1);
  });

  it('refuses a user without write access with exactly one reply, however often it runs', async () => {
    const n = pull();
    const comment = gh.addComment(n, '/perfgate accept all it is fine', 'rita');
    const client = octokitFor(gh);
    const first = await collect(n);
    const why = `@rita, only people with write access to this repository can accept a perfgate regression; you have read access, so this command accepts nothing. A maintainer can comment ${SYNTAX} instead.`;
    expect(first).toEqual({ acceptances: [], refusals: [{ user: 'rita', why, marker: refusalMarker({ comment: comment.id }), commentId: comment.id, replied: false }], warnings: [] });
    const options = { owner: gh.owner, repo: gh.repo, pullNumber: n, log: () => {} };
    expect(await postRefusals(client, { ...options, refusals: first.refusals })).toEqual({ posted: 1, warnings: [] });

    const second = await collect(n);
    expect(second.refusals.map((r) => r.replied)).toEqual([true]);
    expect(await postRefusals(client, { ...options, refusals: second.refusals })).toEqual({ posted: 0, warnings: [] });
    const replies = gh.comments(n).filter((c) => c.body.startsWith(refusalMarker({ comment: comment.id })));
    expect(replies.map((c) => [c.body, c.user.login])).toEqual([[`${refusalMarker({ comment: comment.id })}\n${why}`, 'github-actions[bot]']]);
  });

  it('leaves one reply when two runs reply at once', async () => {
    const n = pull();
    const comment = gh.addComment(n, '/perfgate accept all it is fine', 'nobody');
    const { refusals } = await collect(n);
    expect(refusals[0]!.why).toContain('; you have no access, so this command accepts nothing.');
    const options = { owner: gh.owner, repo: gh.repo, pullNumber: n, refusals, log: () => {} };
    await Promise.all([postRefusals(octokitFor(gh), options), postRefusals(octokitFor(gh), options)]);
    expect(gh.comments(n).filter((c) => c.body.startsWith(refusalMarker({ comment: comment.id })))).toHaveLength(1);
  });

  it('answers a command without a reason with the syntax, and still accepts the good lines', async () => {
    const n = pull();
    const comment = gh.addComment(n, '/perfgate accept js/parse\n/perfgate accept all intended\n/perfgate accept "js/sum 1..100', 'ada');
    const { acceptances, refusals } = await collect(n);
    expect(acceptances).toEqual([{ target: 'all', by: 'ada', reason: 'intended', source: 'comment', url: comment.html_url }]);
    expect(refusals).toEqual([
      {
        user: 'ada',
        why: [
          '@ada, perfgate could not read these commands:',
          '',
          '- `/perfgate accept js/parse`: it gives no reason',
          '- `/perfgate accept "js/sum 1..100`: the double quote around the benchmark is not closed',
          '',
          `Write one command per line: ${SYNTAX}. A benchmark id that contains spaces goes in double quotes or backticks, e.g. \`/perfgate accept "js/sum 1..100" the exact algorithm is slower by design\`.`,
        ].join('\n'),
        marker: refusalMarker({ comment: comment.id }),
        commentId: comment.id,
        replied: false,
      },
    ]);
  });

  it("ignores perfgate's own comments and replies, and other bots", async () => {
    const n = pull();
    gh.addComment(n, '/perfgate accept all from a bot', 'renovate[bot]');
    await octokitFor(gh).rest.issues.createComment({ owner: gh.owner, repo: gh.repo, issue_number: n, body: '/perfgate accept all our own' });
    gh.addComment(n, `<!-- perfgate:comment id=default -->\n/perfgate accept all quoted in a marker comment`, 'ada');
    expect(await collect(n)).toEqual({ acceptances: [], refusals: [], warnings: [] });
  });
});

describe('a token that cannot read permissions', () => {
  it('accepts nothing, warns once with the permission, and tells the user why', async () => {
    const n = pull();
    gh.addLabel(n, 'perfgate:accept', 'wendy');
    gh.addComment(n, '/perfgate accept js/parse intended', 'ada');
    gh.injectFault({ method: 'GET', path: /\/collaborators\/[^/]+\/permission$/, kind: 403, times: 2 });
    const { acceptances, refusals, warnings } = await collect(n);
    expect(acceptances).toEqual([]);
    expect(refusals.map((r) => [r.user, r.why])).toEqual([
      ['wendy', '@wendy, perfgate could not check whether you have write access to this repository (GitHub answered 403 when it asked), so the label "perfgate:accept" accepts nothing. The run\'s warnings say what the workflow\'s token lacks.'],
      ['ada', "@ada, perfgate could not check whether you have write access to this repository (GitHub answered 403 when it asked), so this command accepts nothing. The run's warnings say what the workflow's token lacks."],
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^perfgate could not read collaborator permissions \(GET \/repos\/octo-org\/octo-repo\/collaborators\/\{username\}\/permission: Resource not accessible by integration/);
    expect(warnings[0]).toContain('"metadata: read"');
  });

  it("with a fork's read-only token, goes by author association and the label's triage access, and says the report job decides the status", async () => {
    const n = pull();
    gh.addLabel(n, 'perfgate:accept', 'tom');
    gh.addComment(n, '/perfgate accept js/parse the collaborator says so', 'wendy');
    gh.addComment(n, '/perfgate accept all the author wants it', 'carol');
    gh.injectFault({ method: 'GET', path: /\/collaborators\/[^/]+\/permission$/, kind: 403, times: 3 });
    const { acceptances, refusals, warnings } = await collect(n, { readOnlyToken: true });
    expect(acceptances.map((a) => [a.target, a.by, a.source])).toEqual([
      ['all', 'tom', 'label'],
      ['js/parse', 'wendy', 'comment'],
    ]);
    expect(refusals.map((r) => [r.user, r.why])).toEqual([
      ['carol', "@carol, only people with write access to this repository can accept a perfgate regression; GitHub shows you as author association NONE, so this command accepts nothing. A maintainer can comment " + SYNTAX + ' instead.'],
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/as GitHub refuses a read-only token\. This run went by what the token can see: .*The report workflow, whose token can ask, applies the write-access rule to the commit status\.$/);
  });

  it('warns instead of failing when it cannot reply either', async () => {
    const n = pull();
    gh.addComment(n, '/perfgate accept all why not', 'rita');
    const { refusals } = await collect(n);
    gh.injectFault({ method: 'POST', path: new RegExp(`/issues/${n}/comments$`), kind: 403 });
    const outcome = await postRefusals(octokitFor(gh), { owner: gh.owner, repo: gh.repo, pullNumber: n, refusals, log: () => {} });
    expect(outcome).toEqual({ posted: 0, warnings: ['perfgate could not reply to @rita why an accept was refused (GitHub answered 403; replying needs "permissions: pull-requests: write")'] });
  });
});
