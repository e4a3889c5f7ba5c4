/**
 * Which suites each matrix shard runs. Every shard job computes the plan on its own, so it must
 * come out the same everywhere from the same inputs: no clock, no randomness, no hash order.
 */

export type ShardMethod = 'durations' | 'round-robin';

/**
 * The duration each suite is expected to take: its recorded one, or the median of the recorded
 * ones when it has none (a suite new since the baseline). Null when no suite has a record.
 */
export function expectedDurations(suites: readonly string[], durations: Readonly<Record<string, number>> | undefined): Map<string, number> | null {
  const known = suites.filter((s) => isDuration(durations?.[s]));
  if (known.length === 0) return null;
  const median = medianOf(known.map((s) => durations![s]!));
  return new Map(suites.map((s) => [s, isDuration(durations?.[s]) ? durations![s]! : median]));
}

/** How `planShards` will split these suites. */
export function shardMethod(suites: readonly string[], durations: Readonly<Record<string, number>> | undefined): ShardMethod {
  return expectedDurations(suites, durations) ? 'durations' : 'round-robin';
}

/**
 * Splits `suites` (in configuration order) into `count` shards, each listed in configuration
 * order. With recorded durations: longest processing time first — the longest suite goes to the
 * least loaded shard (equal durations in configuration order; equal loads to the shard with fewer
 * suites, then the lower index, so that suites recorded as 0 ms still spread). Without any:
 * round-robin. Every suite lands in exactly one shard; with more shards than suites, the last
 * shards are empty.
 */
export function planShards(suites: readonly string[], durations: Readonly<Record<string, number>> | undefined, count: number): string[][] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`expected a whole number of shards >= 1, got ${count}`);
  const shards: string[][] = Array.from({ length: count }, () => []);
  const expected = expectedDurations(suites, durations);
  if (!expected) {
    suites.forEach((suite, i) => shards[i % count]!.push(suite));
    return shards;
  }
  const order = new Map(suites.map((s, i) => [s, i]));
  const longestFirst = [...suites].sort((a, b) => expected.get(b)! - expected.get(a)! || order.get(a)! - order.get(b)!);
  const loads = new Array<number>(count).fill(0);
  for (const suite of longestFirst) {
    let target = 0;
    for (let k = 1; k < count; k++) {
      const lighter = loads[k]! < loads[target]! || (loads[k] === loads[target] && shards[k]!.length < shards[target]!.length);
      if (lighter) target = k;
    }
    shards[target]!.push(suite);
    loads[target]! += expected.get(suite)!;
  }
  for (const shard of shards) shard.sort((a, b) => order.get(a)! - order.get(b)!);
  return shards;
}

function isDuration(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
