import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { customSmallerIsBetterImporter } from '../../src/importers/custom-smaller-is-better.js';
import { importerFor } from '../../src/importers/registry.js';

const fixture = (name: string): string => readFileSync(path.join(import.meta.dirname, '../fixtures/importers/custom-smaller-is-better', name), 'utf8');
const parse = (text: string, file = 'custom.json') => customSmallerIsBetterImporter.parse(text, file);
const SHAPE = 'a JSON array of {"name", "unit", "value"} entries (github-action-benchmark\'s custom-smaller-is-better input)';

describe('custom-smaller-is-better importer', () => {
  it('is registered as format "custom-smaller-is-better"', () => {
    expect(importerFor('custom-smaller-is-better')).toBe(customSmallerIsBetterImporter);
  });

  it('reads times as latency in ms with the numeric range as the spread', () => {
    const { benchmarks, warnings } = parse(fixture('customSmallerIsBetter_output2.json'));
    expect(warnings).toEqual([]);
    expect(benchmarks.map((b) => b.name)).toEqual(['No instrumentation', 'Deactivated probe', 'No logging', 'Binary file']);
    expect(benchmarks[0]?.metrics).toEqual([{ name: 'latency', unit: 'ms', direction: 'smaller', value: 90.9439 * 1e-6, spread: 0.519165 * 1e-6 }]);
    expect(benchmarks[3]?.metrics).toEqual([{ name: 'latency', unit: 'ms', direction: 'smaller', value: 3886.75 * 1e-6, spread: 87.1657 * 1e-6 }]);
  });

  it('keeps other units as written in metric "value", and a relative range as a share of the value', () => {
    const { benchmarks } = parse(fixture('customSmallerIsBetter_output.txt'));
    expect(benchmarks).toEqual([
      // range "5%" of 50.
      { name: 'My Custom Smaller Is Better Benchmark - CPU Load', metrics: [{ name: 'value', unit: 'Percent', direction: 'smaller', value: 50, spread: 2.5 }] },
      { name: 'My Custom Smaller Is Better Benchmark - Memory Used', metrics: [{ name: 'value', unit: 'Megabytes', direction: 'smaller', value: 100 }] },
    ]);
  });

  it('reads "± x" ranges, and warns about a range it does not understand', () => {
    const text = '[{"name": "a", "unit": "us", "value": 12, "range": "± 0.5"}, {"name": "b", "unit": "s/op", "value": 2, "range": "+- 0.25"}, {"name": "c", "unit": "ms", "value": 3, "range": "about 1"}]';
    const { benchmarks, warnings } = parse(text);
    expect(benchmarks.map((b) => b.metrics[0])).toEqual([
      { name: 'latency', unit: 'ms', direction: 'smaller', value: 12 * 1e-3, spread: 0.5 * 1e-3 },
      { name: 'latency', unit: 'ms', direction: 'smaller', value: 2 * 1000, spread: 0.25 * 1000 },
      { name: 'latency', unit: 'ms', direction: 'smaller', value: 3 },
    ]);
    expect(warnings).toEqual(['"c": range "about 1" is not "± <number>" or "±<number>%"; no spread taken from it']);
  });

  it('joins entries of one name with different metrics and names a repeated metric apart', () => {
    const text = '[{"name": "a", "unit": "ms", "value": 1}, {"name": "a", "unit": "MB", "value": 5}, {"name": "a", "unit": "ms", "value": 2}]';
    const { benchmarks, warnings } = parse(text);
    expect(benchmarks.map((b) => [b.name, b.metrics.map((m) => [m.name, m.value])])).toEqual([
      ['a', [['latency', 1], ['value', 5]]],
      ['a (2)', [['latency', 2]]],
    ]);
    expect(warnings).toEqual(['"a" has metric "latency" twice; the later entry is named "a (2)"']);
  });

  it('rejects a broken file with the field and what was expected', () => {
    expect(() => parse('[{"name": "x", "unit": "ms", "value": "abc"}]', 'out/custom.json')).toThrow('out/custom.json: custom-smaller-is-better: [0].value: expected a number, got "abc"');
    expect(() => parse(fixture('customSmallerIsBetter_output2.json').slice(0, 120))).toThrow(
      `custom.json: custom-smaller-is-better: line 9, column 10: expected ${SHAPE}, got text that is not valid JSON`,
    );
    expect(() => parse('[]')).toThrow('custom.json: custom-smaller-is-better: expected at least 1 entry, got an empty array');
  });

  it('rejects another tool`s file and an empty file', () => {
    const hyperfine = readFileSync(path.join(import.meta.dirname, '../fixtures/importers/hyperfine/two-commands.json'), 'utf8');
    expect(() => parse(hyperfine, 'two-commands.json')).toThrow(`two-commands.json: custom-smaller-is-better: expected ${SHAPE}, got an object`);
    expect(() => parse('')).toThrow(`custom.json: custom-smaller-is-better: expected ${SHAPE}, got an empty file`);
  });
});
