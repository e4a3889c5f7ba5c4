import { z } from 'zod';
import type { Metric, NonEmpty } from '../core/model.js';
import { ImportError, type Importer, type ImportedBenchmark, type ImportOutcome } from './importer.js';
import { checkJsonShape, describeValue, parseJsonInput } from './json-input.js';

const FORMAT = 'google-benchmark';
const SHAPE = 'Google Benchmark JSON (--benchmark_format=json or --benchmark_out) ({"context": {...}, "benchmarks": [...]})';

const TO_MS = { ns: 1e-6, us: 1e-3, ms: 1, s: 1000 } as const;

const runSchema = z.object({
  name: z.string(),
  // Versions before 1.5 write neither: every entry is then an iteration run of its own name.
  run_name: z.string().optional(),
  run_type: z.enum(['iteration', 'aggregate']).optional(),
  aggregate_name: z.string().optional(),
  error_occurred: z.boolean().optional(),
  error_message: z.string().optional(),
  skipped: z.boolean().optional(),
  skip_message: z.string().optional(),
  // Absent from the BigO and RMS entries of ->Complexity().
  real_time: z.number().optional(),
  cpu_time: z.number().optional(),
  time_unit: z.enum(['ns', 'us', 'ms', 's']).default('ns'),
  items_per_second: z.number().optional(),
  bytes_per_second: z.number().optional(),
});
const fileSchema = z.object({ context: z.looseObject({}), benchmarks: z.array(runSchema).min(1) });
type Run = z.infer<typeof runSchema>;

interface Group {
  name: string;
  iterations: Run[];
  aggregates: Map<string, Run>;
  failures: string[];
}

// median and cv repeat what the runs say; BigO and RMS fit a curve across sizes, not a time.
const USED_AGGREGATES = new Set(['mean', 'stddev']);

function groupByRunName(runs: Run[], file: string): Group[] {
  const groups = new Map<string, Group>();
  runs.forEach((run, index) => {
    const aggregate = run.run_type === 'aggregate' ? (run.aggregate_name ?? run.name) : undefined;
    if (aggregate !== undefined && !USED_AGGREGATES.has(aggregate)) return;
    const name = run.run_name ?? run.name;
    let group = groups.get(name);
    if (!group) {
      group = { name, iterations: [], aggregates: new Map(), failures: [] };
      groups.set(name, group);
    }
    // SkipWithError writes error_occurred; SkipWithMessage (1.8+) writes skipped.
    if (run.error_occurred === true) {
      group.failures.push(`it reported an error: ${run.error_message ?? 'no message'}`);
      return;
    }
    if (run.skipped === true) {
      group.failures.push(`it skipped itself: ${run.skip_message ?? 'no message'}`);
      return;
    }
    for (const field of ['real_time', 'cpu_time'] as const) {
      if (run[field] === undefined) throw new ImportError(file, FORMAT, `benchmarks[${index}].${field}: expected a number, but it is missing`);
    }
    if (aggregate !== undefined) group.aggregates.set(aggregate, run);
    else group.iterations.push(run);
  });
  return [...groups.values()];
}

type Field = 'real_time' | 'cpu_time' | 'items_per_second' | 'bytes_per_second';
interface MetricSpec {
  field: Field;
  name: string;
  unit: string;
  direction: Metric['direction'];
  /** Times come in the run's time_unit; rates are always per second. */
  scale: (run: Run) => number;
}

const SPECS: readonly MetricSpec[] = [
  { field: 'real_time', name: 'latency', unit: 'ms', direction: 'smaller', scale: (run) => TO_MS[run.time_unit] },
  { field: 'cpu_time', name: 'cpu-time', unit: 'ms', direction: 'smaller', scale: (run) => TO_MS[run.time_unit] },
  { field: 'items_per_second', name: 'throughput', unit: 'ops/s', direction: 'bigger', scale: () => 1 },
  { field: 'bytes_per_second', name: 'throughput-bytes', unit: 'B/s', direction: 'bigger', scale: () => 1 },
];

function valueOf(run: Run, spec: MetricSpec): number | undefined {
  const raw = run[spec.field];
  return raw === undefined ? undefined : raw * spec.scale(run);
}

function metricsOf(group: Group): Metric[] {
  const metrics: Metric[] = [];
  for (const spec of SPECS) {
    if (group.iterations.length > 0) {
      // Each repetition is a separate measurement of `iterations` iterations: one round each.
      const values = group.iterations.map((run) => valueOf(run, spec));
      if (values.every((v): v is number => v !== undefined)) {
        metrics.push({ name: spec.name, unit: spec.unit, direction: spec.direction, rounds: values.map((v): NonEmpty<number> => [v]) });
      }
      continue;
    }
    // --benchmark_report_aggregates_only: the mean and standard deviation are all there is.
    const mean = group.aggregates.get('mean');
    const value = mean && valueOf(mean, spec);
    if (value === undefined) continue;
    const stddev = group.aggregates.get('stddev');
    const spread = stddev && valueOf(stddev, spec);
    metrics.push({ name: spec.name, unit: spec.unit, direction: spec.direction, value, ...(spread === undefined ? {} : { spread }) });
  }
  return metrics;
}

function parse(text: string, file: string): ImportOutcome {
  const root = parseJsonInput(text, file, FORMAT, SHAPE);
  const isObject = root !== null && typeof root === 'object' && !Array.isArray(root);
  if (!isObject || !('context' in root) || !('benchmarks' in root)) {
    const missing = isObject ? ` without ${'context' in root ? '"benchmarks"' : '"context"'}` : '';
    throw new ImportError(file, FORMAT, `expected ${SHAPE}, got ${describeValue(root)}${missing}`);
  }
  const { benchmarks: runs } = checkJsonShape(fileSchema, root, file, FORMAT);
  const benchmarks: ImportedBenchmark[] = [];
  const warnings: string[] = [];
  for (const group of groupByRunName(runs, file)) {
    const failed = group.failures.length;
    const measured = group.iterations.length > 0 || group.aggregates.has('mean');
    if (failed > 0) {
      const what = measured ? `${failed} of its runs ${failed === 1 ? 'was' : 'were'} left out` : 'skipped';
      warnings.push(`"${group.name}": ${what}: ${group.failures[0] as string}`);
    }
    if (!measured) {
      if (failed === 0) warnings.push(`"${group.name}": skipped: it has neither iteration runs nor a mean aggregate`);
      continue;
    }
    benchmarks.push({ name: group.name, metrics: metricsOf(group) });
  }
  if (benchmarks.length === 0) {
    throw new ImportError(file, FORMAT, `expected at least one benchmark with results, got none: ${warnings[0] as string}`);
  }
  return { benchmarks, warnings };
}

export const googleBenchmarkImporter: Importer = {
  format: FORMAT,
  description: 'Google Benchmark --benchmark_out=<file> --benchmark_out_format=json: every repetition a round, else the mean and stddev aggregates',
  parse,
};
