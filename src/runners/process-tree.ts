import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Round processes run detached, each the leader of its own process group, so that one kill
 * reaches whatever the suite spawned too (servers, workers, `sleep`). Any group still alive when
 * perfgate exits or is interrupted is killed: a benchmark must not outlive the run.
 */
const live = new Set<ChildProcess>();
const cleanups = new Set<() => void>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let hooked = false;

/** Never throws: ESRCH means the group is already gone, and a kill that fails has no fallback. */
export function killProcessTree(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    // Windows has no process groups; there only the child itself can be reached this way.
    if (process.platform === 'win32') child.kill('SIGKILL');
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    // see above
  }
}

/**
 * SIGKILL is sent, not done, when kill() returns: wait until no member of the group runs any more,
 * so that nothing of this round survives it or disturbs the next one. Gives up after `limitMs`.
 */
export async function waitForProcessTreeExit(child: ChildProcess, limitMs = 2000): Promise<void> {
  if (child.pid === undefined || process.platform === 'win32') return;
  const deadline = performance.now() + limitMs;
  while (groupIsRunning(child.pid) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * A killed grandchild stays a zombie until its new parent reaps it, and where PID 1 is not a real
 * init that can take seconds; kill(-pgid, 0) cannot tell, so on Linux /proc decides.
 */
function groupIsRunning(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  if (process.platform !== 'linux') return true;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
    const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(group) === pgid && state !== 'Z') return true;
  }
  return false;
}

export function trackProcessTree(child: ChildProcess): () => void {
  live.add(child);
  hook();
  return () => {
    live.delete(child);
    if (live.size === 0 && cleanups.size === 0) unhook();
  };
}

/** Runs `cleanup` (synchronous) if perfgate exits or is interrupted before the returned undo is called. */
export function cleanUpOnInterrupt(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  hook();
  return () => {
    cleanups.delete(cleanup);
    if (live.size === 0 && cleanups.size === 0) unhook();
  };
}

function killAll(): void {
  for (const child of live) killProcessTree(child);
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      // Exiting anyway; one failed cleanup must not stop the others.
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  killAll();
  unhook();
  // Only stand in for the default action (exit) when nobody else handles the signal.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', killAll);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function unhook(): void {
  if (!hooked) return;
  hooked = false;
  process.off('exit', killAll);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}
