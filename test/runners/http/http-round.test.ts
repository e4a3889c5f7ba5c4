import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runHttpRound } from '../../../src/runners/http/http-round.js';
import type { RoundBenchmark } from '../../../src/runners/suite-round.js';
import { isAlive } from '../suites.js';
import { httpSuite, liveMembers, readNumber, recordingGroup, request, roundContext, scratchDir, SERVICES } from './http-suites.js';

const metricsOf = (b: RoundBenchmark | undefined) => b?.metrics.map(({ name, unit, direction, samples }) => ({ name, unit, direction, count: samples.length }));
const samplesOf = (b: RoundBenchmark | undefined, metric: string) => b?.metrics.find((m) => m.name === metric)?.samples ?? [];

/** The failures among `attempts` consecutive requests of which every `every`-th fails: the count depends on where the window starts. */
const possibleFailures = (attempts: number, every: number) => [Math.floor(attempts / every), Math.ceil(attempts / every)];

describe('runHttpRound', () => {
  it('measures every request and the service, and leaves no process of the service behind', async () => {
    const dir = scratchDir();
    const groupFile = path.join(dir, 'pgid');
    const progress: string[] = [];
    // One connection: the service's request counter then runs in the order the answers arrive,
    // so that the measured window holds a run of consecutive requests.
    const suite = httpSuite({
      start: recordingGroup('node server.mjs', groupFile),
      env: { ERROR_RATE: '0.1' },
      requests: [request('work', '/work'), request('health', '/health')],
      load: { mode: 'concurrency', connections: 1, durationMs: 300 },
    });
    const round = await runHttpRound(suite, roundContext({ side: 'head', round: 2, rounds: 3, onProgress: (line) => progress.push(line) }));

    expect(round.error).toBeUndefined();
    expect(round.benchmarks.map((b) => b.name)).toEqual(['work', 'health', 'service']);
    const [work, health, service] = round.benchmarks;
    const answered = samplesOf(work, 'latency').length;
    expect(metricsOf(work)).toEqual([
      { name: 'latency', unit: 'ms', direction: 'smaller', count: answered },
      { name: 'throughput', unit: 'ops/s', direction: 'bigger', count: 1 },
      { name: 'success-rate', unit: '%', direction: 'bigger', count: 1 },
    ]);
    expect(answered).toBeGreaterThan(10);
    // Every 10th /work request answers 500, and 500s are answers: all of them are attempts.
    const rates = possibleFailures(answered, 10).map((failures) => (100 * (answered - failures)) / answered);
    expect(rates).toContain(samplesOf(work, 'success-rate')[0]);
    expect(samplesOf(health, 'success-rate')).toEqual([100]);
    expect(metricsOf(service)).toEqual([
      { name: 'rss', unit: 'B', direction: 'smaller', count: 1 },
      { name: 'cpu', unit: 'ms', direction: 'smaller', count: 1 },
    ]);
    expect(samplesOf(service, 'rss')[0]).toBeGreaterThan(1024 * 1024);
    expect(round.warnings).toEqual(['"work" (GET /work) got answers with status 500; expected 200']);
    expect(progress).toHaveLength(2);
    expect(progress[0]).toMatch(/^round 2\/3  head api\/work: \d+ req\/s, p95 \d+\.\d\d ms, [\d.]+% ok$/);
    expect(liveMembers(readNumber(groupFile))).toEqual([]);
  });

  it('counts failures over all requests with several connections', async () => {
    const suite = httpSuite({ env: { ERROR_RATE: '0.1' }, load: { mode: 'concurrency', connections: 4, durationMs: 300 } });
    const round = await runHttpRound(suite, roundContext());
    const work = round.benchmarks[0];
    const answered = samplesOf(work, 'latency').length;
    const failures = Math.round(answered - (samplesOf(work, 'success-rate')[0]! * answered) / 100);
    // With four connections answers complete a little out of the service's order, so the window
    // may hold one failure more or less than a run of consecutive requests would.
    expect(Math.abs(failures - answered / 10)).toBeLessThanOrEqual(2);
  });

  it('runs only the requested benchmarks and reports the service only with all the load', async () => {
    const requests = [request('work', '/work'), request('health', '/health')];
    const skipping = await runHttpRound(httpSuite({ requests }), roundContext({ skipTasks: ['work'] }));
    expect(skipping.benchmarks.map((b) => b.name)).toEqual(['health', 'service']);
    const only = await runHttpRound(httpSuite({ requests }), roundContext({ onlyTasks: ['health'] }));
    expect(only.benchmarks.map((b) => b.name)).toEqual(['health']);
    const none = await runHttpRound(httpSuite({ requests }), roundContext({ onlyTasks: ['other'] }));
    expect(none).toEqual({ benchmarks: [], warnings: [] });
  });

  it('kills a service that ignores SIGTERM, and the child it started', async () => {
    const dir = scratchDir();
    const pidsFile = path.join(dir, 'pids.json');
    const suite = httpSuite({
      start: 'node stubborn-service.mjs',
      cwd: SERVICES,
      env: { PIDS_FILE: pidsFile },
      requests: [request('health', '/health')],
      load: { mode: 'concurrency', connections: 1, durationMs: 200 },
      warmupMs: 0,
      stopTimeoutMs: 300,
    });
    const round = await runHttpRound(suite, roundContext());
    expect(round.error).toBeUndefined();
    expect(round.warnings).toEqual(['service of suite "api" did not stop within 300ms of SIGTERM and was killed']);
    const pids = JSON.parse(readFileSync(pidsFile, 'utf8')) as { pgid: number; pid: number; child: number };
    expect(liveMembers(pids.pgid)).toEqual([]);
    expect(isAlive(pids.child)).toBe(false);
    expect(isAlive(pids.pid)).toBe(false);
  });

  it('says when the service never becomes ready, quoting its output', async () => {
    const dir = scratchDir();
    const groupFile = path.join(dir, 'pgid');
    // Long enough for Node to start and answer 503 on a busy machine, so that the message has both.
    const suite = httpSuite({ start: recordingGroup('node never-ready-service.mjs', groupFile), cwd: SERVICES, readyTimeoutMs: 2000 });
    const round = await runHttpRound(suite, roundContext());
    expect(round.benchmarks).toEqual([]);
    expect(round.error).toMatch(
      /^service did not answer GET http:\/\/127\.0\.0\.1:\d+\/health with 2xx within 2s \(last: status 503\); its last output: starting: warming the cache, this takes a while$/,
    );
    expect(liveMembers(readNumber(groupFile))).toEqual([]);
  });

  it('says when the service exits before it is ready, quoting its output', async () => {
    const suite = httpSuite({ start: 'node failing-start-service.mjs', cwd: SERVICES });
    const round = await runHttpRound(suite, roundContext());
    expect(round.error).toMatch(
      /^service exited with code 3 before it answered GET http:\/\/127\.0\.0\.1:\d+\/health with 2xx; its last output: (loading configuration \| fatal: configuration file \/nonexistent\/service\.yml not found|fatal: configuration file \/nonexistent\/service\.yml not found \| loading configuration)$/,
    );
  });

  it('says when the service folder does not exist', async () => {
    const round = await runHttpRound(httpSuite({ cwd: '/nonexistent/service' }), roundContext());
    expect(round.error).toBe('the service\'s folder /nonexistent/service does not exist; expected the cwd of suite "api"');
  });

  it('counts answers later than the request timeout as failures, not as latencies', async () => {
    const suite = httpSuite({
      start: 'node slow-service.mjs',
      cwd: SERVICES,
      requests: [request('alternate', '/alternate')],
      load: { mode: 'concurrency', connections: 1, durationMs: 500 },
      warmupMs: 0,
      requestTimeoutMs: 100,
    });
    const round = await runHttpRound(suite, roundContext());
    const alternate = round.benchmarks[0];
    const answered = samplesOf(alternate, 'latency').length;
    expect(answered).toBeGreaterThan(0);
    expect(Math.max(...samplesOf(alternate, 'latency'))).toBeLessThanOrEqual(100);
    // Every 2nd request is late: the window holds one late request more, as many, or one fewer.
    const rates = [answered - 1, answered, answered + 1].map((late) => (100 * answered) / (answered + late));
    expect(rates).toContain(samplesOf(alternate, 'success-rate')[0]);
  });

  it('reports a request that got no answer at all as an error of its benchmark', async () => {
    const suite = httpSuite({
      start: 'node slow-service.mjs',
      cwd: SERVICES,
      requests: [request('hang', '/hang'), request('health', '/health')],
      load: { mode: 'concurrency', connections: 2, durationMs: 1200 },
      warmupMs: 0,
      requestTimeoutMs: 1000,
    });
    const round = await runHttpRound(suite, roundContext());
    expect(round.error).toBeUndefined();
    expect(round.benchmarks[0]).toEqual({ name: 'hang', metrics: [], error: expect.stringMatching(/^no answer in [\d.]+m?s of load: 2 timed out; expected at least one$/) });
    expect(samplesOf(round.benchmarks[1], 'success-rate')).toEqual([100]);
  });

  it('stops the service and rejects with the reason when the signal aborts', async () => {
    const dir = scratchDir();
    const groupFile = path.join(dir, 'pgid');
    const controller = new AbortController();
    const suite = httpSuite({ start: recordingGroup('node server.mjs', groupFile), load: { mode: 'concurrency', connections: 2, durationMs: 10_000 } });
    const reason = new Error('interrupted');
    const watcher = setInterval(() => {
      // Once the service runs, let it get some load, then interrupt.
      if (existsSync(groupFile)) {
        clearInterval(watcher);
        setTimeout(() => controller.abort(reason), 500);
      }
    }, 10);
    await expect(runHttpRound(suite, roundContext({ signal: controller.signal }))).rejects.toBe(reason);
    clearInterval(watcher);
    expect(liveMembers(readNumber(groupFile))).toEqual([]);
  });

  it('rejects at once when the signal has already aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('interrupted before');
    controller.abort(reason);
    await expect(runHttpRound(httpSuite(), roundContext({ signal: controller.signal }))).rejects.toBe(reason);
  });
});
