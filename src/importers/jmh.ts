import { z } from 'zod';
import type { Metric, NonEmpty } from '../core/model.js';
import { ImportError, type Importer, type ImportedBenchmark, type ImportOutcome } from './importer.js';
import { checkJsonShape, describeValue, parseJsonInput, uniqueName } from './json-input.js';

const FORMAT = 'jmh';
const SHAPE = 'JMH -rf json output ([{"benchmark", "mode", "primaryMetric": {...}}, ...])';

// JMH writes NaN as the string "NaN" (a score error of one iteration, an empty profiler result).
const score = z.union([z.number(), z.literal('NaN')], { error: 'expected a number or "NaN"' });
const metricSchema = z.object({
  score,
  scoreUnit: z.string(),
  // [fork][iteration]; sample mode writes rawDataHistogram instead.
  rawData: z.array(z.array(z.number())).optional(),
});
const entrySchema = z.object({
  benchmark: z.string(),
  mode: z.enum(['thrpt', 'avgt', 'sample', 'ss']),
  params: z.record(z.string(), z.string()).optional(),
  primaryMetric: metricSchema,
  // Profilers add anything here (perfasm: NaN and no samples); only allocation is read, loosely.
  secondaryMetrics: z.record(z.string(), z.unknown()).optional(),
});
const fileSchema = z.array(entrySchema).min(1);
type Entry = z.infer<typeof entrySchema>;

// JMH's short names of java.util.concurrent.TimeUnit, in milliseconds.
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, ms: 1, s: 1000, min: 60_000, hr: 3_600_000, day: 86_400_000 };

interface Conversion {
  name: string;
  unit: string;
  direction: Metric['direction'];
  convert: (value: number) => number;
}

function conversionOf(entry: Entry, index: number, file: string): Conversion {
  const unit = entry.primaryMetric.scoreUnit;
  if (entry.mode === 'thrpt') {
    const per = /^ops\/(\w+)$/.exec(unit)?.[1];
    const ms = per === undefined ? undefined : UNIT_MS[per];
    if (ms === undefined) throw new ImportError(file, FORMAT, `[${index}].primaryMetric.scoreUnit: expected ops/<time unit> for mode thrpt (ops/s, ops/ms, ops/us ...), got ${describeValue(unit)}`);
    // ops per `ms` milliseconds -> ops per second; divided, so ops/min stays exact where it can.
    return { name: 'throughput', unit: 'ops/s', direction: 'bigger', convert: (v) => (v * 1000) / ms };
  }
  const per = /^(\w+)\/op$/.exec(unit)?.[1];
  const ms = per === undefined ? undefined : UNIT_MS[per];
  if (ms === undefined) throw new ImportError(file, FORMAT, `[${index}].primaryMetric.scoreUnit: expected <time unit>/op for mode ${entry.mode} (ns/op, us/op, ms/op, s/op ...), got ${describeValue(unit)}`);
  return { name: 'latency', unit: 'ms', direction: 'smaller', convert: (v) => v * ms };
}

function roundsOf(rawData: number[][] | undefined, convert: (v: number) => number): NonEmpty<number>[] | undefined {
  // One round per fork: a fork is a fresh JVM, its iterations share that JVM's JIT and heap luck.
  const forks = (rawData ?? []).filter((fork): fork is NonEmpty<number> => fork.length > 0).map((fork) => fork.map(convert) as NonEmpty<number>);
  return forks.length > 0 ? forks : undefined;
}

function primaryOf(entry: Entry, index: number, file: string): Metric {
  const { name, unit, direction, convert } = conversionOf(entry, index, file);
  const rounds = roundsOf(entry.primaryMetric.rawData, convert);
  if (rounds) return { name, unit, direction, rounds };
  const value = entry.primaryMetric.score;
  if (value === 'NaN') throw new ImportError(file, FORMAT, `[${index}].primaryMetric.score: expected a number, got "NaN"`);
  // scoreError is a 99.9% interval half-width, not a standard deviation: no spread.
  return { name, unit, direction, value: convert(value) };
}

const allocationSchema = z.object({ score: z.number(), scoreUnit: z.literal('B/op'), rawData: z.array(z.array(z.number())).optional() });

/** -prof gc: allocated bytes per operation ("·gc.alloc.rate.norm" before JMH 1.37, no dot after). */
function allocationOf(entry: Entry): Metric | undefined {
  const secondary = entry.secondaryMetrics ?? {};
  const parsed = allocationSchema.safeParse(secondary['gc.alloc.rate.norm'] ?? secondary['\u00b7gc.alloc.rate.norm']);
  if (!parsed.success) return undefined;
  const rounds = roundsOf(parsed.data.rawData, (v) => v);
  return rounds ? { name: 'bytes-per-op', unit: 'B', direction: 'smaller', rounds } : { name: 'bytes-per-op', unit: 'B', direction: 'smaller', value: parsed.data.score };
}

/**
 * `Class.method` when no two benchmarks of the file share it, else the fully qualified name;
 * parameters follow in JMH's order: `Class.method(size=10, mode=fast)`.
 */
function namesOf(entries: Entry[]): string[] {
  const short = (fqn: string) => fqn.split('.').slice(-2).join('.');
  const owners = new Map<string, Set<string>>();
  for (const { benchmark } of entries) owners.set(short(benchmark), (owners.get(short(benchmark)) ?? new Set()).add(benchmark));
  const unambiguous = [...owners.values()].every((fqns) => fqns.size === 1);
  return entries.map(({ benchmark, params }) => {
    const args = Object.entries(params ?? {}).map(([key, value]) => `${key}=${value}`);
    return `${unambiguous ? short(benchmark) : benchmark}${args.length > 0 ? `(${args.join(', ')})` : ''}`;
  });
}

function parse(text: string, file: string): ImportOutcome {
  const root = parseJsonInput(text, file, FORMAT, SHAPE);
  const first: unknown = Array.isArray(root) ? root[0] : undefined;
  if (!Array.isArray(root) || (first !== null && typeof first === 'object' && !('benchmark' in first && 'primaryMetric' in first))) {
    throw new ImportError(file, FORMAT, `expected ${SHAPE}, got ${describeValue(root)}${Array.isArray(root) ? ' of entries without "benchmark" and "primaryMetric"' : ''}`);
  }
  const entries = checkJsonShape(fileSchema, root, file, FORMAT);
  const benchmarks: ImportedBenchmark[] = [];
  const byName = new Map<string, ImportedBenchmark>();
  const warnings: string[] = [];
  namesOf(entries).forEach((name, index) => {
    const entry = entries[index] as Entry;
    const allocation = allocationOf(entry);
    const metrics = allocation ? [primaryOf(entry, index, file), allocation] : [primaryOf(entry, index, file)];
    // -bm thrpt,avgt measures one benchmark twice: throughput and latency of the same name.
    const existing = byName.get(name);
    if (existing && metrics.every((m) => !existing.metrics.some((e) => e.name === m.name))) {
      existing.metrics.push(...metrics);
      return;
    }
    const unique = existing ? uniqueName(`${name} [${entry.mode}]`, new Set(byName.keys())) : name;
    if (existing) warnings.push(`[${index}]: "${name}" was measured twice as ${metrics[0]?.name as string}; this one is named "${unique}"`);
    const benchmark = { name: unique, metrics };
    byName.set(unique, benchmark);
    benchmarks.push(benchmark);
  });
  return { benchmarks, warnings };
}

export const jmhImporter: Importer = {
  format: FORMAT,
  description: 'JMH -rf json -rff <file>: one round per fork holding its iterations (throughput in ops/s, times per op in ms)',
  parse,
};
