import { spawn } from 'node:child_process';
import { killProcessTree, trackProcessTree, waitForProcessTreeExit } from '../process-tree.js';
import { sampleGroupUsage } from '../process-usage.js';
import { OutputTail } from '../output-tail.js';

/**
 * One run of a shell command as its own process group, timed from the outside (wall) and from
 * the inside: the shell's `times` builtin reports the CPU time of every child it waited for, so
 * the user and system time of the whole process tree are exact, unlike /proc sampling, which
 * cannot see a process that lives shorter than its interval. Peak RSS comes from sampling.
 */
export interface TimedRunOptions {
  command: string;
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  wrapper?: readonly string[];
  signal?: AbortSignal;
  /** Sample memory; off for untimed runs (warm-up, prepare). */
  measureMemory?: boolean;
}

const DRAIN_MS = 500;

export type TimedRun =
  | { ok: true; wallMs: number; userMs: number | null; systemMs: number | null; peakRssBytes: number | null }
  | { ok: false; reason: string };

export async function timedRun(options: TimedRunOptions): Promise<TimedRun> {
  options.signal?.throwIfAborted();
  // fd 3 carries `times`; the command itself must not inherit it (a daemon would hold it open).
  const script = `{\n${options.command}\n} 3>&-\n__perfgate_status=$?\ntimes >&3\nexit $__perfgate_status\n`;
  const [program, ...prefix] = options.wrapper && options.wrapper.length > 0 ? [...options.wrapper, 'sh'] : ['sh'];
  const started = performance.now();
  const child = spawn(program as string, [...prefix, '-c', script], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: process.platform !== 'win32',
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const untrack = trackProcessTree(child);
  const sampler = options.measureMemory && child.pid !== undefined ? sampleGroupUsage(child.pid) : undefined;
  const tail = new OutputTail(5);
  let times = '';
  child.stdout!.setEncoding('utf8').on('data', tail.stream());
  child.stderr!.setEncoding('utf8').on('data', tail.stream());
  const timesPipe = child.stdio[3] as NodeJS.ReadableStream;
  timesPipe.setEncoding('utf8');
  timesPipe.on('data', (chunk: string) => (times += chunk));

  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killProcessTree(child);
  }, options.timeoutMs);
  const onAbort = () => killProcessTree(child);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null } | Error>((resolve) => {
    child.once('error', (error) => resolve(error));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const wallMs = performance.now() - started;
  clearTimeout(timer);
  options.signal?.removeEventListener('abort', onAbort);
  const usage = sampler?.stop();
  killProcessTree(child); // whatever the command left running
  await waitForProcessTreeExit(child);
  untrack();
  // The pipes close once the last holder is gone; a process that escaped the group may hold one.
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, DRAIN_MS))]);
  options.signal?.throwIfAborted();

  const output = tail.text();
  const said = output ? `: ${output}` : '';
  if (exit instanceof Error) return { ok: false, reason: `could not start (${exit.message})` };
  if (timedOut) return { ok: false, reason: `timed out after ${Math.round(options.timeoutMs)} ms${said}` };
  if (exit.signal) return { ok: false, reason: `was killed by ${exit.signal}${said}` };
  if (exit.code !== 0) return { ok: false, reason: `exited with code ${exit.code}${said}` };
  const cpu = parseChildTimes(times);
  return { ok: true, wallMs, userMs: cpu?.userMs ?? null, systemMs: cpu?.systemMs ?? null, peakRssBytes: usage?.peakRssBytes ?? null };
}

/**
 * `times` prints the shell's own user and system time, then its children's, as "0m0.012s" (bash)
 * or "0m0.012000s" (dash). The second line is the command's tree.
 */
export function parseChildTimes(text: string): { userMs: number; systemMs: number } | null {
  const line = text.split('\n').filter((l) => l.trim() !== '')[1];
  const match = line ? /^(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s$/.exec(line.trim()) : null;
  if (!match) return null;
  const ms = (minutes: string, seconds: string) => (Number(minutes) * 60 + Number(seconds)) * 1000;
  return { userMs: ms(match[1]!, match[2]!), systemMs: ms(match[3]!, match[4]!) };
}
