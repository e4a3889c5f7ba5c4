/**
 * Runs the built perfgate CLI end to end in a scratch repository, the way a user would, and reads
 * back what it wrote. Exit statuses 2 and 3 (and crashes, hangs, unreadable files) are outcomes to
 * record, not reasons to stop the harness.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Report, Results } from '../src/core/model.js';

export interface CliRun {
  exitCode: number | null;
  signal: string | null;
  seconds: number;
  /** The last lines perfgate printed on stderr, for runs that went wrong. */
  stderrTail: string;
}

export interface CliOutputs {
  head: Results | null;
  base: Results | null;
  report: Report | null;
  /** Files that were missing or not JSON, with why. */
  problems: string[];
}

/** A run taking longer than this is stuck: perfgate's own per-round timeout should fire long before. */
const HANG_LIMIT_MS = 20 * 60_000;

/** Time perfgate gets to remove its worktree and round processes after SIGTERM. */
const GRACE_MS = 15_000;

export async function runPerfgate(cli: string, args: string[], cwd: string, logFile: string, signal?: AbortSignal): Promise<CliRun> {
  const started = process.hrtime.bigint();
  const log = createWriteStream(logFile);
  let tail = '';
  const child = spawn(process.execPath, [cli, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log, { end: false });
  child.stderr.on('data', (chunk: Buffer) => {
    log.write(chunk);
    tail = (tail + chunk.toString()).slice(-4000);
  });
  // SIGTERM first: perfgate cleans up its base worktree and round processes on it.
  let killer: NodeJS.Timeout | undefined;
  const stop = () => {
    child.kill('SIGTERM');
    killer ??= setTimeout(() => child.kill('SIGKILL'), GRACE_MS);
  };
  const timer = setTimeout(stop, HANG_LIMIT_MS);
  signal?.addEventListener('abort', stop, { once: true });
  const outcome = await new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    child.on('error', (error) => {
      tail += `\n${error.message}`;
      resolve({ code: null, signal: null });
    });
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  clearTimeout(timer);
  clearTimeout(killer);
  signal?.removeEventListener('abort', stop);
  await new Promise<void>((resolve) => log.end(resolve));
  return {
    exitCode: outcome.code,
    signal: outcome.signal,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    stderrTail: tail.trim().split('\n').slice(-5).join('\n'),
  };
}

export async function readOutputs(outDir: string): Promise<CliOutputs> {
  const problems: string[] = [];
  const read = async <T>(name: string): Promise<T | null> => {
    try {
      return JSON.parse(await readFile(path.join(outDir, name), 'utf8')) as T;
    } catch (error) {
      problems.push(`${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      return null;
    }
  };
  return {
    head: await read<Results>('results.json'),
    base: await read<Results>('base-results.json'),
    report: await read<Report>('report.json'),
    problems,
  };
}
