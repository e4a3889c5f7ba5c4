import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { generateLoad, generatorTimeoutSeconds, measuredWindow, type LoadPlan } from '../../../src/runners/http/load-generator.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const target = (url: string) => ({ url, method: 'GET', headers: {}, expectStatus: [200] });
const concurrency = (connections: number, durationMs: number, warmupMs = 0): LoadPlan => ({
  load: { mode: 'concurrency', connections, durationMs },
  warmupMs,
  requestTimeoutMs: 5000,
});
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('generateLoad', () => {
  it('times every answer in ms from its own request, also when the service closes connections', async () => {
    let answers = 0;
    const url = await serve((_req, res) => {
      // "Connection: close" on every 2nd answer: autocannon then opens a new connection.
      if (++answers % 2 === 0) res.setHeader('connection', 'close');
      setTimeout(() => res.end('ok'), 20);
    });
    const outcome = await generateLoad(target(url), concurrency(1, 400));
    const [first = 0, ...rest] = outcome.latenciesMs;
    expect(rest.length).toBeGreaterThan(3);
    // Each answer took the service's 20 ms at least (timers may fire up to a ms early)...
    expect(Math.min(...outcome.latenciesMs)).toBeGreaterThanOrEqual(19);
    // ...and one connection sends the next request only after the last answer, so the answers
    // after the first (whose request may predate the window) fill at most the measured phase.
    // An answer timed from an older request, or in another unit, breaks this.
    expect(first).toBeGreaterThan(0);
    expect(sum(rest)).toBeLessThanOrEqual(outcome.elapsedMs + 1);
    expect(outcome).toMatchObject({ successes: outcome.latenciesMs.length, statuses: { 200: outcome.latenciesMs.length }, timeouts: 0, connectionErrors: 0 });
  });

  it('counts answers by status and only expected ones as successes', async () => {
    let answers = 0;
    const url = await serve((_req, res) => {
      res.statusCode = ++answers % 2 === 0 ? 404 : 200;
      res.end();
    });
    const outcome = await generateLoad(target(url), concurrency(1, 200, 50));
    const answered = outcome.latenciesMs.length;
    const notFound = outcome.statuses[404] ?? 0;
    expect(outcome.statuses[200]).toBe(outcome.successes);
    expect(outcome.successes + notFound).toBe(answered);
    expect([Math.floor(answered / 2), Math.ceil(answered / 2)]).toContain(notFound);
  });

  it('counts refused connections as errors', async () => {
    const url = await serve(() => undefined);
    const server = servers.pop()!;
    await new Promise((resolve) => server.close(resolve));
    const outcome = await generateLoad(target(url), concurrency(1, 100));
    expect(outcome.latenciesMs).toEqual([]);
    expect(outcome.connectionErrors).toBeGreaterThan(0);
    expect(outcome.firstError).toBe('ECONNREFUSED');
    expect(outcome.timeouts).toBe(0);
  });

  it('sends at most the fixed rate', async () => {
    const url = await serve((_req, res) => res.end('ok'));
    // 20 requests per second over 2 connections, measured from the first burst to just before the second.
    const outcome = await generateLoad(target(url), { load: { mode: 'rate', requestsPerSecond: 20, connections: 2, durationMs: 300 }, warmupMs: 0, requestTimeoutMs: 5000 });
    expect(outcome.latenciesMs).toHaveLength(20);
  });

  it('rejects with the reason when the signal aborts', async () => {
    const url = await serve((_req, res) => res.end('ok'));
    const controller = new AbortController();
    const reason = new Error('stop now');
    setTimeout(() => controller.abort(reason), 50);
    await expect(generateLoad(target(url), { ...concurrency(2, 10_000), signal: controller.signal })).rejects.toBe(reason);
  });

  it('says which request autocannon could not send', async () => {
    await expect(generateLoad({ ...target('http://127.0.0.1:9/'), method: 'BREW' }, concurrency(1, 100))).rejects.toThrow(
      'autocannon could not drive BREW http://127.0.0.1:9/: BREW HTTP method is not supported',
    );
  });
});

describe('measuredWindow', () => {
  it('follows warm-up and duration under fixed concurrency', () => {
    expect(measuredWindow({ load: { mode: 'concurrency', connections: 1, durationMs: 300 }, warmupMs: 100 })).toEqual({ startMs: 100, endMs: 400 });
  });

  it('spans whole seconds that start just before a burst under a fixed rate', () => {
    const rate = (warmupMs: number, durationMs: number) => measuredWindow({ load: { mode: 'rate', requestsPerSecond: 10, connections: 1, durationMs }, warmupMs });
    expect(rate(0, 300)).toEqual({ startMs: 0, endMs: 900 });
    expect(rate(1500, 2000)).toEqual({ startMs: 1900, endMs: 3900 });
    expect(rate(1000, 3000)).toEqual({ startMs: 900, endMs: 3900 });
  });
});

describe('generatorTimeoutSeconds', () => {
  it('is the request timeout, at least one second, and beyond the idle second of a fixed rate', () => {
    const plan = (mode: 'concurrency' | 'rate', requestTimeoutMs: number) => ({
      load: mode === 'rate' ? { mode, requestsPerSecond: 5, connections: 1, durationMs: 1000 } : { mode, connections: 1, durationMs: 1000 },
      requestTimeoutMs,
    });
    expect(generatorTimeoutSeconds(plan('concurrency', 2500))).toBe(2.5);
    expect(generatorTimeoutSeconds(plan('concurrency', 200))).toBe(1);
    expect(generatorTimeoutSeconds(plan('rate', 1000))).toBe(1.25);
    expect(generatorTimeoutSeconds(plan('rate', 3000))).toBe(3);
  });
});
