import { z } from 'zod';
import type { Metric, NonEmpty } from '../core/model.js';
import { ImportError, type Importer, type ImportedBenchmark, type ImportOutcome } from './importer.js';
import { checkJsonShape, describeValue, parseJsonInput, requireObjectWith, uniqueName } from './json-input.js';

const FORMAT = 'hyperfine';
const SHAPE = 'hyperfine --export-json output ({"results": [{"command", "times", ...}]})';

const resultSchema = z.object({
  command: z.string(),
  mean: z.number(),
  // null when the command ran once.
  stddev: z.number().nullable(),
  median: z.number(),
  user: z.number(),
  system: z.number(),
  times: z.array(z.number()).min(1).optional(),
  // Peak RSS per run, exported by hyperfine versions newer than 1.15.
  memory_usage_byte: z.array(z.number()).min(1).optional(),
  // null when the command was killed by a signal.
  exit_codes: z.array(z.number().nullable()),
});
const fileSchema = z.object({ results: z.array(resultSchema).min(1) });
type Result = z.infer<typeof resultSchema>;

const S_TO_MS = 1000;

function eachAlone(values: number[], factor: number): NonEmpty<number>[] {
  return values.map((v) => [v * factor] as NonEmpty<number>);
}

function metricsOf(result: Result): Metric[] {
  // Every run is a fresh process: each time is an independent replicate, one round each.
  const latency: Metric = result.times
    ? { name: 'latency', unit: 'ms', direction: 'smaller', rounds: eachAlone(result.times, S_TO_MS) }
    : { name: 'latency', unit: 'ms', direction: 'smaller', value: result.median * S_TO_MS, ...(result.stddev === null ? {} : { spread: result.stddev * S_TO_MS }) };
  const metrics: Metric[] = [
    latency,
    // hyperfine exports only the mean CPU times, not one per run.
    { name: 'cpu-user', unit: 'ms', direction: 'smaller', value: result.user * S_TO_MS },
    { name: 'cpu-system', unit: 'ms', direction: 'smaller', value: result.system * S_TO_MS },
  ];
  if (result.memory_usage_byte) {
    metrics.push({ name: 'rss', unit: 'B', direction: 'smaller', rounds: eachAlone(result.memory_usage_byte, 1) });
  }
  return metrics;
}

function parse(text: string, file: string): ImportOutcome {
  const root = requireObjectWith(parseJsonInput(text, file, FORMAT, SHAPE), 'results', file, FORMAT, SHAPE);
  const { results } = checkJsonShape(fileSchema, root, file, FORMAT);
  const warnings: string[] = [];
  const benchmarks: ImportedBenchmark[] = [];
  const taken = new Set<string>();
  for (const result of results) {
    const name = uniqueName(result.command, taken);
    if (name !== result.command) warnings.push(`"${result.command}" was benchmarked twice; the later one is named "${name}"`);
    taken.add(name);
    const failed = result.exit_codes.filter((code) => code !== 0).length;
    if (failed > 0) warnings.push(`"${name}": ${failed} of ${result.exit_codes.length} runs exited with a non-zero status or a signal`);
    benchmarks.push({ name, metrics: metricsOf(result) });
  }
  return { benchmarks, warnings };
}

export const hyperfineImporter: Importer = {
  format: FORMAT,
  description: 'hyperfine --export-json: one benchmark per command, every run a round',
  parse,
};
