import { z } from 'zod';
import type { Metric } from '../core/model.js';
import { formatPath } from '../config/config-error.js';
import { ImportError, type Importer, type ImportedBenchmark, type ImportOutcome } from './importer.js';
import { checkJsonShape, describeValue, parseJsonInput, requireObjectWith } from './json-input.js';

const FORMAT = 'k6';
const SHAPE = 'k6 JSON summary (k6 run --summary-export, or the data handleSummary gets) with "metrics"';

// handleSummary nests the numbers in `values`; --summary-export puts them on the metric itself,
// next to a `thresholds` object. Either way they are numbers by statistic name.
const statsSchema = z.record(z.string(), z.unknown());
const fileSchema = z.looseObject({ metrics: z.record(z.string(), z.looseObject({ values: statsSchema.optional() })) });

const HTTP_METRICS = new Set(['http_req_duration', 'http_reqs', 'http_req_failed']);
// k6 adds this sub-metric to every HTTP test (durations of successful requests only); it is not a
// group of requests the script named.
const DEFAULT_SUBMETRIC = 'expected_response:true';
const METRIC_KEY = /^([A-Za-z0-9_]+)(?:\{(.*)\})?$/;

/** The statistics of one k6 metric, and where they are in the file for messages. */
interface Stats {
  values: Record<string, unknown>;
  path: string[];
}

function statOf(stats: Stats, key: string, file: string): number | undefined {
  const value = stats.values[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ImportError(file, FORMAT, `${formatPath([...stats.path, key])}: expected a number, got ${describeValue(value)}`);
  }
  return value;
}

/** Tag set ('' for the whole run) -> HTTP metric name -> its statistics. */
function groupByTags(metrics: z.infer<typeof fileSchema>['metrics']): Map<string, Map<string, Stats>> {
  const groups = new Map<string, Map<string, Stats>>([['', new Map()]]);
  for (const [key, metric] of Object.entries(metrics)) {
    const match = METRIC_KEY.exec(key);
    const base = match?.[1];
    const tags = match?.[2] ?? '';
    if (base === undefined || !HTTP_METRICS.has(base) || tags === DEFAULT_SUBMETRIC) continue;
    const stats = metric.values ? { values: metric.values, path: ['metrics', key, 'values'] } : { values: metric, path: ['metrics', key] };
    if (!groups.has(tags)) groups.set(tags, new Map());
    groups.get(tags)?.set(base, stats);
  }
  return groups;
}

/** `name:login` -> "login"; any other tag set stays as written ("status:>=500", "scenario:a,name:b"). */
function benchmarkName(tags: string): string {
  if (tags === '') return 'k6';
  return /^name:(.+)$/.exec(tags)?.[1] ?? tags;
}

function latencyMetrics(duration: Stats, file: string): Metric[] {
  const out: Metric[] = [];
  const statistics: [string, string][] = [
    ['latency', 'med'],
    ['latency-p95', 'p(95)'],
    ['latency-p99', 'p(99)'],
  ];
  for (const [name, key] of statistics) {
    const value = statOf(duration, key, file);
    if (value !== undefined) out.push({ name, unit: 'ms', direction: 'smaller', value });
  }
  return out;
}

/** 100 × (1 − failed fraction), or null when the sub-metric counted no requests (its rate of 0 means nothing). */
function successRate(failed: Stats, file: string): number | null | undefined {
  if (statOf(failed, 'passes', file) === 0 && statOf(failed, 'fails', file) === 0) return null;
  // handleSummary calls the fraction `rate`, --summary-export calls it `value`.
  const fraction = statOf(failed, 'rate' in failed.values ? 'rate' : 'value', file);
  return fraction === undefined ? undefined : 100 * (1 - fraction);
}

function parse(text: string, file: string): ImportOutcome {
  const root = requireObjectWith(parseJsonInput(text, file, FORMAT, SHAPE), 'metrics', file, FORMAT, SHAPE);
  const groups = groupByTags(checkJsonShape(fileSchema, root, file, FORMAT).metrics);
  if (!groups.get('')?.has('http_req_duration')) {
    throw new ImportError(file, FORMAT, 'metrics.http_req_duration: expected the HTTP request durations of a k6 run, but it is missing (not an HTTP test?)');
  }
  const warnings: string[] = [];
  const benchmarks: ImportedBenchmark[] = [];
  for (const [tags, group] of groups) {
    const name = benchmarkName(tags);
    const duration = group.get('http_req_duration');
    const metrics = duration ? latencyMetrics(duration, file) : [];
    const reqs = group.get('http_reqs');
    const rate = reqs && statOf(reqs, 'rate', file);
    if (rate !== undefined) metrics.push({ name: 'throughput', unit: 'ops/s', direction: 'bigger', value: rate });
    const failed = group.get('http_req_failed');
    const success = failed && successRate(failed, file);
    if (typeof success === 'number') metrics.push({ name: 'success-rate', unit: '%', direction: 'bigger', value: success });
    const why = success === null ? ' (http_req_failed counted no requests)' : '';
    if (metrics.length === 0) {
      warnings.push(`"${name}": no latency, throughput or success rate in the file${why}; skipped`);
      continue;
    }
    if (success === null) warnings.push(`"${name}": no success rate${why}`);
    benchmarks.push({ name, metrics });
  }
  return { benchmarks, warnings };
}

export const k6Importer: Importer = {
  format: FORMAT,
  description: 'k6 run --summary-export JSON, or the handleSummary data as JSON: one benchmark for the run and one per tagged sub-metric',
  parse,
};
