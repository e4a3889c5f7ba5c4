import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pytestBenchmarkImporter } from '../../src/importers/pytest-benchmark.js';
import { importerFor } from '../../src/importers/registry.js';

const fixture = (name: string): string => readFileSync(path.join(import.meta.dirname, '../fixtures/importers/pytest-benchmark', name), 'utf8');
const parse = (text: string, file = 'bench.json') => pytestBenchmarkImporter.parse(text, file);
const SHAPE = 'pytest-benchmark JSON ({"benchmarks": [{"name", "fullname", "stats"}]})';

describe('pytest-benchmark importer', () => {
  it('is registered as format "pytest-benchmark"', () => {
    expect(importerFor('pytest-benchmark')).toBe(pytestBenchmarkImporter);
  });

  it('turns stats.data of --benchmark-json (5.2.3) into one latency round per pytest round, in ms', () => {
    const { benchmarks, warnings } = parse(fixture('benchmark-json.json'));
    expect(warnings).toEqual([]);
    expect(benchmarks.map((b) => b.name)).toEqual(['test_sum_range', 'test_join[3]', 'test_join[30]', 'test_sorted_pedantic']);
    for (const b of benchmarks) expect(b.metrics.map((m) => [m.name, m.unit, m.direction, m.value])).toEqual([['latency', 'ms', 'smaller', undefined]]);
    const sum = benchmarks[0]?.metrics[0]?.rounds;
    expect(sum).toHaveLength(152);
    expect(sum?.[0]).toEqual([9.157000022241846e-6 * 1000]);
    expect(sum?.[151]).toEqual([8.9879977167584e-6 * 1000]);
    expect(benchmarks[1]?.metrics[0]?.rounds).toHaveLength(301);
    expect(benchmarks[2]?.metrics[0]?.rounds).toHaveLength(62);
    // 10 iterations a round: the values are already per call (round time / 10).
    const pedantic = benchmarks[3]?.metrics[0]?.rounds;
    expect(pedantic).toHaveLength(6);
    expect(pedantic?.[0]).toEqual([2.2071999410400167e-6 * 1000]);
    expect(pedantic?.[5]).toEqual([1.8475999240763486e-6 * 1000]);
  });

  it('reads the same form written by pytest-benchmark 3.2.2', () => {
    const { benchmarks } = parse(fixture('benchmark-json-3.2.2.json'));
    expect(benchmarks.map((b) => [b.name, b.metrics[0]?.rounds?.length])).toEqual([
      ['test_sum_range', 138],
      ['test_join[3]', 128],
      ['test_join[30]', 195],
      ['test_sorted_pedantic', 6],
    ]);
    expect(benchmarks[0]?.metrics[0]?.rounds?.[0]).toEqual([4.678000550484285e-6 * 1000]);
    expect(benchmarks[0]?.metrics[0]?.rounds?.[137]).toEqual([4.397999873617664e-6 * 1000]);
  });

  it('uses the median as the value and the standard deviation as the spread when the file has no data', () => {
    const { benchmarks } = parse(fixture('saved-summary.json'));
    expect(benchmarks[0]?.metrics).toEqual([
      { name: 'latency', unit: 'ms', direction: 'smaller', value: 8.897000952856615e-6 * 1000, spread: 1.332466568009234e-6 * 1000 },
    ]);
    expect(benchmarks[3]?.metrics[0]?.value).toBe(1.988350231840741e-6 * 1000);
    expect(benchmarks[3]?.metrics[0]?.spread).toBe(1.4773145884003572e-7 * 1000);
    expect(benchmarks[3]?.metrics[0]?.rounds).toBeUndefined();
  });

  it('uses the full name only for test names that repeat', () => {
    const root = JSON.parse(fixture('saved-summary.json')) as { benchmarks: { name: string; fullname: string }[] };
    const copy = { ...(root.benchmarks[0] as { name: string; fullname: string }), fullname: 'test_other.py::test_sum_range' };
    root.benchmarks.push(copy);
    expect(parse(JSON.stringify(root)).benchmarks.map((b) => b.name)).toEqual([
      'test_small.py::test_sum_range',
      'test_join[3]',
      'test_join[30]',
      'test_sorted_pedantic',
      'test_other.py::test_sum_range',
    ]);
  });

  it('rejects a broken file with the field and what was expected', () => {
    const text = fixture('saved-summary.json').replace('"median": ', '"median": "x", "_": ');
    expect(() => parse(text, 'out/bench.json')).toThrow('out/bench.json: pytest-benchmark: benchmarks[0].stats.median: expected a number, got "x"');
    expect(() => parse(fixture('saved-summary.json').slice(0, 1000))).toThrow(
      `bench.json: pytest-benchmark: line 33, column 14: expected ${SHAPE}, got text that is not valid JSON`,
    );
  });

  it('rejects another tool`s file and an empty file', () => {
    const hyperfine = readFileSync(path.join(import.meta.dirname, '../fixtures/importers/hyperfine/two-commands.json'), 'utf8');
    expect(() => parse(hyperfine, 'two-commands.json')).toThrow(`two-commands.json: pytest-benchmark: expected ${SHAPE}, got an object without "benchmarks"`);
    expect(() => parse(' \n')).toThrow(`bench.json: pytest-benchmark: expected ${SHAPE}, got an empty file`);
  });
});
