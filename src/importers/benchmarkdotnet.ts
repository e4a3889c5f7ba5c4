import { z } from 'zod';
import type { Metric, NonEmpty } from '../core/model.js';
import { ImportError, type Importer, type ImportedBenchmark, type ImportOutcome } from './importer.js';
import { checkJsonShape, describeValue, parseJsonInput, uniqueName } from './json-input.js';

const FORMAT = 'benchmarkdotnet';
const SHAPE = 'BenchmarkDotNet JSON export (*-report-full-compressed.json, *-report-full.json or *-report-brief.json: {"HostEnvironmentInfo", "Benchmarks": [...]})';

const NS_TO_MS = 1e-6;

const measurementSchema = z.object({
  IterationMode: z.string(),
  IterationStage: z.string(),
  Operations: z.number(),
  // Total for all Operations of the iteration.
  Nanoseconds: z.number(),
});
const benchmarkSchema = z.object({
  Type: z.string(),
  Method: z.string(),
  Parameters: z.string().optional(),
  // "<Type>.<Method>: <job>", the only place that tells two jobs of one method apart.
  DisplayInfo: z.string().optional(),
  // null when the benchmark failed to run.
  Statistics: z.object({ Mean: z.number(), StandardDeviation: z.number().optional(), OriginalValues: z.array(z.number()).optional() }).nullable().optional(),
  Memory: z.object({ BytesAllocatedPerOperation: z.number().nullable().optional(), TotalOperations: z.number().optional() }).nullable().optional(),
  Measurements: z.array(measurementSchema).optional(),
});
const fileSchema = z.object({ Benchmarks: z.array(benchmarkSchema).min(1) });
type Benchmark = z.infer<typeof benchmarkSchema>;

const eachAlone = (values: number[]): NonEmpty<number>[] => values.map((v): NonEmpty<number> => [v]);

function latencyOf(benchmark: Benchmark): Metric | undefined {
  // The full export keeps every iteration; the Result stage is the workload minus overhead, the
  // same numbers the statistics are computed from.
  const results = (benchmark.Measurements ?? []).filter((m) => m.IterationMode === 'Workload' && m.IterationStage === 'Result' && m.Operations > 0);
  if (results.length > 0) return { name: 'latency', unit: 'ms', direction: 'smaller', rounds: eachAlone(results.map((m) => (m.Nanoseconds / m.Operations) * NS_TO_MS)) };
  const stats = benchmark.Statistics;
  if (!stats) return undefined;
  if (stats.OriginalValues && stats.OriginalValues.length > 0) {
    return { name: 'latency', unit: 'ms', direction: 'smaller', rounds: eachAlone(stats.OriginalValues.map((ns) => ns * NS_TO_MS)) };
  }
  const spread = stats.StandardDeviation;
  return { name: 'latency', unit: 'ms', direction: 'smaller', value: stats.Mean * NS_TO_MS, ...(spread === undefined ? {} : { spread: spread * NS_TO_MS }) };
}

function bytesOf(benchmark: Benchmark): Metric | undefined {
  const memory = benchmark.Memory;
  const bytes = memory?.BytesAllocatedPerOperation;
  // Without [MemoryDiagnoser] nothing was counted: no operations, no meaningful bytes.
  if (bytes === undefined || bytes === null || memory?.TotalOperations === 0) return undefined;
  return { name: 'bytes-per-op', unit: 'B', direction: 'smaller', value: bytes };
}

/** `Type.Method(N=100, Mode=Fast)`; the job is added only where one method ran in several jobs. */
function namesOf(benchmarks: Benchmark[]): string[] {
  const base = benchmarks.map((b) => `${b.Type}.${b.Method}${b.Parameters ? `(${b.Parameters})` : ''}`);
  const count = new Map<string, number>();
  for (const name of base) count.set(name, (count.get(name) ?? 0) + 1);
  return base.map((name, i) => {
    const entry = benchmarks[i] as Benchmark;
    // DisplayInfo ends with " [<parameters>]" when there are any; they are in the name already.
    const job = /^[^:]*: (.+)$/.exec(entry.DisplayInfo ?? '')?.[1]?.replace(` [${entry.Parameters ?? ''}]`, '');
    return (count.get(name) ?? 0) > 1 && job ? `${name} [${job}]` : name;
  });
}

function parse(text: string, file: string): ImportOutcome {
  const root = parseJsonInput(text, file, FORMAT, SHAPE);
  const isObject = root !== null && typeof root === 'object' && !Array.isArray(root);
  if (!isObject || !('Benchmarks' in root)) {
    throw new ImportError(file, FORMAT, `expected ${SHAPE}, got ${describeValue(root)}${isObject ? ' without "Benchmarks"' : ''}`);
  }
  const { Benchmarks: entries } = checkJsonShape(fileSchema, root, file, FORMAT);
  const benchmarks: ImportedBenchmark[] = [];
  const warnings: string[] = [];
  const taken = new Set<string>();
  namesOf(entries).forEach((wanted, i) => {
    const entry = entries[i] as Benchmark;
    const latency = latencyOf(entry);
    if (!latency) {
      warnings.push(`Benchmarks[${i}] "${wanted}": skipped: no measurements and no statistics (the benchmark did not run)`);
      return;
    }
    const name = uniqueName(wanted, taken);
    if (name !== wanted) warnings.push(`Benchmarks[${i}]: "${wanted}" appears twice; this one is named "${name}"`);
    taken.add(name);
    const bytes = bytesOf(entry);
    benchmarks.push({ name, metrics: bytes ? [latency, bytes] : [latency] });
  });
  if (benchmarks.length === 0) throw new ImportError(file, FORMAT, `expected at least one benchmark with results, got none: ${warnings[0] as string}`);
  return { benchmarks, warnings };
}

export const benchmarkdotnetImporter: Importer = {
  format: FORMAT,
  description: 'BenchmarkDotNet JSON export (--exporters json): every workload result iteration a round, with allocated bytes per operation',
  parse,
};
