import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { summarizeStderr } from './error-text.js';
import { killProcessTree, trackProcessTree, waitForProcessTreeExit } from './process-tree.js';
import { parseRoundOutcome, type RoundJob, type RoundOutcome, type RoundStatus } from './round-protocol.js';
import type { RoundScript } from './round-script.js';

export type RoundProcessResult =
  | { ok: true; outcome: RoundOutcome; elapsedMs: number }
  /** `reason` reads after "round N ": "timed out after 3000 ms", "exited with code 7: Error: ...". */
  | { ok: false; reason: string; status?: RoundStatus; elapsedMs: number };

export interface RoundProcessOptions {
  script: RoundScript;
  /** Flags the suite needs (TypeScript loaders). */
  flags: string[];
  job: RoundJob;
  jobPath: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** A command that runs node, e.g. ['taskset', '-c', '1']. */
  wrapper?: readonly string[];
}

/** How much of the child's stderr is kept: its end is what explains a crash. */
const STDERR_TAIL = 16 * 1024;
/** After the child exits, how long its pipes may take to drain before they are cut. */
const DRAIN_MS = 1000;

/** Runs one round in a fresh process. Rejects only when `signal` aborts it. */
export async function runRoundProcess(options: RoundProcessOptions): Promise<RoundProcessResult> {
  const { script, job, signal } = options;
  signal?.throwIfAborted();
  writeFileSync(options.jobPath, JSON.stringify(job));
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);

  const args = [...script.execArgv, ...options.flags, script.path, options.jobPath];
  const [command, ...prefix] = options.wrapper && options.wrapper.length > 0 ? [...options.wrapper, process.execPath] : [process.execPath];
  const child = spawn(command as string, [...prefix, ...args], {
    detached: process.platform !== 'win32',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const untrack = trackProcessTree(child);
  let stderr = '';
  child.stdout.resume(); // the suite's own output: drained so that it never blocks the child
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL);
  });

  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killProcessTree(child);
  }, options.timeoutMs);
  const onAbort = () => killProcessTree(child);
  signal?.addEventListener('abort', onAbort, { once: true });

  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null } | Error>((resolve) => {
    child.once('error', (error) => resolve(error));
    child.once('exit', (code, exitSignal) => resolve({ code, signal: exitSignal }));
  });
  clearTimeout(timer);
  signal?.removeEventListener('abort', onAbort);
  killProcessTree(child); // the suite's own children, if it left any
  await waitForProcessTreeExit(child);
  untrack();
  await new Promise<void>((resolve) => {
    const cut = setTimeout(resolve, DRAIN_MS); // a pipe held open by an escaped process
    void closed.then(() => {
      clearTimeout(cut);
      resolve();
    });
  });
  child.stdout.destroy();
  child.stderr.destroy();
  signal?.throwIfAborted();

  const fail = (what: string, hint = ''): RoundProcessResult => {
    const status = readStatus(job.statusPath);
    const during = status?.current !== undefined ? ` during "${status.current}"` : '';
    const detail = summarizeStderr(stderr);
    const reason = `${what}${during}${hint}${detail ? `: ${detail}` : ''}`;
    return { ok: false, reason, ...(status ? { status } : {}), elapsedMs: elapsed() };
  };
  if (exit instanceof Error) return fail(`could not start (${exit.message})`);
  if (timedOut) return fail(`timed out after ${options.timeoutMs} ms`);
  if (exit.signal) return fail(`was killed by ${exit.signal}`);
  if (exit.code !== 0) return fail(`exited with code ${exit.code}`);
  let text: string;
  try {
    text = readFileSync(job.resultPath, 'utf8');
  } catch {
    return fail('exited with code 0', ' before writing its results (does the suite call process.exit()?)');
  }
  const outcome = parseRoundOutcome(text);
  if (typeof outcome === 'string') return fail(`wrote ${outcome}`);
  return { ok: true, outcome, elapsedMs: elapsed() };
}

function readStatus(file: string | undefined): RoundStatus | undefined {
  if (!file) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RoundStatus;
  } catch {
    return undefined;
  }
}
