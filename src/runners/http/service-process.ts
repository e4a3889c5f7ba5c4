import { spawn } from 'node:child_process';
import { killProcessTree, trackProcessTree, waitForProcessTreeExit } from '../process-tree.js';
import { OutputTail } from '../output-tail.js';

export interface ServiceOptions {
  /** Run with `sh -c`. */
  command: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Prefix, e.g. ['taskset', '-c', '1']. */
  wrapper?: readonly string[];
}

export interface ServiceProcess {
  /** Also the id of its process group; undefined when it could not be started. */
  readonly pid: number | undefined;
  readonly output: OutputTail;
  /** Settles when the service's main process is gone, with why: "exited with code 1". */
  readonly exited: Promise<string>;
  /** Why the main process is gone, or undefined while it runs. */
  exitReason(): string | undefined;
  /**
   * SIGTERM to the whole group, SIGKILL to whatever is left after `graceMs`; resolves when no
   * member runs any more. True when the service had to be killed.
   */
  stop(graceMs: number): Promise<boolean>;
}

/** Starts the service as the leader of its own process group, so that one kill reaches everything it starts. */
export function startService(options: ServiceOptions): ServiceProcess {
  const argv = [...(options.wrapper ?? []), 'sh', '-c', options.command];
  const child = spawn(argv[0] as string, argv.slice(1), {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const untrack = trackProcessTree(child);
  const output = new OutputTail();
  child.stdout.setEncoding('utf8').on('data', output.stream());
  child.stderr.setEncoding('utf8').on('data', output.stream());

  let reason: string | undefined;
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve((reason ??= `could not be started (${error.message})`)));
    child.once('exit', (code, signal) => resolve((reason ??= signal ? `was killed by ${signal}` : `exited with code ${code}`)));
  });

  let stopping: Promise<boolean> | undefined;
  const stop = async (graceMs: number): Promise<boolean> => {
    let forced = false;
    if (child.pid !== undefined) {
      signalGroup(child.pid, 'SIGTERM');
      const started = performance.now();
      await waitForProcessTreeExit(child, graceMs);
      // The wait returns before the deadline only when the group is gone; past it, kill decides.
      forced = performance.now() - started >= graceMs && signalGroup(child.pid, 0);
      killProcessTree(child);
      await waitForProcessTreeExit(child);
    }
    untrack();
    // A member that left the group may still hold the pipes open: stop reading, do not wait.
    child.stdout.destroy();
    child.stderr.destroy();
    return forced;
  };

  return {
    pid: child.pid,
    output,
    exited,
    exitReason: () => reason,
    stop: (graceMs) => (stopping ??= stop(graceMs)),
  };
}

/** False when the group no longer exists. */
function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}
