import { statSync } from 'node:fs';
import { formatTime } from '../../config/quantities.js';
import type { HttpRequestSettings, HttpSuiteSettings } from '../../config/settings.js';
import { sampleGroupUsage, type GroupUsage } from '../process-usage.js';
import type { RoundBenchmark, RoundContext, SuiteRound } from '../suite-round.js';
import { findFreePort } from './free-port.js';
import { generateLoad } from './load-generator.js';
import { waitUntilReady } from './readiness.js';
import { describeRequestRound, requestBenchmark, SERVICE_BENCHMARK, serviceBenchmark, unexpectedStatusWarning } from './request-metrics.js';
import { startService, type ServiceProcess } from './service-process.js';

/**
 * /proc is read synchronously in this process, the one that also drives the load, and one sample
 * reads every process's stat (1.3 ms with 75 processes here): rarely enough not to slow the
 * generator, often enough to see the service's peaks, since each member's own high-water mark
 * (VmHWM) covers the gaps.
 */
const USAGE_INTERVAL_MS = 100;

/**
 * One round of an HTTP suite on one side: a fresh service on a free port, readiness, warm-up and
 * measured load per request, then the service and everything it started are stopped — also when
 * the round fails or `ctx.signal` aborts (then the promise rejects with the signal's reason).
 */
export async function runHttpRound(suite: HttpSuiteSettings, ctx: RoundContext): Promise<SuiteRound> {
  const { signal } = ctx;
  signal?.throwIfAborted();
  const wanted = (name: string) => (!ctx.onlyTasks || ctx.onlyTasks.includes(name)) && !ctx.skipTasks.includes(name);
  const reportService = wanted(SERVICE_BENCHMARK);
  // The service's numbers depend on the load it got: when they are reported, it gets all of it.
  const requests = suite.requests.filter((r) => (reportService ? !ctx.skipTasks.includes(r.name) : wanted(r.name)));
  if (requests.length === 0) return { benchmarks: [], warnings: [] };
  if (!isDirectory(suite.cwd)) return { benchmarks: [], warnings: [], error: `the service's folder ${suite.cwd} does not exist; expected the cwd of suite "${suite.name}"` };

  const port = await findFreePort();
  signal?.throwIfAborted();
  const service = startService({
    command: suite.start,
    cwd: suite.cwd,
    env: { ...process.env, ...suite.env, [suite.portEnv]: String(port) },
    ...(ctx.wrapper && ctx.wrapper.length > 0 ? { wrapper: ctx.wrapper } : {}),
  });
  const sampler = service.pid !== undefined ? sampleGroupUsage(service.pid, USAGE_INTERVAL_MS) : undefined;
  let usage: GroupUsage | undefined;
  const stopSampling = (): GroupUsage | undefined => (usage ??= sampler?.stop());

  const warnings: string[] = [];
  let round: SuiteRound;
  try {
    round = await driveService(suite, requests, ctx, service, port, warnings);
  } finally {
    stopSampling();
    const killed = await service.stop(suite.stopTimeoutMs);
    if (killed) warnings.push(`service of suite "${suite.name}" did not stop within ${formatTime(suite.stopTimeoutMs)} of SIGTERM and was killed`);
  }
  const measured = usage && reportService && round.error === undefined ? serviceBenchmark(usage) : null;
  const benchmarks = round.benchmarks.filter((b) => wanted(b.name));
  return { ...round, benchmarks: measured ? [...benchmarks, measured] : benchmarks, warnings };
}

async function driveService(
  suite: HttpSuiteSettings,
  requests: readonly HttpRequestSettings[],
  ctx: RoundContext,
  service: ServiceProcess,
  port: number,
  warnings: string[],
): Promise<SuiteRound> {
  const origin = `http://127.0.0.1:${port}`;
  const readyUrl = `${origin}${suite.readyPath}`;
  const ready = await waitUntilReady({ url: readyUrl, timeoutMs: suite.readyTimeoutMs, exited: service.exited, ...(ctx.signal ? { signal: ctx.signal } : {}) });
  if (!ready.ready) {
    const what = ready.exited !== undefined
      ? `service ${ready.exited} before it answered GET ${readyUrl} with 2xx`
      : `service did not answer GET ${readyUrl} with 2xx within ${formatTime(suite.readyTimeoutMs)}${ready.lastAnswer ? ` (last: ${ready.lastAnswer})` : ''}`;
    return { benchmarks: [], warnings, error: `${what}; ${lastOutput(service)}` };
  }

  const benchmarks: RoundBenchmark[] = [];
  for (const request of requests) {
    const outcome = await generateLoad(
      { url: `${origin}${request.path}`, method: request.method, headers: request.headers, ...(request.body !== undefined ? { body: request.body } : {}), expectStatus: request.expectStatus },
      { load: suite.load, warmupMs: suite.warmupMs, requestTimeoutMs: suite.requestTimeoutMs, ...(ctx.signal ? { signal: ctx.signal } : {}) },
    ).catch((error: unknown) => {
      if (ctx.signal?.aborted) throw error;
      return error instanceof Error ? error.message : String(error);
    });
    const exited = service.exitReason();
    if (exited !== undefined) {
      return { benchmarks, warnings, error: `service ${exited} during the load of "${request.name}" (${request.method} ${request.path}); ${lastOutput(service)}` };
    }
    const benchmark = typeof outcome === 'string' ? { name: request.name, metrics: [], error: outcome } : requestBenchmark(request.name, outcome);
    if (typeof outcome !== 'string') {
      const warning = unexpectedStatusWarning(request, outcome);
      if (warning) warnings.push(warning);
    }
    benchmarks.push(benchmark);
    const side = ctx.side ? `${ctx.side} ` : '';
    ctx.onProgress?.(`round ${ctx.round}/${ctx.rounds}  ${side}${suite.name}/${request.name}: ${describeRequestRound(benchmark)}`);
  }
  return { benchmarks, warnings };
}

function lastOutput(service: ServiceProcess): string {
  const text = service.output.text();
  return text ? `its last output: ${text}` : 'it printed nothing';
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
