import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { googleBenchmarkImporter } from '../../src/importers/google-benchmark.js';
import { importerFor } from '../../src/importers/registry.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/importers');
const read = (rel: string): string => readFileSync(path.join(FIXTURES, rel), 'utf8');
const fixture = (name: string): string => read(`google-benchmark/${name}`);
const parse = (text: string, file = 'bench.json') => googleBenchmarkImporter.parse(text, file);
const SHAPE = 'Google Benchmark JSON (--benchmark_format=json or --benchmark_out) ({"context": {...}, "benchmarks": [...]})';
const SKIPPED = '"BM_NeedsInput": skipped: it reported an error: input file not found';

describe('google-benchmark importer', () => {
  it('is registered as format "google-benchmark"', () => {
    expect(importerFor('google-benchmark')).toBe(googleBenchmarkImporter);
  });

  it('turns every repetition into one round of real time, CPU time and items or bytes per second', () => {
    const { benchmarks, warnings } = parse(fixture('repetitions.json'));
    expect(warnings).toEqual([SKIPPED]);
    expect(benchmarks.map((b) => b.name)).toEqual(['BM_Sort/100', 'BM_Sort/1000', 'BM_Copy/4096']);
    const [sort100, , copy] = benchmarks;
    expect(sort100?.metrics.map((m) => [m.name, m.unit, m.direction, m.rounds?.length])).toEqual([
      ['latency', 'ms', 'smaller', 4],
      ['cpu-time', 'ms', 'smaller', 4],
      ['throughput', 'ops/s', 'bigger', 4],
    ]);
    expect(sort100?.metrics[0]?.rounds?.[0]).toEqual([265.6947476193459 * 1e-6]);
    expect(sort100?.metrics[0]?.rounds?.[3]).toEqual([264.96965498820884 * 1e-6]);
    expect(sort100?.metrics[1]?.rounds?.[0]).toEqual([264.2593514719357 * 1e-6]);
    expect(sort100?.metrics[2]?.rounds?.[0]).toEqual([378416125.8362128]);
    expect(sort100?.metrics[2]?.rounds?.[3]).toEqual([378316196.03765655]);
    // The aggregates of the same runs are not read next to the runs themselves.
    expect(sort100?.metrics.every((m) => m.value === undefined)).toBe(true);
    expect(copy?.metrics.map((m) => m.name)).toEqual(['latency', 'cpu-time', 'throughput-bytes']);
    expect(copy?.metrics[2]).toMatchObject({ unit: 'B/s', direction: 'bigger' });
    expect(copy?.metrics[2]?.rounds?.[0]).toEqual([86936700785.56387]);
    expect(copy?.metrics[2]?.rounds?.[3]).toEqual([62021740725.64705]);
  });

  it('reads a run without repetitions as one round and passes over the BigO and RMS fits of ->Complexity()', () => {
    const { benchmarks, warnings } = parse(fixture('single.json'));
    expect(warnings).toEqual([SKIPPED]);
    expect(benchmarks.map((b) => b.name)).toEqual(['BM_Sort/100', 'BM_Sort/1000', 'BM_Copy/4096']);
    expect(benchmarks[1]).toEqual({
      name: 'BM_Sort/1000',
      metrics: [
        { name: 'latency', unit: 'ms', direction: 'smaller', rounds: [[3493.2441842370977 * 1e-6]] },
        { name: 'cpu-time', unit: 'ms', direction: 'smaller', rounds: [[3487.5987793286313 * 1e-6]] },
        { name: 'throughput', unit: 'ops/s', direction: 'bigger', rounds: [[286730229.95853376]] },
      ],
    });
  });

  it('converts --benchmark_time_unit=us to ms', () => {
    const { benchmarks, warnings } = parse(fixture('microseconds.json'));
    expect(warnings).toEqual([]);
    expect(benchmarks.map((b) => b.name)).toEqual(['BM_Sort/100', 'BM_Sort/1000']);
    expect(benchmarks[0]?.metrics[0]?.rounds).toEqual([[0.27237697514793535 * 1e-3]]);
    expect(benchmarks[0]?.metrics[1]?.rounds).toEqual([[0.2703143479289941 * 1e-3]]);
  });

  it('falls back to the mean and stddev aggregates when only aggregates were reported', () => {
    const { benchmarks, warnings } = parse(fixture('aggregates-only.json'));
    expect(warnings).toEqual([SKIPPED]);
    expect(benchmarks.map((b) => b.name)).toEqual(['BM_Sort/100', 'BM_Sort/1000', 'BM_Copy/4096']);
    expect(benchmarks[0]?.metrics).toEqual([
      { name: 'latency', unit: 'ms', direction: 'smaller', value: 281.7102583163117 * 1e-6, spread: 2.4411361084398546 * 1e-6 },
      { name: 'cpu-time', unit: 'ms', direction: 'smaller', value: 281.1991825799576 * 1e-6, spread: 2.5118324516153967 * 1e-6 },
      { name: 'throughput', unit: 'ops/s', direction: 'bigger', value: 355641140.71537673, spread: 3183924.82773238 },
    ]);
    expect(benchmarks[2]?.metrics[2]).toEqual({ name: 'throughput-bytes', unit: 'B/s', direction: 'bigger', value: 80524133990.68967, spread: 12189589263.107685 });
  });

  it('rejects a broken entry with its position and field', () => {
    const text = fixture('single.json').replace('"real_time": 3.2394265239315661e+02', '"real_time": "fast"');
    expect(() => parse(text, 'out/bench.json')).toThrow('out/bench.json: google-benchmark: benchmarks[0].real_time: expected a number, got "fast"');
    expect(() => parse(fixture('single.json').replace('"time_unit": "ns"', '"time_unit": "ps"'))).toThrow(
      'bench.json: google-benchmark: benchmarks[0].time_unit: expected one of "ns"|"us"|"ms"|"s", got "ps"',
    );
    expect(() => parse(fixture('single.json').replace(/"cpu_time": [^,]*,/, ''))).toThrow('bench.json: google-benchmark: benchmarks[0].cpu_time: expected a number, but it is missing');
  });

  it('rejects another tool`s file, an empty file, no benchmarks, and a file where every benchmark failed', () => {
    expect(() => parse(read('benchmarkdotnet/fantomas-report-full.json'), 'report.json')).toThrow(`report.json: google-benchmark: expected ${SHAPE}, got an object without "context"`);
    expect(() => parse(read('jmh/thrpt-one-fork.json'), 'jmh.json')).toThrow(`jmh.json: google-benchmark: expected ${SHAPE}, got an array`);
    expect(() => parse('  \n')).toThrow(`bench.json: google-benchmark: expected ${SHAPE}, got an empty file`);
    expect(() => parse('{"context": {}, "benchmarks": []}')).toThrow('bench.json: google-benchmark: benchmarks: expected at least 1 entry, got an empty array');
    const failedOnly = JSON.parse(fixture('single.json')) as { benchmarks: { name: string }[] };
    failedOnly.benchmarks = failedOnly.benchmarks.filter((b) => b.name === 'BM_NeedsInput');
    expect(() => parse(JSON.stringify(failedOnly))).toThrow(`bench.json: google-benchmark: expected at least one benchmark with results, got none: ${SKIPPED}`);
  });

  it('leaves out single failed or skipped repetitions of a benchmark that otherwise ran, with a warning', () => {
    const root = JSON.parse(fixture('repetitions.json')) as { benchmarks: Record<string, unknown>[] };
    const second = root.benchmarks[1] as Record<string, unknown>;
    second.skipped = true;
    second.skip_message = 'cache cold';
    const { benchmarks, warnings } = parse(JSON.stringify(root));
    expect(benchmarks[0]?.metrics[0]?.rounds).toEqual([[265.6947476193459 * 1e-6], [266.9524558617491 * 1e-6], [264.96965498820884 * 1e-6]]);
    expect(warnings).toEqual(['"BM_Sort/100": 1 of its runs was left out: it skipped itself: cache cold', SKIPPED]);
  });
});
