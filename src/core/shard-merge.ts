import type { BenchmarkResult, Results } from './model.js';

/**
 * Putting the results of matrix shards back together, so that the verdict can be decided over all
 * benchmarks at once, exactly as a single job would decide it over the same measurements.
 */

export interface PlannedShard {
  index: number;
  count: number;
  suites: readonly string[];
  /** Every shard's suites, as this shard planned them. */
  plan: readonly (readonly string[])[];
  balance: 'durations' | 'round-robin';
  durationsFrom?: string;
}

export interface ShardResults {
  index: number;
  results: Results;
}

/** What went wrong when the shards did not measure every configured suite exactly once, or null. */
export function shardCoverageProblem(configured: readonly string[], shards: readonly PlannedShard[]): string | null {
  const ranIn = new Map<string, number[]>();
  for (const shard of shards) for (const suite of shard.suites) ranIn.set(suite, [...(ranIn.get(suite) ?? []), shard.index]);
  const problems: string[] = [];
  for (const suite of configured) {
    const where = ranIn.get(suite) ?? [];
    if (where.length === 0) problems.push(`suite ${suite} ran in no shard`);
    else if (where.length > 1) problems.push(`suite ${suite} ran in ${shardsText(where)}`);
  }
  const known = new Set(configured);
  for (const [suite, where] of ranIn) {
    if (!known.has(suite)) problems.push(`${shardsText(where)} ran suite ${suite}, which the configuration of this job does not have`);
  }
  if (problems.length === 0) return null;
  const shown = problems.length > 5 ? [...problems.slice(0, 5), `${problems.length - 5} more`] : problems;
  return `${cause(shards)}: ${shown.join('; ')}`;
}

function cause(shards: readonly PlannedShard[]): string {
  const first = shards[0];
  const alike = shards.every((s) => JSON.stringify(s.plan) === JSON.stringify(first?.plan));
  if (alike) return 'the shard jobs read another configuration than this job';
  const how = shards.map((s) => `shard ${s.index}: ${s.balance === 'durations' ? `by durations from ${s.durationsFrom ?? 'a baseline'}` : 'round-robin'}`);
  return `the shards did not split the suites alike (${how.join('; ')}), so each must read the same baseline`;
}

/** "shard 2", "shards 1 and 3", "shards 1, 2 and 4". */
function shardsText(indexes: readonly number[]): string {
  if (indexes.length === 1) return `shard ${indexes[0]}`;
  return `shards ${indexes.slice(0, -1).join(', ')} and ${indexes[indexes.length - 1]}`;
}

/**
 * One results file from the shards' ones: every benchmark once, in configuration order of its
 * suite (as a single job lists them), the first shard's metadata with everyone's suite durations,
 * and the warnings of all. Throws when two shards report the same benchmark.
 */
export function mergeShardResults(parts: readonly ShardResults[], suiteOrder: readonly string[]): Results {
  const sorted = [...parts].sort((a, b) => a.index - b.index);
  const first = sorted[0];
  if (!first) throw new Error('no shard results to merge');
  const from = new Map<string, number>();
  const benchmarks: BenchmarkResult[] = [];
  for (const part of sorted) {
    for (const b of part.results.benchmarks) {
      const earlier = from.get(b.id);
      if (earlier !== undefined) throw new Error(`benchmark ${b.id} was measured by shard ${earlier} and by shard ${part.index}: each benchmark must come from one shard`);
      from.set(b.id, part.index);
      benchmarks.push(b);
    }
  }
  const order = new Map(suiteOrder.map((s, i) => [s, i]));
  const rank = (b: BenchmarkResult) => order.get(b.suite) ?? Number.MAX_SAFE_INTEGER;
  benchmarks.sort((a, b) => rank(a) - rank(b));
  const durations: Record<string, number> = {};
  for (const part of sorted) Object.assign(durations, part.results.meta.durations ?? {});
  const { durations: _first, ...meta } = first.results.meta;
  return {
    ...first.results,
    meta: { ...meta, ...(Object.keys(durations).length > 0 ? { durations } : {}) },
    benchmarks,
    warnings: inSuiteOrder([...new Set(sorted.flatMap((p) => p.results.warnings))], suiteOrder),
  };
}

/**
 * A single job lists a suite's warnings ("suite: ...") in configuration order, and the others
 * (an imported tool's files) after them; stable, so each shard's own order stays.
 */
function inSuiteOrder(warnings: string[], suiteOrder: readonly string[]): string[] {
  const byLength = suiteOrder.map((name, i) => ({ name, i })).sort((a, b) => b.name.length - a.name.length);
  const rank = (w: string) => byLength.find(({ name }) => w.startsWith(`${name}: `))?.i ?? Number.MAX_SAFE_INTEGER;
  return warnings.map((w) => ({ w, r: rank(w) })).sort((a, b) => a.r - b.r).map(({ w }) => w);
}

/** A warning when shards that are compared with a stored baseline ran on different machines. */
export function runnerSpreadWarning(parts: readonly ShardResults[]): string | null {
  const describe = (r: Results) => {
    const m = r.meta.runner;
    return m ? `${m.cpu} × ${m.cores}, ${m.os}, Node ${m.node}` : 'unknown';
  };
  const kinds = new Map<string, number[]>();
  for (const part of [...parts].sort((a, b) => a.index - b.index)) kinds.set(describe(part.results), [...(kinds.get(describe(part.results)) ?? []), part.index]);
  if (kinds.size <= 1) return null;
  const list = [...kinds].map(([kind, shards]) => `${shardsText(shards)} on ${kind}`);
  return `the shards ran on different machines (${list.join('; ')}): differences between suites of different shards may come from the machine`;
}

export interface ShardConfirmation {
  rounds: number;
  benchmarks: string[];
  stopped?: string;
}

/**
 * The confirmation rounds of all shards as one record: which benchmarks got extra rounds, the
 * most rounds any shard ran, and why shards stopped early. Each shard chose its suspects from its
 * own slice; which of them failed is decided again over the merged verdict.
 */
export function mergeConfirmations(parts: readonly { index: number; confirmation?: ShardConfirmation | undefined }[], benchmarkOrder: readonly string[]): ShardConfirmation | undefined {
  const ran = [...parts].sort((a, b) => a.index - b.index).filter((p) => p.confirmation !== undefined);
  if (ran.length === 0) return undefined;
  const stopped = ran.filter((p) => p.confirmation!.stopped !== undefined).map((p) => (ran.length > 1 ? `shard ${p.index}: ${p.confirmation!.stopped}` : p.confirmation!.stopped!));
  const order = new Map(benchmarkOrder.map((id, i) => [id, i]));
  const rank = (id: string) => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  return {
    rounds: Math.max(...ran.map((p) => p.confirmation!.rounds)),
    // In report order, as a single job lists its suspects.
    benchmarks: [...new Set(ran.flatMap((p) => p.confirmation!.benchmarks))].sort((a, b) => rank(a) - rank(b)),
    ...(stopped.length > 0 ? { stopped: stopped.join('; ') } : {}),
  };
}

/** The results of only these suites: a shard compares its slice with that part of the baseline. */
export function onlySuites(results: Results, suites: readonly string[]): Results {
  const keep = new Set(suites);
  return { ...results, benchmarks: results.benchmarks.filter((b) => keep.has(b.suite)) };
}
