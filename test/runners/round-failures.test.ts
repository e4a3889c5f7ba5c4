import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchmarkResult } from '../../src/core/model.js';
import { runSuites, type SuitesRun } from '../../src/runners/run-suites.js';
import { isAlive, suite } from './suites.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'perfgate-failures-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function byId(run: SuitesRun, id: string): BenchmarkResult {
  const found = run.benchmarks.find((b) => b.id === id);
  if (!found) throw new Error(`no ${id} in ${run.benchmarks.map((b) => b.id).join(', ')}`);
  return found;
}

describe('runSuites: suites that fail', () => {
  let run: SuitesRun;
  const progress: string[] = [];
  const pidFile = path.join(scratch, 'grandchild.pid');

  beforeAll(async () => {
    process.env.PERFGATE_TEST_PIDFILE = pidFile;
    run = await runSuites(
      [
        suite('import', 'throws-at-import.bench.mjs'),
        suite('task', 'task-throws.bench.mjs'),
        suite('exits', 'exits.bench.mjs'),
        suite('crashes', 'crashes.bench.mjs'),
        suite('killed', 'killed.bench.mjs'),
        suite('hangs', 'hangs.bench.mjs', { timeoutMs: 1500 }),
        suite('export', 'bad-export.bench.mjs'),
      ],
      { seed: 1, onProgress: (line) => progress.push(line) },
    );
  });

  it('blames a suite that never listed its tasks on suite/*', () => {
    expect(byId(run, 'import/*')).toEqual({
      id: 'import/*',
      suite: 'import',
      name: '*',
      metrics: [],
      error: 'round 1: the suite failed to load: Error: cannot load this suite at test/fixtures/suites/throws-at-import.bench.mjs:2:7',
    });
    expect(byId(run, 'export/*').error).toMatch(/^round 1: the suite must export default a function/);
  });

  it('fails only the task that throws, and the other suites do not stop the rest', () => {
    expect(byId(run, 'task/fine').error).toBeUndefined();
    expect(byId(run, 'task/fine').metrics[0]?.rounds).toHaveLength(3);
    expect(byId(run, 'task/broken')).toMatchObject({
      metrics: [],
      error: 'round 1: TypeError: task exploded at test/fixtures/suites/task-throws.bench.mjs:5:11',
    });
  });

  it('explains a process that exits early, crashes or is killed, on every benchmark it listed', () => {
    for (const id of ['exits/before exit', 'exits/exit in task']) {
      expect(byId(run, id)).toMatchObject({
        metrics: [],
        error: 'round 1 exited with code 0 during "exit in task" before writing its results (does the suite call process.exit()?)',
      });
    }
    expect(byId(run, 'crashes/throws later').error).toBe(
      'round 1 exited with code 1 during "throws later": RangeError: boom from a timer at test/fixtures/suites/crashes.bench.mjs:5:13',
    );
    expect(byId(run, 'killed/kills itself').error).toBe('round 1 was killed by SIGKILL during "kills itself"');
  });

  it('kills a suite that runs past its timeout, grandchildren included', () => {
    expect(byId(run, 'hangs/spins forever').error).toBe('round 1 timed out after 1500 ms during "spins forever"');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(pid).toBeGreaterThan(0);
    expect(isAlive(pid)).toBe(false);
  });

  it('runs no more rounds of a suite after it failed', () => {
    for (const name of ['import', 'exits', 'crashes', 'killed', 'hangs', 'export']) {
      const lines = progress.filter((line) => line.includes(`  ${name} `));
      expect(lines).toEqual([expect.stringMatching(new RegExp(`^round 1/3  ${name} error: round 1`))]);
    }
    expect(progress.filter((line) => line.includes('  task '))).toHaveLength(3);
  });
});

describe('runSuites: abort', () => {
  it('kills the running round and its children when aborted, then rejects', async () => {
    const pidFile = path.join(scratch, 'aborted.pid');
    process.env.PERFGATE_TEST_PIDFILE = pidFile;
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 700);
    const started = Date.now();
    await expect(runSuites([suite('hangs', 'hangs.bench.mjs', { timeoutMs: 60_000 })], { signal: controller.signal })).rejects.toThrow('stop');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(isAlive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
  });

  it('takes the round and its children down when perfgate itself is terminated', async () => {
    const pidFile = path.join(scratch, 'terminated.pid');
    const tmp = path.join(scratch, 'tmp'); // where the terminated run keeps its job files
    mkdirSync(tmp);
    const parent = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'drive-hanging-run.ts')], {
      env: { ...process.env, PERFGATE_TEST_PIDFILE: pidFile, TMPDIR: tmp },
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => parent.once('exit', (_code, signal) => resolve(signal)));
    while (!existsSync(pidFile)) await new Promise((resolve) => setTimeout(resolve, 20));
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    parent.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM'); // the default action still happens after the cleanup
    const deadline = Date.now() + 2000;
    while (isAlive(grandchild) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(isAlive(grandchild)).toBe(false);
    expect(readdirSync(tmp).filter((name) => name.startsWith('perfgate-'))).toEqual([]);
  });
});
