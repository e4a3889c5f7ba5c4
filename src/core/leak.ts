import type { MetricSummary } from './model.js';
import { formatValue } from './render/format.js';

/** The metric tinybench rounds carry: heap kept per iteration after a full collection, in bytes. */
export const HEAP_GROWTH = 'heap-growth';

/**
 * Below this, heap kept per iteration is the collector's noise: measured on benchmarks that keep
 * nothing (loops, JSON round trips, large temporary arrays), the median over rounds stayed within
 * ±1 B while a benchmark that keeps one small object per call showed 55–580 B.
 */
export const LEAK_BYTES_PER_ITERATION = 32;

/** Rounds needed before a median says "every time", not "once". */
const LEAK_MIN_ROUNDS = 3;

/** A reason when the head's rounds keep memory call after call; null when they do not. */
export function possibleLeak(head: MetricSummary): string | null {
  if (head.rounds < LEAK_MIN_ROUNDS || head.median < LEAK_BYTES_PER_ITERATION) return null;
  return `possible leak: the heap keeps about ${formatValue(head.median, 'B')} per iteration (median of ${head.rounds} rounds, after full collections)`;
}
