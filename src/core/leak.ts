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
  if (head.rounds < LEAK_MIN_ROUNDS || head.median < LEAK_BYTES_PER_ITERATION) return null;
  return `possible leak: the heap keeps about ${formatValue(head.median, 'B')} per iteration (median of ${head.rounds} rounds, after full collections)`;
}
