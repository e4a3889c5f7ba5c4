import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptRegressions } from '../../src/action/accept-regressions.js';
import { Deadline } from '../../src/action/deadline.js';
import type { MetricComparison, Report, Verdict } from '../../src/core/model.js';
import { refusalMarker } from '../../src/github/refusal-replies.js';
import { startTestGitHub, type TestGitHub } from '../github-server/index.js';
import { octokitFor } from '../github-server/octokit.js';

let gh: TestGitHub;

beforeAll(async () => {
  gh = await startTestGitHub({ owner: 'octo-org', repo: 'octo-repo', repositoryId: 8484 });
  gh.setPermission('mia', 'maintain');
});

afterAll(async () => {
  expect([gh.validationErrors, gh.responseErrors]).toEqual([[], []]);
  await gh?.close();
});

function metric(verdict: Verdict): MetricComparison {
  return { metric: 'latency', unit: 'ms', direction: 'smaller', statistic: 'median', base: null, head: null, ratio: 1.2, ci: [1.1, 1.3], p: 0.001, pHolm: 0.002, pBh: 0.002, test: 'mann-whitney', verdict, reasons: ['+20.0% is significant'], gated: true };
}

function report(): Report {
  const benchmarks = [
    { id: 'js/parse', suite: 'js', name: 'parse', verdict: 'fail' as const, metrics: [metric('fail')] },
    { id: 'js/same', suite: 'js', name: 'same', verdict: 'pass' as const, metrics: [metric('pass')] },
  ];
  return { schema: 'perfgate/report', version: 1, verdict: 'fail', counts: { fail: 1, pass: 1 }, baseline: { method: 'committed', source: 'b.json' }, head: {}, base: null, benchmarks, warnings: [] };
}

const settings = { label: 'perfgate:accept', command: '/perfgate accept' };

describe('acceptRegressions', () => {
  it('applies what a maintainer accepted and replies to a refused command once', async () => {
    gh.addPullRequest({ number: 3 });
    gh.addComment(3, '/perfgate accept js/parse the parser validates its input', 'mia');
    const refused = gh.addComment(3, '/perfgate accept all me too', 'rita');
    const run = { client: octokitFor(gh), owner: gh.owner, repo: gh.repo, pullNumber: 3, settings, deadline: new Deadline(30_000), reply: true };
    const first = await acceptRegressions(report(), run);
    expect([first.verdict, first.counts, first.warnings]).toEqual(['accepted', { accepted: 1, pass: 1 }, []]);
    await acceptRegressions(report(), run);
    expect(gh.comments(3).filter((c) => c.body.startsWith(refusalMarker({ comment: refused.id })))).toHaveLength(1);
    // After the merge the same acceptances apply and nobody is answered again.
    const merged = await acceptRegressions(report(), { ...run, reply: false });
    expect(merged.verdict).toBe('accepted');
  });

  it('accepts nothing and warns when GitHub cannot be read', async () => {
    gh.injectFault({ method: 'GET', path: /\/issues\/4\/comments$/, kind: 403 });
    gh.injectFault({ method: 'GET', path: /\/issues\/4$/, kind: 403 });
    const after = await acceptRegressions(report(), { client: octokitFor(gh), owner: gh.owner, repo: gh.repo, pullNumber: 4, settings, deadline: new Deadline(30_000), reply: true });
    expect(after.verdict).toBe('fail');
    expect(after.warnings).toEqual([
      'the comments of #4 could not be read, so no accept command is obeyed: Resource not accessible by integration - https://docs.github.com/rest (the workflow needs "permissions: pull-requests: read")',
      'the label "perfgate:accept" could not be checked, so it accepts nothing: Resource not accessible by integration - https://docs.github.com/rest (the workflow needs "permissions: pull-requests: read")',
    ]);
  });
});
