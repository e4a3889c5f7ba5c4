// `npm run bench:http`: is perfgate's HTTP load generator fast enough not to be the bottleneck?
// Requests per second against a trivial local endpoint (the example service's /health) for
// perfgate's generator (runHttpRound, the code path of an http suite), autocannon's command line
// and wrk, with the same connections and duration, interleaved so that drift hits all three.
// Options: --connections N (10), --duration SECONDS (10), --repetitions N (3).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { HttpSuiteSettings } from '../src/config/settings.js';
import { percentile, sortedCopy } from '../src/core/stats.js';
import { findFreePort } from '../src/runners/http/free-port.js';
import { runHttpRound } from '../src/runners/http/http-round.js';
import { waitUntilReady } from '../src/runners/http/readiness.js';
import { startService, type ServiceProcess } from '../src/runners/http/service-process.js';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '10' },
    duration: { type: 'string', default: '10' },
    repetitions: { type: 'string', default: '3' },
  },
});
const connections = Number(values.connections);
const seconds = Number(values.duration);
const repetitions = Number(values.repetitions);
const ROOT = path.join(import.meta.dirname, '..');
const SERVICE_DIR = path.join(ROOT, 'examples', 'http-service');
const AUTOCANNON = path.join(ROOT, 'node_modules', '.bin', 'autocannon');

interface Measurement {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU the generator used, as a share of one core over the load's duration. */
  generatorCpu: number;
}

type Tool = { name: string; run: () => Promise<Measurement> };

const tools: Tool[] = [
  { name: 'perfgate (autocannon in-process)', run: runPerfgate },
  { name: 'autocannon CLI', run: () => withService((url) => runAutocannonCli(url)) },
  { name: 'wrk (1 thread)', run: () => withService((url) => runWrk(url)) },
];

async function runPerfgate(): Promise<Measurement> {
  const suite: HttpSuiteSettings = {
    type: 'http',
    name: 'bench',
    start: 'node server.mjs',
    cwd: SERVICE_DIR,
    env: {},
    portEnv: 'PORT',
    readyPath: '/health',
    readyTimeoutMs: 10_000,
    requests: [{ name: 'health', method: 'GET', path: '/health', headers: {}, expectStatus: [200] }],
    load: { mode: 'concurrency', connections, durationMs: seconds * 1000 },
    warmupMs: 0,
    rounds: 1,
    requestTimeoutMs: 10_000,
    stopTimeoutMs: 5_000,
    thresholds: {},
    benchmarks: {},
  };
  const cpuBefore = process.cpuUsage();
  const round = await runHttpRound(suite, { round: 1, rounds: 1, side: '', workDir: os.tmpdir(), skipTasks: [] });
  const cpu = process.cpuUsage(cpuBefore);
  // This process did nothing else meanwhile; starting and stopping the service add a little.
  const generatorCpu = (cpu.user + cpu.system) / 1000 / (seconds * 1000);
  const health = round.benchmarks.find((b) => b.name === 'health');
  if (round.error !== undefined || !health || health.error !== undefined) throw new Error(`perfgate's round failed: ${round.error ?? health?.error ?? 'no benchmark'}`);
  const metric = (name: string) => health.metrics.find((m) => m.name === name)?.samples ?? [];
  const sorted = sortedCopy(metric('latency'));
  return { requestsPerSecond: metric('throughput')[0] ?? 0, p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99), generatorCpu };
}

/** A fresh service per measurement, as runHttpRound gives perfgate. */
async function withService(measure: (url: string) => Omit<Measurement, 'generatorCpu'>): Promise<Measurement> {
  const port = await findFreePort();
  const service: ServiceProcess = startService({ command: 'node server.mjs', cwd: SERVICE_DIR, env: { ...process.env, PORT: String(port) } });
  try {
    const url = `http://127.0.0.1:${port}/health`;
    const ready = await waitUntilReady({ url, timeoutMs: 10_000, exited: service.exited });
    if (!ready.ready) throw new Error(`the example service did not start: ${service.output.text()}`);
    // The tool is the only child that exits meanwhile: the service is still running.
    const before = waitedChildrenCpuMs();
    const measurement = measure(url);
    return { ...measurement, generatorCpu: (waitedChildrenCpuMs() - before) / (seconds * 1000) };
  } finally {
    await service.stop(5_000);
  }
}

/** CPU of the children this process has waited for (cutime + cstime of /proc/self/stat), ms. */
function waitedChildrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 16 and 17 of stat are 13 and 14 after "state"; Linux counts them in ticks of 10 ms.
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function runAutocannonCli(url: string): Omit<Measurement, 'generatorCpu'> {
  const out = execFileSync(AUTOCANNON, ['-c', String(connections), '-d', String(seconds), '-j', url], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const result = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { requests: { total: number }; duration: number; latency: { p50: number; p99: number }; non2xx: number; errors: number };
  if (result.errors > 0 || result.non2xx > 0) throw new Error(`autocannon saw ${result.errors} errors and ${result.non2xx} non-2xx answers`);
  return { requestsPerSecond: result.requests.total / result.duration, p50Ms: result.latency.p50, p99Ms: result.latency.p99 };
}

function runWrk(url: string): Omit<Measurement, 'generatorCpu'> {
  const run = spawnSync('wrk', ['-t', '1', '-c', String(connections), '-d', `${seconds}s`, '--latency', url], { encoding: 'utf8' });
  if (run.error || run.status !== 0) throw new Error(`wrk failed (is the Debian package wrk installed?): ${run.error?.message ?? run.stderr}`);
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(run.stdout);
  const p50 = /^\s+50%\s+([\d.]+)(us|ms|s)$/m.exec(run.stdout);
  const p99 = /^\s+99%\s+([\d.]+)(us|ms|s)$/m.exec(run.stdout);
  if (!rate || !p50 || !p99) throw new Error(`could not read wrk's output: ${run.stdout}`);
  const ms = (m: RegExpExecArray) => Number(m[1]) * ({ us: 0.001, ms: 1, s: 1000 }[m[2] as 'us' | 'ms' | 's']);
  if (/Non-2xx|Socket errors/.test(run.stdout)) throw new Error(`wrk saw errors: ${run.stdout}`);
  return { requestsPerSecond: Number(rate[1]), p50Ms: ms(p50), p99Ms: ms(p99) };
}

const results = new Map<string, Measurement[]>(tools.map((t) => [t.name, []]));
for (let rep = 1; rep <= repetitions; rep++) {
  // Each tool takes each place in the order in turn: the machine's drift (other jobs, heat) then
  // does not always hit the same one.
  const order = tools.map((_, i) => tools[(i + rep - 1) % tools.length]!);
  for (const tool of order) {
    const m = await tool.run();
    results.get(tool.name)!.push(m);
    console.error(`repetition ${rep}/${repetitions}  ${tool.name}: ${Math.round(m.requestsPerSecond)} req/s, p50 ${m.p50Ms.toFixed(3)} ms, p99 ${m.p99Ms.toFixed(3)} ms`);
  }
}

const median = (xs: number[]) => percentile(sortedCopy(xs), 0.5);
const perfgateRate = median(results.get(tools[0]!.name)!.map((m) => m.requestsPerSecond));
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`Machine: ${cpu}, ${os.availableParallelism()} cores, ${os.type()} ${os.release()}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log(`Load: GET /health of examples/http-service, ${connections} connections, ${seconds} s, ${repetitions} repetitions each, interleaved; a fresh service per run.`);
console.log('Latencies and CPU are medians over the repetitions; autocannon\'s CLI reports latency in whole ms.\n');
console.log('| generator | req/s (median) | req/s per repetition | perfgate / this | p50 latency | p99 latency | generator CPU (one core = 100%) | generator CPU per request | req/s one core of generator could drive |');
console.log('|---|---:|---|---:|---:|---:|---:|---:|---:|');
for (const tool of tools) {
  const ms = results.get(tool.name)!;
  const rate = median(ms.map((m) => m.requestsPerSecond));
  const each = ms.map((m) => Math.round(m.requestsPerSecond)).join(', ');
  const cpuShare = `${Math.round(100 * median(ms.map((m) => m.generatorCpu)))}%`;
  // CPU per answered request does not depend on how fast the service was: it is the generator's own cost.
  const perRequestUs = median(ms.map((m) => (m.generatorCpu * 1e6) / m.requestsPerSecond));
  const cells = [
    tool.name,
    String(Math.round(rate)),
    each,
    (perfgateRate / rate).toFixed(2),
    `${median(ms.map((m) => m.p50Ms)).toFixed(3)} ms`,
    `${median(ms.map((m) => m.p99Ms)).toFixed(3)} ms`,
    cpuShare,
    `${perRequestUs.toFixed(1)} µs`,
    String(Math.round(1e6 / perRequestUs)),
  ];
  console.log(`| ${cells.join(' | ')} |`);
}
