import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOctokit } from '../../src/github/octokit-client.js';

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const TOKEN = 'ghs_secretTokenThatMustNotBeLogged';
let server: Server;
let baseUrl = '';
let script: Answer[] = [];
let hits = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    hits += 1;
    const answer = script.shift() ?? { status: 200, body: { default_branch: 'main' } };
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  script = [];
  hits = 0;
});

const getRepo = (client: ReturnType<typeof createOctokit>) => client.rest.repos.get({ owner: 'acme', repo: 'app' });
const secondary: Answer = { status: 403, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, headers: { 'retry-after': '1' } };

describe('createOctokit', () => {
  it('retries 5xx answers with plugin-retry', async () => {
    script = [{ status: 502 }, { status: 500 }];
    const client = createOctokit({ token: TOKEN, baseUrl, retries: 3, throttle: false, retryAfterBaseValue: 1 });
    await expect(getRepo(client)).resolves.toMatchObject({ status: 200, data: { default_branch: 'main' } });
    expect(hits).toBe(3);
  });

  it('stops after the configured number of retries, and never retries 404', async () => {
    script = [{ status: 503 }, { status: 503 }, { status: 503 }];
    const client = createOctokit({ token: TOKEN, baseUrl, retries: 1, throttle: false, retryAfterBaseValue: 1 });
    await expect(getRepo(client)).rejects.toMatchObject({ status: 503 });
    expect(hits).toBe(2);
    hits = 0;
    script = [{ status: 404, body: { message: 'Not Found' } }];
    await expect(getRepo(client)).rejects.toMatchObject({ status: 404 });
    expect(hits).toBe(1);
  });

  it('waits out a secondary rate limit and logs it without the token', async () => {
    script = [secondary];
    const lines: string[] = [];
    const client = createOctokit({ token: TOKEN, baseUrl, retries: 0, retryAfterBaseValue: 1, log: (line) => lines.push(line) });
    await expect(getRepo(client)).resolves.toMatchObject({ status: 200 });
    expect(lines).toEqual(['GitHub secondary rate limit on GET /repos/{owner}/{repo}: retrying after 1 s (retry 1 of 2)']);
  });

  it('gives up on a rate limit after two retries', async () => {
    script = [secondary, secondary, secondary, secondary];
    const lines: string[] = [];
    const client = createOctokit({ token: TOKEN, baseUrl, retries: 0, retryAfterBaseValue: 1, log: (line) => lines.push(line) });
    await expect(getRepo(client)).rejects.toMatchObject({ status: 403 });
    expect(hits).toBe(3);
    expect(lines.at(-1)).toBe('GitHub secondary rate limit on GET /repos/{owner}/{repo}: giving up');
    expect(lines.join('\n')).not.toContain(TOKEN);
  });

  it('leaves a 429 to the throttling plugin alone, so attempts do not multiply', async () => {
    script = Array.from({ length: 20 }, () => ({ ...secondary, status: 429 }));
    const client = createOctokit({ token: TOKEN, baseUrl, retries: 3, retryAfterBaseValue: 1 });
    await expect(getRepo(client)).rejects.toMatchObject({ status: 429 });
    expect(hits).toBe(3);
  });

  it('retries a 429 with plugin-retry when throttling is off', async () => {
    script = [{ status: 429, body: { message: 'Too many requests' } }];
    const client = createOctokit({ token: TOKEN, baseUrl, retries: 3, throttle: false, retryAfterBaseValue: 1 });
    await expect(getRepo(client)).resolves.toMatchObject({ status: 200 });
    expect(hits).toBe(2);
  });

  it('handles a primary rate limit through onRateLimit', async () => {
    const reset = String(Math.floor(Date.now() / 1000));
    script = [{ status: 403, body: { message: 'API rate limit exceeded' }, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset } }];
    const lines: string[] = [];
    const client = createOctokit({ token: TOKEN, baseUrl, retries: 0, retryAfterBaseValue: 1, log: (line) => lines.push(line) });
    await expect(getRepo(client)).resolves.toMatchObject({ status: 200 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^GitHub primary rate limit on GET \/repos\/\{owner\}\/\{repo\}: retrying after \d+ s \(retry 1 of 2\)$/);
  });
});
