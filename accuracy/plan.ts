/**
 * Which level each run applies, in a seeded random order: the machine drifts over an hour-long
 * harness, and shuffling spreads that drift over every level alike instead of over the last one.
 */
import { mulberry32, shuffled } from '../src/runners/shuffle.js';

/** No change first, then slowdowns by size, then the speed-up: the order of every table. */
export const LEVELS: readonly number[] = [0, 0.02, 0.05, 0.1, 0.2, -0.05];

/** ≥300 no-change comparisons and ≥100 per other level with the 12-benchmark workload. */
export const DEFAULT_NO_CHANGE_RUNS = 25;
export const DEFAULT_RUNS_PER_LEVEL = 9;

export interface PlanOptions {
  noChangeRuns: number;
  runsPerLevel: number;
  seed: number;
}

export function planLevels({ noChangeRuns, runsPerLevel, seed }: PlanOptions): number[] {
  const runs = LEVELS.flatMap((level) => Array.from({ length: level === 0 ? noChangeRuns : runsPerLevel }, () => level));
  return shuffled(runs, mulberry32(seed));
}

export function formatLevel(level: number): string {
  if (level === 0) return '0%';
  const percent = Math.round(level * 1000) / 10;
  return `${percent > 0 ? '+' : ''}${percent}%`;
}
