import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How much heap a benchmark keeps per iteration: the heap after a full collection, before and
 * after extra iterations that nothing records. Done apart from the timed iterations, because
 * their recorded samples grow the heap too, and a forced collection inside them would be timed.
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

/** Iterations of the probe: enough for a leak to outgrow the collector's noise, within the round's budget. */
export function probeIterations(measured: number): number {
  return Math.min(500, Math.max(4, Math.ceil(measured / 8)));
}

/**
 * Bytes of heap still in use per iteration, null without a collector. `run(n)` runs n iterations.
 * Runs of n and 2n iterations are compared, after a run that warms the probe itself: what any run
 * costs once (compiled code, caches filled on first use) cancels, what each iteration keeps does not.
 */
export async function heapGrowthPerIteration(run: (iterations: number) => Promise<void>, iterations: number): Promise<number | null> {
  const gc = fullGc();
  if (!gc) return null;
  await run(iterations);
  const kept = async (n: number) => {
    gc();
    gc(); // the second pass finalises what the first only marked (weak references, finalizers)
    const before = process.memoryUsage().heapUsed;
    await run(n);
    gc();
    gc();
    return process.memoryUsage().heapUsed - before;
  };
  const once = await kept(iterations);
  const twice = await kept(2 * iterations);
  return (twice - once) / iterations;
}
