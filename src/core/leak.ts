import type { MetricSummary } from './model.js';
import { formatValue } from './render/format.js';

/** The metric tinybench rounds carry: heap kept per iteration after a full collection, in bytes. */
export const HEAP_GROWTH = 'heap-growth';

/**
 * Below this, heap kept per iteration is noise: measured with runners/heap-probe.ts, benchmarks
 * that keep nothing (loops, JSON round trips, large temporary arrays) read 0 B in most rounds and
 * at most 11 B in a first one, while keeping one `{ a: 1 }` per call reads 32 B every time.
 */
export const LEAK_BYTES_PER_ITERATION = 16;

/** Rounds needed before a median says "every time", not "once". */
const LEAK_MIN_ROUNDS = 3;

/** A reason when the head's rounds keep memory call after call; null when they do not. */
export function possibleLeak(head: MetricSummary): string | null {
  // The mean too: a probe of async work reads jumps of several KiB either way (pending promises,
  // the event loop's own allocations), and four such rounds measured here (-16,047, -964, 1,219
  // and 1,327 B) have a median of 127 B although the heap did not grow on the whole.
  if (head.rounds < LEAK_MIN_ROUNDS || head.median < LEAK_BYTES_PER_ITERATION || head.mean < LEAK_BYTES_PER_ITERATION) return null;
  return `possible leak: the heap keeps about ${formatValue(head.median, 'B')} per iteration (median of ${head.rounds} rounds, after full collections)`;
}
