import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HttpRequestSettings, HttpSuiteSettings } from '../../../src/config/settings.js';
import type { RoundContext } from '../../../src/runners/suite-round.js';

const ROOT = path.join(import.meta.dirname, '..', '..', '..');
export const EXAMPLE_SERVICE = path.join(ROOT, 'examples', 'http-service');
export const SERVICES = path.join(ROOT, 'test', 'fixtures', 'services');

export function request(name: string, requestPath: string, overrides: Partial<HttpRequestSettings> = {}): HttpRequestSettings {
  return { name, method: 'GET', path: requestPath, headers: {}, expectStatus: [200], ...overrides };
}

/** The example service with short phases, so that a round takes well under a second of load. */
export function httpSuite(overrides: Partial<HttpSuiteSettings> = {}): HttpSuiteSettings {
  return {
    type: 'http',
    name: 'api',
    start: 'node server.mjs',
    cwd: EXAMPLE_SERVICE,
    env: {},
    portEnv: 'PORT',
    readyPath: '/health',
    readyTimeoutMs: 10_000,
    requests: [request('work', '/work')],
    load: { mode: 'concurrency', connections: 2, durationMs: 300 },
    warmupMs: 100,
    rounds: 1,
    requestTimeoutMs: 5_000,
    stopTimeoutMs: 2_000,
    thresholds: {},
    benchmarks: {},
    ...overrides,
  };
}

export function roundContext(overrides: Partial<RoundContext> = {}): RoundContext {
  return { round: 1, rounds: 1, side: '', workDir: tmpdir(), skipTasks: [], ...overrides };
}

export function scratchDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'perfgate-http-'));
}

/**
 * A start command that records the group id first: `sh -c` runs detached, so the shell's own
 * pid ($$) is the id of the service's process group.
 */
export function recordingGroup(command: string, file: string): string {
  return `echo $$ > '${file}'; exec ${command}`;
}

export function readNumber(file: string): number {
  return Number(readFileSync(file, 'utf8').trim());
}

/** Pids of the processes in a group that still run (zombies, killed but not yet reaped, do not). */
export function liveMembers(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(group) === pgid && state !== 'Z') pids.push(Number(entry));
  }
  return pids;
}
