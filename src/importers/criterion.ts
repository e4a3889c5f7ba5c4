import { z } from 'zod';
import type { Metric, NonEmpty } from '../core/model.js';
import { ImportError, type Importer, type ImportOutcome } from './importer.js';
import { checkJsonShape, describeValue, parseJsonInput } from './json-input.js';

const FORMAT = 'criterion';
const SHAPE = 'criterion\'s new/sample.json ({"sampling_mode", "iters", "times"}) or new/estimates.json ({"mean", "median", "std_dev", ...})';
const PATH_SHAPE = 'a path like target/criterion/<benchmark>/new/sample.json';

const NS_TO_MS = 1e-6;

const sampleSchema = z.object({
  sampling_mode: z.string().optional(),
  // Iterations per sample; criterion's Linear mode grows them, Flat mode keeps them equal.
  iters: z.array(z.number()).min(1),
  // Total nanoseconds of each sample's iterations.
  times: z.array(z.number()).min(1),
});
const estimateSchema = z.object({ point_estimate: z.number() });
const estimatesSchema = z.object({ mean: estimateSchema, median: estimateSchema, std_dev: estimateSchema });

/**
 * The benchmark name is not in criterion's files, only in their folder:
 * `target/criterion/<group>/<function>[/<parameter>]/new/sample.json`. Without a criterion folder
 * the name is every folder before `new/` as the path gives it.
 */
function benchmarkName(file: string): string {
  const parts = file.split(/[\\/]/).filter((part) => part !== '' && part !== '.');
  const holder = parts[parts.length - 2];
  if (holder === 'change') {
    throw new ImportError(file, FORMAT, 'expected new/estimates.json or new/sample.json, got change/estimates.json (the relative change against the previous run, not a measurement)');
  }
  const folders = parts.slice(0, holder === 'new' || holder === 'base' ? -2 : -1);
  let start = -1;
  for (let i = folders.length - 2; i >= 0 && start < 0; i--) {
    if (folders[i] === 'criterion' && folders[i - 1] === 'target') start = i + 1;
  }
  // A group may itself be called "criterion"; the nearest one that leaves a name is the root then.
  for (let i = folders.length - 2; i >= 0 && start < 0; i--) {
    if (folders[i] === 'criterion') start = i + 1;
  }
  const name = folders.slice(Math.max(start, 0)).join('/');
  if (name === '') throw new ImportError(file, FORMAT, `expected ${PATH_SHAPE}: the benchmark name comes from its folders`);
  return name;
}

function sampleLatency(root: unknown, file: string): Metric {
  const { iters, times } = checkJsonShape(sampleSchema, root, file, FORMAT);
  if (times.length !== iters.length) {
    throw new ImportError(file, FORMAT, `times: expected ${iters.length} entries, one per entry of iters, got ${times.length}`);
  }
  const rounds = iters.map((count, i): NonEmpty<number> => {
    if (!(count > 0)) throw new ImportError(file, FORMAT, `iters[${i}]: expected a positive iteration count, got ${describeValue(count)}`);
    // Each sample is the total time of `count` iterations: the time per iteration is the replicate.
    return [((times[i] as number) / count) * NS_TO_MS];
  });
  return { name: 'latency', unit: 'ms', direction: 'smaller', rounds };
}

function estimatedLatency(root: unknown, file: string): Metric {
  const { mean, std_dev } = checkJsonShape(estimatesSchema, root, file, FORMAT);
  // The mean goes with the standard deviation: both describe the same samples the same way.
  return { name: 'latency', unit: 'ms', direction: 'smaller', value: mean.point_estimate * NS_TO_MS, spread: std_dev.point_estimate * NS_TO_MS };
}

function parse(text: string, file: string): ImportOutcome {
  const root = parseJsonInput(text, file, FORMAT, SHAPE);
  const isObject = root !== null && typeof root === 'object' && !Array.isArray(root);
  let latency: Metric;
  if (isObject && ('iters' in root || 'times' in root)) latency = sampleLatency(root, file);
  else if (isObject && ('mean' in root || 'median' in root)) latency = estimatedLatency(root, file);
  else throw new ImportError(file, FORMAT, `expected ${SHAPE}, got ${describeValue(root)}${isObject ? ' without "iters" or "mean"' : ''}`);
  return { benchmarks: [{ name: benchmarkName(file), metrics: [latency] }], warnings: [] };
}

export const criterionImporter: Importer = {
  format: FORMAT,
  description: 'Rust criterion: target/criterion/**/new/sample.json (every sample a round) or new/estimates.json (mean and standard deviation)',
  parse,
};
