import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TinybenchSuiteSettings } from '../../src/config/settings.js';

export const SUITES = path.join(import.meta.dirname, '..', 'fixtures', 'suites');

/** Short budgets so that a test runs many rounds in well under a second per suite. */
export function suite(name: string, file: string, overrides: Partial<TinybenchSuiteSettings> = {}): TinybenchSuiteSettings {
  return {
    type: 'tinybench',
    name,
    file: path.isAbsolute(file) ? file : path.join(SUITES, file),
    rounds: 3,
    timeMs: 60,
    warmupMs: 10,
    minSamples: 30,
    timeoutMs: 3000,
    thresholds: {},
    benchmarks: {},
    ...overrides,
  };
}

/** True while a process with this pid runs. A zombie (killed, not yet reaped by PID 1) is not running. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
  if (process.platform !== 'linux') return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/**
 * The share of sample pairs (earlier, later) in which the later one is faster: 1 for a strictly
 * falling series, 0 for a sorted rising one. Rank-based, so a few pauses from a busy machine
 * cannot flip it the way they can shift a difference of means or medians.
 */
export function fallOverTime(samples: readonly number[]): number {
  let falling = 0;
  let pairs = 0;
  for (let i = 0; i < samples.length; i++) {
    for (let j = i + 1; j < samples.length; j++) {
      pairs++;
      if (samples[j]! < samples[i]!) falling++;
    }
  }
  return pairs === 0 ? 0 : falling / pairs;
}
