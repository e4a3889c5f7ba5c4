import { z } from 'zod';
import type { Metric } from '../core/model.js';
import { formatPath } from '../config/config-error.js';
import { ImportError, type Importer, type ImportedBenchmark, type ImportOutcome } from './importer.js';
import { checkJsonShape, describeValue, parseJsonInput } from './json-input.js';

const FORMAT = 'bencher';
const SHAPE = 'Bencher Metric Format JSON ({"<benchmark>": {"<measure>": {"value": <number>}}})';

// lower_value and upper_value are bounds of unstated meaning (a min/max, an interval ...), not a
// standard deviation, so they are checked but not turned into a spread.
const measureSchema = z.looseObject({ value: z.number(), lower_value: z.number().optional(), upper_value: z.number().optional() });
const benchmarkSchema = z.record(z.string(), measureSchema);

/** Bencher's own measures; every other measure is the project's, with a unit the file does not say. */
const BUILT_IN: Record<string, Omit<Metric, 'name' | 'value'> & { factor: number }> = {
  latency: { unit: 'ms', direction: 'smaller', factor: 1e-6 },
  throughput: { unit: 'ops/s', direction: 'bigger', factor: 1 },
};

/** A measure key may be a name ("Final Blocks") or a slug ("final-blocks"); metric names are slugs. */
function slugOf(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || key;
}

function parse(text: string, file: string): ImportOutcome {
  const root = parseJsonInput(text, file, FORMAT, SHAPE);
  if (root === null || typeof root !== 'object' || Array.isArray(root) || Object.keys(root).length === 0) {
    throw new ImportError(file, FORMAT, `expected ${SHAPE}, got ${describeValue(root)}`);
  }
  for (const [name, measures] of Object.entries(root)) {
    if (Array.isArray(measures)) {
      // Newer Bencher files may hold a list of {parameters, measures} per benchmark.
      const parameterised = measures.some((m) => m !== null && typeof m === 'object' && 'measures' in m);
      const note = parameterised ? ' (the parameterised form is not supported)' : '';
      throw new ImportError(file, FORMAT, `${formatPath([name])}: expected an object of measures ({"<measure>": {"value": <number>}}), got an array${note}`);
    }
  }
  const checked = checkJsonShape(z.record(z.string(), benchmarkSchema), root, file, FORMAT);
  const benchmarks: ImportedBenchmark[] = [];
  for (const [name, measures] of Object.entries(checked)) {
    if (Object.keys(measures).length === 0) throw new ImportError(file, FORMAT, `${formatPath([name])}: expected at least one measure, got an empty object`);
    const metrics: Metric[] = [];
    for (const [key, measure] of Object.entries(measures)) {
      const slug = slugOf(key);
      if (metrics.some((m) => m.name === slug)) {
        throw new ImportError(file, FORMAT, `${formatPath([name, key])}: expected each measure once, got measure "${slug}" a second time`);
      }
      const known = BUILT_IN[slug];
      metrics.push(
        known
          ? { name: slug, unit: known.unit, direction: known.direction, value: measure.value * known.factor }
          : { name: slug, unit: '', direction: 'smaller', value: measure.value },
      );
    }
    benchmarks.push({ name, metrics });
  }
  return { benchmarks, warnings: [] };
}

export const bencherImporter: Importer = {
  format: FORMAT,
  description: 'Bencher Metric Format (BMF) JSON: {"<benchmark>": {"<measure>": {"value", "lower_value"?, "upper_value"?}}}',
  parse,
};
