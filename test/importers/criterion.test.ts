import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { criterionImporter } from '../../src/importers/criterion.js';
import { importerFor } from '../../src/importers/registry.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/importers');
const read = (rel: string): string => readFileSync(path.join(FIXTURES, rel), 'utf8');
const SORT_100 = 'test/fixtures/importers/criterion/target/criterion/sort/100/new';
const parse = (text: string, file = `${SORT_100}/sample.json`) => criterionImporter.parse(text, file);

describe('criterion importer', () => {
  it('is registered as format "criterion"', () => {
    expect(importerFor('criterion')).toBe(criterionImporter);
  });

  it('divides every Linear-mode sample by its iteration count: one latency round in ms each, named by its folder', () => {
    const file = 'target/criterion/fnv hash/new/sample.json';
    const { benchmarks, warnings } = parse(read(`criterion/${file}`), file);
    expect(warnings).toEqual([]);
    expect(benchmarks).toHaveLength(1);
    expect(benchmarks[0]?.name).toBe('fnv hash');
    const latency = benchmarks[0]?.metrics[0];
    expect(benchmarks[0]?.metrics).toHaveLength(1);
    expect(latency).toMatchObject({ name: 'latency', unit: 'ms', direction: 'smaller' });
    expect(latency?.rounds).toHaveLength(10);
    // iters 8267 ... 82670, times 9112344 ... 90377470 ns.
    expect(latency?.rounds?.[0]).toEqual([(9112344 / 8267) * 1e-6]);
    expect(latency?.rounds?.[9]).toEqual([(90377470 / 82670) * 1e-6]);
    expect(latency?.value).toBeUndefined();
  });

  it('names a parameterised benchmark <group>/<parameter> from a path under the last target/criterion', () => {
    const { benchmarks } = parse(read('criterion/target/criterion/sort/1000/new/sample.json'), 'test/fixtures/importers/criterion/target/criterion/sort/1000/new/sample.json');
    expect(benchmarks[0]?.name).toBe('sort/1000');
    // Flat sampling mode: 8775 iterations in every sample.
    expect(benchmarks[0]?.metrics[0]?.rounds?.[0]).toEqual([(50132807 / 8775) * 1e-6]);
    expect(benchmarks[0]?.metrics[0]?.rounds?.[9]).toEqual([(50007067 / 8775) * 1e-6]);
  });

  it('names by the folders before new/ when there is no criterion folder, and reads base/ the same way', () => {
    const text = read('criterion/target/criterion/sort/100/new/sample.json');
    expect(parse(text, 'bench-out/sort/100/new/sample.json').benchmarks[0]?.name).toBe('bench-out/sort/100');
    expect(parse(text, 'C:\\work\\target\\criterion\\sort\\100\\base\\sample.json').benchmarks[0]?.name).toBe('sort/100');
    // A group that is itself called "criterion".
    expect(parse(text, 'out/criterion/criterion/new/sample.json').benchmarks[0]?.name).toBe('criterion');
  });

  it('reads estimates.json as a summary: the mean with the standard deviation as spread', () => {
    const { benchmarks } = parse(read('criterion/target/criterion/sort/100/new/estimates.json'), `${SORT_100}/estimates.json`);
    expect(benchmarks).toEqual([
      { name: 'sort/100', metrics: [{ name: 'latency', unit: 'ms', direction: 'smaller', value: 448.36720706115466 * 1e-6, spread: 1.2025456950618645 * 1e-6 }] },
    ]);
  });

  it('rejects a broken sample file with the field and what was expected', () => {
    const text = read('criterion/target/criterion/sort/100/new/sample.json');
    expect(() => parse(text.replace('"times":[49659184.0', '"times":["49659184"'))).toThrow(
      `${SORT_100}/sample.json: criterion: times[0]: expected a number, got "49659184"`,
    );
    expect(() => parse(text.replace('"iters":[111030.0,', '"iters":[0,'))).toThrow(`${SORT_100}/sample.json: criterion: iters[0]: expected a positive iteration count, got 0`);
    expect(() => parse(text.replace('49659184.0,', ''))).toThrow(`${SORT_100}/sample.json: criterion: times: expected 10 entries, one per entry of iters, got 9`);
    expect(() => parse(text.slice(0, 40))).toThrow(
      `${SORT_100}/sample.json: criterion: line 1, column 40: expected criterion's new/sample.json ({"sampling_mode", "iters", "times"}) or new/estimates.json ({"mean", "median", "std_dev", ...}), got text that is not valid JSON`,
    );
  });

  it('rejects another tool`s file, an empty file, change/estimates.json and a path without folders', () => {
    expect(() => parse(read('google-benchmark/single.json'), 'single.json')).toThrow(
      'single.json: criterion: expected criterion\'s new/sample.json ({"sampling_mode", "iters", "times"}) or new/estimates.json ({"mean", "median", "std_dev", ...}), got an object without "iters" or "mean"',
    );
    expect(() => parse('')).toThrow(
      `${SORT_100}/sample.json: criterion: expected criterion's new/sample.json ({"sampling_mode", "iters", "times"}) or new/estimates.json ({"mean", "median", "std_dev", ...}), got an empty file`,
    );
    const estimates = read('criterion/target/criterion/sort/100/new/estimates.json');
    expect(() => parse(estimates, 'target/criterion/sort/100/change/estimates.json')).toThrow(
      'target/criterion/sort/100/change/estimates.json: criterion: expected new/estimates.json or new/sample.json, got change/estimates.json (the relative change against the previous run, not a measurement)',
    );
    expect(() => parse(estimates, 'estimates.json')).toThrow(
      'estimates.json: criterion: expected a path like target/criterion/<benchmark>/new/sample.json: the benchmark name comes from its folders',
    );
  });
});
