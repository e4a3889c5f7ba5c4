import type { Direction, NonEmpty } from '../core/model.js';

/**
 * What every kind of suite (tinybench, command, http) delivers for one round of one side: the
 * round scheduler (round-scheduler.ts) interleaves rounds of base and head and of all suites, and
 * only needs this shape back, whatever ran.
 */
export interface RoundMetric {
  name: string;
  unit: string;
  direction: Direction;
  /** This round's samples in time order (one number for a per-round value such as req/s). */
  samples: NonEmpty<number>;
}

export interface RoundBenchmark {
  name: string;
  metrics: RoundMetric[];
  /** This benchmark failed in this round (its metrics are then ignored); it runs no more rounds. */
  error?: string;
}

export interface SuiteRound {
  benchmarks: RoundBenchmark[];
  warnings: string[];
  /** The whole suite failed in this round (could not start, crashed): it runs no more rounds. */
  error?: string;
}

export interface RoundContext {
  /** 1-based. */
  round: number;
  rounds: number;
  /** 'base' or 'head' in a same-runner run, '' otherwise: for progress lines. */
  side: string;
  /** A scratch folder of this run, removed afterwards. */
  workDir: string;
  /** Only these benchmarks (confirmation rounds); absent: all. */
  onlyTasks?: readonly string[];
  /** Benchmarks that already failed: not run again. */
  skipTasks: readonly string[];
  /** Prefix for every process started, e.g. ['taskset', '-c', '1']. */
  wrapper?: readonly string[];
  /** Aborting stops the round: everything it started is killed, and the promise rejects. */
  signal?: AbortSignal;
  onProgress?: (line: string) => void;
}
