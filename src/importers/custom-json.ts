import { z } from 'zod';
import type { Direction, Metric } from '../core/model.js';
import { ImportError, type ImportedBenchmark, type ImportOutcome } from './importer.js';
import { checkJsonShape, describeValue, parseJsonInput, uniqueName } from './json-input.js';

/**
 * github-action-benchmark's `customSmallerIsBetter` / `customBiggerIsBetter` input: an array of
 * `{name, unit, value, range?, extra?}`. The file says which way is better for every entry.
 */
const entrySchema = z.object({
  name: z.string().min(1),
  unit: z.string(),
  value: z.number(),
  // The action types it as a string ("± 0.5"), but tools write plain numbers there too.
  range: z.union([z.string(), z.number()]).optional(),
  extra: z.string().optional(),
});
const fileSchema = z.array(entrySchema).min(1);
type Entry = z.infer<typeof entrySchema>;

const TIME_TO_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000 };
// Per-operation spellings ("ns/op", "ms/iter") are still a time per operation.
const TIME_UNIT = /^(ns|us|µs|μs|ms|s)(?:\/(?:op|iter))?$/;
const RATE_UNIT = /^(?:ops?|reqs?|requests?|iters?|iterations?|calls?)\s*\/\s*(?:s|sec|second)$/i;

interface Mapped {
  metric: string;
  unit: string;
  factor: number;
}

function mapUnit(entry: Entry, direction: Direction, warnings: string[]): Mapped {
  const time = TIME_UNIT.exec(entry.unit);
  if (time && direction === 'smaller') return { metric: 'latency', unit: 'ms', factor: TIME_TO_MS[time[1] as string] as number };
  if (RATE_UNIT.test(entry.unit) && direction === 'bigger') return { metric: 'throughput', unit: 'ops/s', factor: 1 };
  if (time || RATE_UNIT.test(entry.unit)) {
    const kind = time ? 'a time' : 'a rate';
    warnings.push(`"${entry.name}": unit "${entry.unit}" is ${kind} but the file says ${direction} is better; kept as metric "value" in "${entry.unit}"`);
  }
  return { metric: 'value', unit: entry.unit, factor: 1 };
}

const ABSOLUTE_RANGE = /^(?:±|\+-|\+\/-)?\s*([0-9.eE+-]+)$/;
const RELATIVE_RANGE = /^(?:±|\+-|\+\/-)?\s*([0-9.eE+-]+)\s*%$/;

/** `range` as a spread in the entry's own unit: "± 0.5" and 0.5 are absolute, "±3%" is relative to the value. */
function spreadOf(entry: Entry, warnings: string[]): number | undefined {
  if (entry.range === undefined) return undefined;
  if (typeof entry.range === 'number') return Math.abs(entry.range);
  const text = entry.range.trim();
  const relative = RELATIVE_RANGE.exec(text);
  const absolute = relative ? null : ABSOLUTE_RANGE.exec(text);
  const amount = Number((relative ?? absolute)?.[1]);
  if ((relative || absolute) && Number.isFinite(amount)) {
    return relative ? Math.abs((entry.value * amount) / 100) : Math.abs(amount);
  }
  warnings.push(`"${entry.name}": range ${describeValue(entry.range)} is not "± <number>" or "±<number>%"; no spread taken from it`);
  return undefined;
}

/** Shared by both custom formats: only the direction differs. */
export function parseCustomJson(text: string, file: string, format: string, direction: Direction): ImportOutcome {
  const shape = `a JSON array of {"name", "unit", "value"} entries (github-action-benchmark's ${format} input)`;
  const root = parseJsonInput(text, file, format, shape);
  if (!Array.isArray(root)) throw new ImportError(file, format, `expected ${shape}, got ${describeValue(root)}`);
  const entries = checkJsonShape(fileSchema, root, file, format);
  const warnings: string[] = [];
  const byName = new Map<string, ImportedBenchmark>();
  for (const entry of entries) {
    const mapped = mapUnit(entry, direction, warnings);
    const spread = spreadOf(entry, warnings);
    const metric: Metric = { name: mapped.metric, unit: mapped.unit, direction, value: entry.value * mapped.factor };
    if (spread !== undefined) metric.spread = spread * mapped.factor;
    // Entries of one name with different units are one benchmark's metrics; the same metric twice is two benchmarks.
    const existing = byName.get(entry.name);
    if (existing && !existing.metrics.some((m) => m.name === metric.name)) {
      existing.metrics.push(metric);
      continue;
    }
    const name = uniqueName(entry.name, new Set(byName.keys()));
    if (name !== entry.name) warnings.push(`"${entry.name}" has metric "${metric.name}" twice; the later entry is named "${name}"`);
    byName.set(name, { name, metrics: [metric] });
  }
  return { benchmarks: [...byName.values()], warnings };
}
