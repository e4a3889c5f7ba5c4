import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { k6Importer } from '../../src/importers/k6.js';
import { importerFor } from '../../src/importers/registry.js';

const fixture = (name: string): string => readFileSync(path.join(import.meta.dirname, '../fixtures/importers/k6', name), 'utf8');
const parse = (text: string, file = 'summary.json') => k6Importer.parse(text, file);
const SHAPE = 'k6 JSON summary (k6 run --summary-export, or the data handleSummary gets) with "metrics"';

describe('k6 importer', () => {
  it('is registered as format "k6"', () => {
    expect(importerFor('k6')).toBe(k6Importer);
  });

  it('reads the handleSummary data: median and p95 latency, request rate, success rate', () => {
    const { benchmarks, warnings } = parse(fixture('nodebb-handle-summary.json'));
    expect(warnings).toEqual([]);
    expect(benchmarks).toEqual([
      {
        name: 'k6',
        metrics: [
          { name: 'latency', unit: 'ms', direction: 'smaller', value: 8.863646 },
          { name: 'latency-p95', unit: 'ms', direction: 'smaller', value: 13.310266949999999 },
          { name: 'throughput', unit: 'ops/s', direction: 'bigger', value: 3.8199338811200354 },
          // http_req_failed rate 0: 0 of 162 requests failed.
          { name: 'success-rate', unit: '%', direction: 'bigger', value: 100 },
        ],
      },
    ]);
  });

  it('reads the flatter --summary-export form, where the failed fraction is `value`', () => {
    const { benchmarks } = parse(fixture('ticket-reserve-summary-export.json'));
    expect(benchmarks).toEqual([
      {
        name: 'k6',
        metrics: [
          { name: 'latency', unit: 'ms', direction: 'smaller', value: 3390.69845 },
          { name: 'latency-p95', unit: 'ms', direction: 'smaller', value: 4101.811365 },
          { name: 'throughput', unit: 'ops/s', direction: 'bigger', value: 23.738350582489275 },
          // 1 of 100 requests failed: 100 × (1 − 0.01).
          { name: 'success-rate', unit: '%', direction: 'bigger', value: 99 },
        ],
      },
    ]);
  });

  it('takes p99 where the run was configured to report it, and skips p95 when it was not', () => {
    const metrics = parse(fixture('qr-code-generator-summary-export.json')).benchmarks[0]?.metrics;
    expect(metrics?.map((m) => [m.name, m.value])).toEqual([
      ['latency', 3.12],
      ['latency-p99', 348.6492700000003],
      ['throughput', 4288.100370179589],
      ['success-rate', 100],
    ]);
  });

  it('ignores thresholds and k6`s default expected_response sub-metric, and skips a tagged sub-metric without requests', () => {
    const { benchmarks, warnings } = parse(fixture('high-vol-ticketing-summary-export.json'));
    expect(benchmarks.map((b) => b.name)).toEqual(['k6']);
    expect(benchmarks[0]?.metrics.map((m) => [m.name, m.value])).toEqual([
      ['latency', 46.221638],
      ['latency-p95', 1669.1269523999997],
      ['throughput', 116.69198867131759],
      // http_req_failed value 0.2297172473956997 (8953 of 38974 requests).
      ['success-rate', 100 * (1 - 0.2297172473956997)],
    ]);
    expect(warnings).toEqual(['"status:>=500": no latency, throughput or success rate in the file (http_req_failed counted no requests); skipped']);
  });

  it('makes one benchmark per request name of tagged sub-metrics, after the whole run', () => {
    // The sub-metrics a script with thresholds on {name:login} gets, added to a real file.
    const root = JSON.parse(fixture('nodebb-handle-summary.json')) as { metrics: Record<string, unknown> };
    root.metrics['http_req_duration{name:login}'] = { type: 'trend', contains: 'time', values: { avg: 12.5, min: 3, med: 11.25, max: 40, 'p(90)': 20, 'p(95)': 25.5 } };
    root.metrics['http_reqs{name:login}'] = { type: 'counter', contains: 'default', values: { count: 54, rate: 1.2733112937066784 } };
    const { benchmarks } = parse(JSON.stringify(root));
    expect(benchmarks.map((b) => b.name)).toEqual(['k6', 'login']);
    expect(benchmarks[1]?.metrics).toEqual([
      { name: 'latency', unit: 'ms', direction: 'smaller', value: 11.25 },
      { name: 'latency-p95', unit: 'ms', direction: 'smaller', value: 25.5 },
      { name: 'throughput', unit: 'ops/s', direction: 'bigger', value: 1.2733112937066784 },
    ]);
  });

  it('rejects a broken file with the field and what was expected', () => {
    const text = fixture('nodebb-handle-summary.json').replace(/"med": 8\.863646,\n(\s+"max": 37\.208542\n\s+\}\n\s+\}\n\s+\}\n\})$/, '"med": "8.8",\n$1');
    expect(() => parse(text, 'k6/summary.json')).toThrow('k6/summary.json: k6: metrics.http_req_duration.values.med: expected a number, got "8.8"');
    expect(() => parse(fixture('nodebb-handle-summary.json').slice(0, 300))).toThrow(`summary.json: k6: line 13, column 23: expected ${SHAPE}, got text that is not valid JSON`);
  });

  it('rejects another tool`s file, a run without HTTP requests and an empty file', () => {
    const hyperfine = readFileSync(path.join(import.meta.dirname, '../fixtures/importers/hyperfine/two-commands.json'), 'utf8');
    expect(() => parse(hyperfine, 'two-commands.json')).toThrow(`two-commands.json: k6: expected ${SHAPE}, got an object without "metrics"`);
    expect(() => parse('{"metrics": {"vus": {"value": 1, "min": 1, "max": 1}}}')).toThrow(
      'summary.json: k6: metrics.http_req_duration: expected the HTTP request durations of a k6 run, but it is missing (not an HTTP test?)',
    );
    expect(() => parse('')).toThrow(`summary.json: k6: expected ${SHAPE}, got an empty file`);
  });
});
