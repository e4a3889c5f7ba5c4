/**
 * What the runner (parent) and one round process (child) exchange through files. Files, not
 * stdout: the user's suite may print anything, and a crash must not leave half a message.
 */

/** The job of one round process, written by the parent as JSON; its path is argv[2]. */
export interface RoundJob {
  /** The suite file, absolute. */
  suiteFile: string;
  /** Measuring time per task in this round, ms (a minimum, as in tinybench). */
  timePerTaskMs: number;
  /** Warm-up time per task in this round, ms. */
  warmupMs: number;
  /** Samples per task the round aims for when the time allows. */
  minIterations: number;
  /** Where the child writes its RoundOutcome (atomically) once every task has run. */
  resultPath: string;
  /** Where the child notes which tasks the suite has and which one is running, so that a crash
   * can still be blamed on the right benchmarks. */
  statusPath?: string;
  /** Tasks that failed in an earlier round: not run again. */
  skipTasks?: string[];
  /** When set, only these tasks run (confirmation rounds for suspected benchmarks). */
  onlyTasks?: string[];
  /** The heap probe's budget in rounds' shares (heap-probe.ts); 0: no probe this round. Absent: 1. */
  heapProbeScale?: number;
}

export interface TaskOutcome {
  name: string;
  /** Iteration durations in ms, in the order they were measured. Empty when `error` is set. */
  samples: number[];
  /** One line: the message's first line and where it was thrown. */
  error?: string;
  /** Heap kept per iteration after a full collection (heap-probe.ts), when it could be measured. */
  heapGrowthBytes?: number;
}

export interface RoundOutcome {
  tasks: TaskOutcome[];
  warnings: string[];
  heapUsedBytes?: number;
  /** The suite as a whole could not run (import failed, bad default export, no tasks). */
  error?: string;
}

export interface RoundStatus {
  tasks: string[];
  /** The task being measured when the status was written. */
  current?: string;
}

/** Reads an outcome a child wrote; returns a reason instead of throwing when it is malformed. */
export function parseRoundOutcome(text: string): RoundOutcome | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `an unreadable result file (${(error as Error).message})`;
  }
  const outcome = value as Partial<RoundOutcome> | null;
  if (!outcome || !Array.isArray(outcome.tasks) || !Array.isArray(outcome.warnings)) return 'a result file of unexpected shape';
  for (const task of outcome.tasks as Partial<TaskOutcome>[]) {
    if (typeof task?.name !== 'string' || !Array.isArray(task.samples) || !task.samples.every((s) => typeof s === 'number')) {
      return 'a result file of unexpected shape';
    }
  }
  return outcome as RoundOutcome;
}
