import type { Direction, Statistic } from './model.js';
import type { LogSeries } from './merge-log.js';

export interface ChangePointOptions {
  /** Significance level of the permutation test of each split. */
  alpha: number;
  /** Permutations per test. */
  permutations: number;
  /** Smallest relative shift between the two segments' medians that is reported (0.05 = 5%). */
  minShift: number;
  /** Fewest points on each side of a split. */
  minSegment: number;
  /** Only the newest this many points of a series are searched. */
  window: number;
  /** Seed of the permutations, so that the same history always gives the same answer. */
  seed: number;
}

/** A shift in one series: the points from `index` on sit at a different level than those before. */
export interface ChangePoint {
  /** Index (into the searched values) of the first point at the new level. */
  index: number;
  /** Median of the segment before, and of the segment after (up to the next change point). */
  before: number;
  after: number;
  /** after / before */
  ratio: number;
  /** Permutation p-value of the split. */
  p: number;
}

/** A change point of a benchmark metric on main, attributed to the merges that brought it. */
export interface LogChangePoint extends ChangePoint {
  id: string;
  metric: string;
  unit: string;
  direction: Direction;
  statistic: Statistic;
  /** The first merge at the new level. */
  commit: string;
  time: string;
  /** The last merge at the old level: the shift came in the range (previousCommit, commit]. */
  previousCommit: string;
  /** True when the new level is worse for this metric's direction. */
  worse: boolean;
}

export function detectChangePoints(_values: readonly number[], _options?: Partial<ChangePointOptions>): ChangePoint[] {
  throw new Error('being written');
}

export function logChangePoints(_series: readonly LogSeries[], _options?: Partial<ChangePointOptions>): LogChangePoint[] {
  throw new Error('being written');
}
