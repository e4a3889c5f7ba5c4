import { describe, expect, it } from 'vitest';
import type { LoadOutcome } from '../../../src/runners/http/load-generator.js';
import { describeRequestRound, requestBenchmark, serviceBenchmark, unexpectedStatusWarning } from '../../../src/runners/http/request-metrics.js';
import { request } from './http-suites.js';

const outcome = (overrides: Partial<LoadOutcome>): LoadOutcome => ({
  latenciesMs: [],
  successes: 0,
  statuses: {},
  timeouts: 0,
  connectionErrors: 0,
  elapsedMs: 500,
  ...overrides,
});

describe('requestBenchmark', () => {
  it('gives latencies, answers per second and the share of attempts that succeeded', () => {
    // 4 answers (3 of them 200, one 500) and a timeout in 0.5 s: 8 answers/s, 3 of 5 attempts succeeded.
    const got = requestBenchmark('work', outcome({ latenciesMs: [1.5, 2.25, 3, 40], successes: 3, statuses: { 200: 3, 500: 1 }, timeouts: 1 }));
    expect(got).toEqual({
      name: 'work',
      metrics: [
        { name: 'latency', unit: 'ms', direction: 'smaller', samples: [1.5, 2.25, 3, 40] },
        { name: 'throughput', unit: 'ops/s', direction: 'bigger', samples: [8] },
        { name: 'success-rate', unit: '%', direction: 'bigger', samples: [60] },
      ],
    });
  });

  it('counts connection errors as failed attempts', () => {
    const got = requestBenchmark('work', outcome({ latenciesMs: [1], successes: 1, statuses: { 200: 1 }, connectionErrors: 3 }));
    expect(got.metrics[2]?.samples).toEqual([25]);
  });

  it('is an error when nothing was answered, saying what happened instead', () => {
    expect(requestBenchmark('work', outcome({ timeouts: 2, connectionErrors: 1, firstError: 'ECONNRESET', elapsedMs: 1203.4 }))).toEqual({
      name: 'work',
      metrics: [],
      error: 'no answer in 1200ms of load: 2 timed out, 1 connection error (ECONNRESET); expected at least one',
    });
    expect(requestBenchmark('work', outcome({ elapsedMs: 300 })).error).toBe('no answer in 300ms of load; expected at least one');
  });
});

describe('serviceBenchmark', () => {
  it('reports what /proc could measure', () => {
    expect(serviceBenchmark({ peakRssBytes: 52_428_800, cpuMs: 120, samples: 9 })).toEqual({
      name: 'service',
      metrics: [
        { name: 'rss', unit: 'B', direction: 'smaller', samples: [52_428_800] },
        { name: 'cpu', unit: 'ms', direction: 'smaller', samples: [120] },
      ],
    });
    expect(serviceBenchmark({ peakRssBytes: null, cpuMs: null, samples: 1 })).toBeNull();
  });
});

describe('unexpectedStatusWarning', () => {
  it('names the unexpected statuses without counts, so that rounds repeat one warning', () => {
    const post = request('create', '/items', { method: 'POST', expectStatus: [200, 201] });
    expect(unexpectedStatusWarning(post, outcome({ statuses: { 503: 2, 201: 9, 400: 1 } }))).toBe('"create" (POST /items) got answers with status 400, 503; expected 200, 201');
    expect(unexpectedStatusWarning(post, outcome({ statuses: { 201: 9 } }))).toBeNull();
  });
});

describe('describeRequestRound', () => {
  it('gives req/s, p95 and the success rate', () => {
    const latencies = Array.from({ length: 21 }, (_, i) => i / 2);
    const benchmark = requestBenchmark('work', outcome({ latenciesMs: latencies, successes: 20, statuses: { 200: 20, 500: 1 }, elapsedMs: 2000 }));
    // p95 of 0, 0.5 ... 10 (type 7) is 9.5; 21 answers in 2 s; 20 of 21 succeeded.
    expect(describeRequestRound(benchmark)).toBe('11 req/s, p95 9.50 ms, 95.24% ok');
  });
});
