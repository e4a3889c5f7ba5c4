import type { z } from 'zod';
import type { HistoryPoint, NonEmpty, Results } from '../core/model.js';
import { historySchema } from './history-schema.js';
import { mergeLogSchema } from './merge-log-schema.js';
import type { MergeLogEntry } from '../core/merge-log.js';
import { RESULTS_SCHEMA_ID, RESULTS_VERSION } from '../core/model.js';
import { formatPath } from '../config/config-error.js';
import { parseYamlSource } from '../config/yaml-source.js';
import { ResultsError } from './results-error.js';
import { minimalResultsSchema, resultsSchema } from './results-schema.js';

const TO_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000 };

/** Line and column (1-based) of a character offset. */
function positionOfOffset(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1] as string).length + 1 };
}

/** JSON is YAML: on an error, the YAML parser's node ranges say where a field is. */
function positionOfPath(text: string, file: string, path: (string | number)[]): { line: number; column: number } {
  try {
    return parseYamlSource(text, file).locate(path);
  } catch {
    return { line: 1, column: 1 };
  }
}

export function syntaxError(text: string, file: string, error: Error): ResultsError {
  // Node 20 says "at position N", Node 22+ adds "(line L column C)"; both carry the offset.
  const match = /position (\d+)/.exec(error.message);
  const pos = positionOfOffset(text, match ? Number(match[1]) : text.length);
  const detail = error.message.replace(/\s*in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
  return new ResultsError(file, '(syntax)', `expected valid JSON: ${detail}`, pos.line, pos.column);
}

function describeReceived(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const json = JSON.stringify(value);
  return json === undefined ? String(value) : json.length > 40 ? `${json.slice(0, 37)}...` : json;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

export function schemaError(text: string, file: string, root: unknown, error: z.ZodError, schemaFile: string): ResultsError {
  const issue = error.issues[0] as z.core.$ZodIssue;
  const path = issue.path as (string | number)[];
  const field = issue.code === 'unrecognized_keys' ? formatPath([...path, (issue.keys as string[])[0] as string]) as string : (formatPath(path) ?? '(top level)');
  const where = positionOfPath(text, file, issue.code === 'unrecognized_keys' ? [...path, (issue.keys as string[])[0] as string] : path);
  if (issue.code === 'unrecognized_keys') {
    return new ResultsError(file, field, `unknown field: expected only the fields that ${schemaFile} lists`, where.line, where.column);
  }
  const value = valueAt(root, path);
  // zod says "expected string, received undefined"; the file's own value reads better.
  const message = issue.message.replace(/^Invalid (input|option): /, '').replace(/, received [^,]*$/, '');
  const received = value === undefined ? 'but it is missing' : `got ${describeReceived(value)}`;
  return new ResultsError(file, field, `${message}, ${received}`, where.line, where.column);
}

function fromMinimal(data: z.infer<typeof minimalResultsSchema>): Results {
  return {
    schema: RESULTS_SCHEMA_ID,
    version: RESULTS_VERSION,
    meta: {},
    benchmarks: data.benchmarks.map((b) => ({
      id: b.name,
      suite: '',
      name: b.name,
      // Each sample of the minimal form is an independent replicate, so each is its own round.
      metrics: [
        {
          name: 'latency',
          unit: 'ms',
          direction: 'smaller' as const,
          rounds: b.samples.map((s) => [s * (TO_MS[b.unit] as number)] as NonEmpty<number>),
        },
      ],
    })),
    warnings: [],
  };
}

function checkUniqueIds(results: Results, text: string, file: string, key: 'id' | 'name'): void {
  const seen = new Set<string>();
  results.benchmarks.forEach((b, i) => {
    if (seen.has(b.id)) {
      const where = positionOfPath(text, file, ['benchmarks', i, key]);
      throw new ResultsError(file, `benchmarks[${i}].${key}`, `expected a unique ${key}, got ${JSON.stringify(b.id)} twice`, where.line, where.column);
    }
    seen.add(b.id);
  });
}

/**
 * Parses a results file: perfgate's own format, or the minimal form
 * {"benchmarks":[{"name":"x","unit":"ms","samples":[...]}]}. Pure: text in, Results out.
 */
export function parseResults(text: string, file: string): Results {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw syntaxError(text, file, error as Error);
  }
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw new ResultsError(file, '(top level)', `expected a JSON object, got ${describeReceived(root)}`, 1, 1);
  }
  const isFull = 'schema' in root || 'version' in root || 'meta' in root;
  if (isFull) {
    const parsed = resultsSchema.safeParse(root);
    if (!parsed.success) throw schemaError(text, file, root, parsed.error, 'schema/results.schema.json');
    const results = parsed.data as Results;
    checkUniqueIds(results, text, file, 'id');
    return results;
  }
  if (!('benchmarks' in root)) {
    throw new ResultsError(file, 'benchmarks', 'expected perfgate results ("schema": "perfgate/results") or the minimal form {"benchmarks":[{"name","unit","samples"}]}', 1, 1);
  }
  const parsed = minimalResultsSchema.safeParse(root);
  if (!parsed.success) throw schemaError(text, file, root, parsed.error, 'schema/minimal-results.schema.json');
  const results = fromMinimal(parsed.data);
  checkUniqueIds(results, text, file, 'name');
  return results;
}

/**
 * JSON text checked against a zod schema, with perfgate's one-line errors: the position of a
 * syntax error, the field of a schema error. `objectOnly` refuses a non-object before the schema
 * runs, for files whose top level must be a mapping.
 */
export function parseJsonWith<T>(schema: z.ZodType<T>, text: string, file: string, schemaName: string, objectOnly = false): T {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw syntaxError(text, file, error as Error);
  }
  if (objectOnly && (root === null || typeof root !== 'object' || Array.isArray(root))) {
    throw new ResultsError(file, '(top level)', 'expected a JSON object', 1, 1);
  }
  const parsed = schema.safeParse(root);
  if (!parsed.success) throw schemaError(text, file, root, parsed.error, schemaName);
  return parsed.data;
}

/** history.json of a baseline artifact (see results/history-schema.ts). */
export function parseHistory(text: string, file: string): HistoryPoint[] {
  return parseJsonWith(historySchema, text, file, 'schema/history.schema.json').points as HistoryPoint[];
}

/** merge-log.json of a baseline artifact (see results/merge-log-schema.ts). */
export function parseMergeLog(text: string, file: string): MergeLogEntry[] {
  return parseJsonWith(mergeLogSchema, text, file, 'schema/merge-log.schema.json').entries as MergeLogEntry[];
}
