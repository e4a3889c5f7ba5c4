import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandSuiteSettings } from '../../../src/config/settings.js';
import type { BenchmarkResult } from '../../../src/core/model.js';
import { parseChildTimes } from '../../../src/runners/command/timed-run.js';
import { runSuites } from '../../../src/runners/run-suites.js';
import { isAlive } from '../suites.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'perfgate-command-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function commandSuite(name: string, commands: Record<string, string>, overrides: Partial<CommandSuiteSettings> = {}): CommandSuiteSettings {
  return { type: 'command', name, commands, cwd: scratch, env: {}, rounds: 3, warmupRuns: 0, timeoutMs: 20_000, thresholds: {}, benchmarks: {}, ...overrides };
}

const node = JSON.stringify(process.execPath);
const byId = (benchmarks: BenchmarkResult[], id: string) => benchmarks.find((b) => b.id === id)!;
const metric = (b: BenchmarkResult, name: string) => b.metrics.find((m) => m.name === name)!;

describe('command suites', () => {
  it('times each command once per round: wall time, the CPU time of its whole tree, and peak RSS', async () => {
    const run = await runSuites([
      commandSuite('cli', {
        // Burns 200 ms of CPU in a grandchild: the shell's `times` must count it.
        spin: `${node} -e "require('child_process').execFileSync(process.execPath, ['-e', 'while (process.cpuUsage().user < 200000);'])"`,
        // Holds 96 MiB resident for 300 ms, long enough for the sampler to see it.
        memory: `${node} -e "const b = Buffer.alloc(96 * 1024 * 1024, 1); setTimeout(() => b.length, 300)"`,
      }),
    ]);
    const spin = byId(run.benchmarks, 'cli/spin');
    expect(spin.error).toBeUndefined();
    expect(spin.metrics.map((m) => [m.name, m.unit, m.direction])).toEqual([
      ['latency', 'ms', 'smaller'],
      ['cpu-user', 'ms', 'smaller'],
      ['cpu-system', 'ms', 'smaller'],
      ['rss', 'B', 'smaller'],
    ]);
    for (const m of spin.metrics) expect(m.rounds!.map((r) => r.length)).toEqual([1, 1, 1]);
    for (const [user] of metric(spin, 'cpu-user').rounds!) expect(user).toBeGreaterThanOrEqual(200);
    for (const [wall] of metric(spin, 'latency').rounds!) expect(wall).toBeGreaterThanOrEqual(200);
    const memory = byId(run.benchmarks, 'cli/memory');
    for (const [rss] of metric(memory, 'rss').rounds!) expect(rss).toBeGreaterThanOrEqual(96 * 1024 * 1024);
  });

  it('runs the warm-up runs once per side and the prepare command before every run', async () => {
    const counter = path.join(scratch, 'runs.txt');
    const prepared = path.join(scratch, 'prepared.txt');
    const run = await runSuites([commandSuite('count', { append: `echo run >> ${counter}` }, { rounds: 3, warmupRuns: 2, prepare: `echo prepare >> ${prepared}` })]);
    expect(run.benchmarks[0]!.error).toBeUndefined();
    expect(readFileSync(counter, 'utf8').split('\n').filter(Boolean)).toHaveLength(5);
    expect(readFileSync(prepared, 'utf8').split('\n').filter(Boolean)).toHaveLength(5);
    expect(metric(run.benchmarks[0]!, 'latency').rounds).toHaveLength(3);
  });

  it('reports a failing command, a failing prepare step and a timeout as errors of their benchmark, with the last output', async () => {
    const run = await runSuites([
      commandSuite('bad', { exits: 'echo starting; echo boom >&2; exit 3', slow: 'sleep 5' }, { timeoutMs: 300 }),
      commandSuite('unprepared', { ok: 'true' }, { prepare: 'echo no cache >&2; exit 9' }),
    ]);
    expect(byId(run.benchmarks, 'bad/exits').error).toBe('round 1: the command exited with code 3: starting | boom');
    expect(byId(run.benchmarks, 'bad/slow').error).toBe('round 1: the command timed out after 300 ms');
    expect(byId(run.benchmarks, 'unprepared/ok').error).toBe('round 1: the prepare command exited with code 9: no cache');
  });

  it('leaves nothing running that the command started in the background', async () => {
    const pidFile = path.join(scratch, 'background.pid');
    const run = await runSuites([commandSuite('bg', { daemon: `sleep 1000 & echo $! > ${pidFile}` }, { rounds: 2 })]);
    expect(run.benchmarks[0]!.error).toBeUndefined();
    expect(isAlive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
  });
});

describe('parseChildTimes', () => {
  it("reads the children's line of bash and dash", () => {
    expect(parseChildTimes('0m0.001s 0m0.002s\n0m1.250s 0m0.125s\n')).toEqual({ userMs: 1250, systemMs: 125 });
    expect(parseChildTimes('0m0.000000s 0m0.004000s\n2m0.500000s 0m0.010000s\n')).toEqual({ userMs: 120_500, systemMs: 10 });
  });

  it('gives null when the shell printed nothing usable', () => {
    expect(parseChildTimes('')).toBeNull();
    expect(parseChildTimes('0m0.001s 0m0.002s\n')).toBeNull();
  });
});
