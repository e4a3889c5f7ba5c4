import { z } from 'zod';
import type { Metric, NonEmpty } from '../core/model.js';
import { ImportError, type Importer, type ImportOutcome } from './importer.js';
import { checkJsonShape, describeValue, parseJsonInput, requireObjectWith } from './json-input.js';

const FORMAT = 'pytest-benchmark';
const SHAPE = 'pytest-benchmark JSON ({"benchmarks": [{"name", "fullname", "stats"}]})';

const benchmarkSchema = z.object({
  name: z.string().min(1),
  fullname: z.string().min(1),
  stats: z.object({
    median: z.number(),
    stddev: z.number(),
    rounds: z.number(),
    iterations: z.number(),
    // One value per round: the round's time divided by its iterations, in seconds.
    data: z.array(z.number()).min(1).optional(),
  }),
});
const fileSchema = z.object({ benchmarks: z.array(benchmarkSchema).min(1) });

const S_TO_MS = 1000;

function latencyOf(stats: z.infer<typeof benchmarkSchema>['stats']): Metric {
  if (stats.data) {
    return { name: 'latency', unit: 'ms', direction: 'smaller', rounds: stats.data.map((s) => [s * S_TO_MS] as NonEmpty<number>) };
  }
  // Without the rounds the median stands for them: one slow round (GC, a page fault) moves the mean, not the median.
  return { name: 'latency', unit: 'ms', direction: 'smaller', value: stats.median * S_TO_MS, spread: stats.stddev * S_TO_MS };
}

function parse(text: string, file: string): ImportOutcome {
  const root = requireObjectWith(parseJsonInput(text, file, FORMAT, SHAPE), 'benchmarks', file, FORMAT, SHAPE);
  const { benchmarks } = checkJsonShape(fileSchema, root, file, FORMAT);
  // Test names repeat across modules (test_a.py::test_x, test_b.py::test_x); only then the full name tells them apart.
  const counts = new Map<string, number>();
  for (const b of benchmarks) counts.set(b.name, (counts.get(b.name) ?? 0) + 1);
  const seen = new Set<string>();
  const imported = benchmarks.map((b, i) => {
    const name = (counts.get(b.name) ?? 0) > 1 ? b.fullname : b.name;
    if (seen.has(name)) throw new ImportError(file, FORMAT, `benchmarks[${i}].fullname: expected a unique name, got ${JSON.stringify(name)} a second time`);
    seen.add(name);
    return { name, metrics: [latencyOf(b.stats)] };
  });
  return { benchmarks: imported, warnings: [] };
}

export const pytestBenchmarkImporter: Importer = {
  format: FORMAT,
  description: 'pytest-benchmark --benchmark-json (or a saved run): per-round times when the file has them, else the median',
  parse,
};
