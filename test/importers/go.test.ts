import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { goImporter } from '../../src/importers/go.js';
import { importerFor } from '../../src/importers/registry.js';

const fixture = (name: string): string => readFileSync(path.join(import.meta.dirname, '../fixtures/importers/go', name), 'utf8');
const parse = (text: string, file = 'bench.txt') => goImporter.parse(text, file);

describe('go importer', () => {
  it('is registered as format "go"', () => {
    expect(importerFor('go')).toBe(goImporter);
  });

  it('merges the -count lines of a benchmark into rounds and drops the -GOMAXPROCS suffix', () => {
    const { benchmarks, warnings } = parse(fixture('bench-count5.txt'));
    expect(warnings).toEqual([]);
    expect(benchmarks.map((b) => b.name)).toEqual(['BenchmarkJoin', 'BenchmarkSort/size=10', 'BenchmarkSort/size=1000', 'BenchmarkCompares']);
    const join = benchmarks[0];
    expect(join?.metrics.map((m) => [m.name, m.unit, m.direction])).toEqual([
      ['latency', 'ms', 'smaller'],
      ['bytes-per-op', 'B', 'smaller'],
      ['allocs-per-op', 'allocs', 'smaller'],
    ]);
    // 53.01 ns/op ... 51.51 ns/op, one round per line.
    expect(join?.metrics[0]?.rounds).toEqual([[53.01 * 1e-6], [55.19 * 1e-6], [50.74 * 1e-6], [56.21 * 1e-6], [51.51 * 1e-6]]);
    expect(join?.metrics[1]?.rounds).toEqual([[24], [24], [24], [24], [24]]);
    expect(join?.metrics[2]?.rounds).toEqual([[1], [1], [1], [1], [1]]);
  });

  it('reads MB/s as bytes per second (MB = 1e6 bytes) and keeps sub-benchmark paths apart', () => {
    const { benchmarks } = parse(fixture('bench-count5.txt'));
    const small = benchmarks[1];
    expect(small?.metrics.map((m) => [m.name, m.unit, m.direction])).toEqual([
      ['latency', 'ms', 'smaller'],
      ['throughput-bytes', 'B/s', 'bigger'],
      ['bytes-per-op', 'B', 'smaller'],
      ['allocs-per-op', 'allocs', 'smaller'],
    ]);
    expect(small?.metrics[1]?.rounds).toEqual([[390.32 * 1e6], [365.36 * 1e6], [368.75 * 1e6], [401.27 * 1e6], [366.42 * 1e6]]);
    const large = benchmarks[2];
    expect(large?.metrics[0]?.rounds?.[0]).toEqual([27265 * 1e-6]);
    expect(large?.metrics[0]?.rounds?.[4]).toEqual([28297 * 1e-6]);
    expect(large?.metrics[2]?.rounds).toEqual([[25], [25], [25], [26], [26]]);
  });

  it('keeps a b.ReportMetric unit as written, named after it, smaller is better', () => {
    const compares = parse(fixture('bench-count5.txt')).benchmarks[3];
    expect(compares?.metrics[1]).toEqual({ name: 'compares-per-op', unit: 'compares/op', direction: 'smaller', rounds: [[644], [644], [644], [644], [644]] });
    expect(compares?.metrics[0]?.rounds?.[0]).toEqual([2446 * 1e-6]);
  });

  it('prefixes the package only when two packages have a benchmark of the same name', () => {
    const { benchmarks } = parse(fixture('bench-two-packages.txt'));
    expect(benchmarks.map((b) => b.name)).toEqual(['example.com/fixturebench.BenchmarkJoin', 'example.com/fixturebench/other.BenchmarkJoin']);
    expect(benchmarks[0]?.metrics[0]?.rounds).toEqual([[47.43 * 1e-6], [50.39 * 1e-6]]);
    expect(benchmarks[1]?.metrics[0]?.rounds).toEqual([[29.28 * 1e-6], [27.78 * 1e-6]]);
  });

  it('keeps the suffix when the same benchmark ran with several GOMAXPROCS (-cpu 1,2)', () => {
    // The form go test prints for -cpu 1,2: no suffix for 1, "-2" for 2.
    const text = 'pkg: example.com/x\nBenchmarkJoin \t 100\t 50.5 ns/op\nBenchmarkJoin-2 \t 100\t 40.5 ns/op\nPASS\n';
    expect(parse(text).benchmarks.map((b) => [b.name, b.metrics[0]?.rounds])).toEqual([
      ['BenchmarkJoin', [[50.5 * 1e-6]]],
      ['BenchmarkJoin-2', [[40.5 * 1e-6]]],
    ]);
  });

  it('warns about a failed benchmark instead of ignoring it', () => {
    const text = `${fixture('bench-two-packages.txt')}--- FAIL: BenchmarkBroken\nFAIL\texample.com/fixturebench/broken\t0.002s\n`;
    expect(parse(text).warnings).toEqual(['line 17: --- FAIL: BenchmarkBroken', 'line 18: FAIL example.com/fixturebench/broken 0.002s']);
  });

  it('rejects a result line whose values do not come in pairs, naming the line', () => {
    const text = fixture('bench-count5.txt').replace('53.01 ns/op', '53.01 ns/op 7');
    expect(() => parse(text, 'out/bench.txt')).toThrow('out/bench.txt: go: line 5: expected "<value> <unit>" pairs after the iteration count, got "53.01 ns/op 7 24 B/op 1 allocs/op"');
  });

  it('rejects another tool`s file and an empty file', () => {
    const hyperfine = readFileSync(path.join(import.meta.dirname, '../fixtures/importers/hyperfine/two-commands.json'), 'utf8');
    expect(() => parse(hyperfine, 'two-commands.json')).toThrow(
      'two-commands.json: go: expected go test -bench output with result lines like "BenchmarkName-8  1000000  1234 ns/op", found none',
    );
    expect(() => parse('')).toThrow('bench.txt: go: expected go test -bench output with result lines like "BenchmarkName-8  1000000  1234 ns/op", found none');
  });
});
