import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGitHub } from './index.js';
import type { FaultKind, TestGitHub } from './index.js';
import { octokitFor } from './octokit.js';

let gh: TestGitHub;
let commentsUrl: string;
let headers: Record<string, string>;

beforeAll(async () => {
  gh = await startTestGitHub();
  commentsUrl = `${gh.url}/repos/${gh.owner}/${gh.repo}/issues/1/comments`;
  headers = { authorization: `token ${gh.token}`, 'user-agent': 'faults-test' };
});

afterAll(async () => {
  await gh.close();
});

const PATH = /\/issues\/\d+\/comments$/;

describe('injected faults', () => {
  const answered: [FaultKind, number, RegExp, string | null][] = [
    [500, 500, /Server Error/, null],
    [502, 502, /Bad Gateway/, null],
    [503, 503, /Service Unavailable/, null],
    [429, 429, /Too Many Requests/, '1'],
    ['secondary-rate-limit', 403, /You have exceeded a secondary rate limit/, '1'],
    [410, 410, /Gone/, null],
    [403, 403, /Resource not accessible by integration/, null],
  ];
  it.each(answered)('%s answers %i once, then the request works again', async (kind, status, message, retryAfter) => {
    gh.injectFault({ path: PATH, kind });
    const res = await fetch(commentsUrl, { headers });
    expect(res.status).toBe(status);
    expect(res.headers.get('retry-after')).toBe(retryAfter);
    expect(((await res.json()) as { message: string }).message).toMatch(message);
    expect((await fetch(commentsUrl, { headers })).status).toBe(200);
  });

  it("'reset' drops the connection without an answer", async () => {
    gh.injectFault({ path: PATH, kind: 'reset' });
    const err = await fetch(commentsUrl, { headers }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(gh.requests.at(-1)!.status).toBe(0);
    // through Octokit it surfaces as a RequestError with status 500
    gh.injectFault({ path: PATH, kind: 'reset' });
    const octokit = octokitFor(gh);
    const viaOctokit = await octokit.rest.issues.listComments({ owner: gh.owner, repo: gh.repo, issue_number: 1 }).catch((e: unknown) => e);
    expect((viaOctokit as { status: number }).status).toBe(500);
    expect((await fetch(commentsUrl, { headers })).status).toBe(200);
  });

  it("'slow' waits delayMs, then answers normally", async () => {
    gh.injectFault({ path: PATH, kind: 'slow', delayMs: 400 });
    const t0 = Date.now();
    const res = await fetch(commentsUrl, { headers });
    expect(res.status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(390);
  });

  it('honours times and method, and times: 0 disarms', async () => {
    gh.injectFault({ method: 'POST', path: PATH, kind: 503, times: 2 });
    expect((await fetch(commentsUrl, { headers })).status).toBe(200); // GET is not matched
    const post = (): Promise<Response> => fetch(commentsUrl, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ body: 'hi' }) });
    expect((await post()).status).toBe(503);
    expect((await post()).status).toBe(503);
    expect((await post()).status).toBe(201);
    gh.injectFault({ method: 'GET', path: PATH, kind: 500, times: 1000 });
    expect((await fetch(commentsUrl, { headers })).status).toBe(500);
    gh.injectFault({ method: 'GET', path: PATH, kind: 500, times: 0 });
    expect((await fetch(commentsUrl, { headers })).status).toBe(200);
  });

  it('also hits the results service', async () => {
    gh.injectFault({ path: /^\/twirp\//, kind: 503 });
    const res = await fetch(`${gh.resultsUrl}twirp/github.actions.results.api.v1.ArtifactService/ListArtifacts`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(503);
  });

  it('logged every request and found nothing invalid', () => {
    expect(gh.requests.length).toBeGreaterThan(10);
    expect(gh.validationErrors).toEqual([]);
    expect(gh.responseErrors).toEqual([]);
  });
});
