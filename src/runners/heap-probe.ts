import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How much heap a benchmark keeps per iteration: the heap after full collections, before and
 * after extra iterations that nothing records. Done apart from the timed iterations, because
 * their recorded samples grow the heap too, and a forced collection inside them would be timed.
 *
 * Measured here: the heap after two full collections still jumps by ~220 KB now and then (code
 * and feedback the probe itself creates), which is 400 B per iteration over 500 iterations. Runs
 * of n and 2n iterations are compared, so what any run costs once cancels, and the median of five
 * such pairs drops the jumps: benchmarks that keep nothing then read 0 B, one that keeps a small
 * object per call reads 32 B, every time. Differences under 4 KiB count as none.
 */
let collect: (() => void) | null | undefined;

/** A full garbage collection, or null where V8 refuses to expose it. */
export function fullGc(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  } catch {
    collect = null;
  }
  return collect;
}

const PAIRS = 5;
/** A probe runs 16 n iterations: a warm-up of n, then five pairs of n and 2n. */
const RUNS_PER_N = 1 + PAIRS * 3;
const MAX_N = 1000;
/**
 * Below this, a difference between the n and 2n runs is the heap's own bookkeeping: a sort that
 * keeps nothing read 448 B over 8 iterations. With few iterations a leak must be large to be seen.
 */
const RESOLUTION_BYTES = 4096;
const MIN_N = 4;

/** The probe's share of a task's measuring time in a round, for its iterations. */
export function probeBudgetMs(timePerTaskMs: number): number {
  return timePerTaskMs / 4;
}

/** For its collections, whose cost depends on the suite's live heap, not on the task. */
export function collectionBudgetMs(timePerTaskMs: number): number {
  return timePerTaskMs;
}

/** A leak verdict needs three probed rounds (core/leak.ts); a fourth keeps one odd round from deciding. */
const PROBED_ROUNDS = 4;

/**
 * The probe's budget in this round (1-based), in rounds' shares; 0 when this round does not probe.
 * A full collection costs milliseconds whatever the task, so the probe's 22 rarely fit in one
 * round's share (50 ms per task at the defaults of 1 s over 20 rounds). Probing every k-th round
 * with k shares costs the same in total, and the probe fits.
 */
export function heapProbeScale(round: number, rounds: number): number {
  const every = Math.max(1, Math.floor(rounds / PROBED_ROUNDS));
  return (round - 1) % every === 0 ? every : 0;
}

/**
 * Iterations n of one probe run, so that the probe's iterations take about its budget; null when
 * even the smallest probe would not fit.
 */
export function probeIterations(timePerTaskMs: number, meanIterationMs: number): number | null {
  if (!(meanIterationMs > 0)) return MAX_N;
  const n = Math.floor(probeBudgetMs(timePerTaskMs) / (RUNS_PER_N * meanIterationMs));
  return n < MIN_N ? null : Math.min(MAX_N, n);
}

/**
 * Bytes of heap still in use per iteration (median of five pairs); null without a collector, or
 * when the probe's 22 full collections would not fit in `budgetMs` (a full collection costs in
 * proportion to the live heap, and a suite may hold hundreds of megabytes of fixtures).
 */
export async function heapGrowthPerIteration(run: (iterations: number) => Promise<void>, n: number, budgetMs: number): Promise<number | null> {
  const gc = fullGc();
  if (!gc) return null;
  gc(); // collects what the timed iterations left, which costs more than the probe's collections will
  const started = performance.now();
  gc();
  if ((performance.now() - started) * (4 * PAIRS + 2) > budgetMs) return null;
  const kept = async (iterations: number) => {
    gc();
    gc(); // the second pass finalises what the first only marked (weak references, finalizers)
    const before = process.memoryUsage().heapUsed;
    await run(iterations);
    gc();
    gc();
    return process.memoryUsage().heapUsed - before;
  };
  await run(n);
  const growth: number[] = [];
  for (let pair = 0; pair < PAIRS; pair++) {
    const once = await kept(n);
    const twice = await kept(2 * n);
    growth.push(Math.abs(twice - once) < RESOLUTION_BYTES ? 0 : (twice - once) / n);
  }
  return growth.sort((a, b) => a - b)[PAIRS >> 1]!;
}
