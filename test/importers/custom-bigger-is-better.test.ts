import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { customBiggerIsBetterImporter } from '../../src/importers/custom-bigger-is-better.js';
import { importerFor } from '../../src/importers/registry.js';

const fixture = (name: string): string => readFileSync(path.join(import.meta.dirname, '../fixtures/importers/custom-bigger-is-better', name), 'utf8');
const parse = (text: string, file = 'custom.json') => customBiggerIsBetterImporter.parse(text, file);
const SHAPE = 'a JSON array of {"name", "unit", "value"} entries (github-action-benchmark\'s custom-bigger-is-better input)';

describe('custom-bigger-is-better importer', () => {
  it('is registered as format "custom-bigger-is-better"', () => {
    expect(importerFor('custom-bigger-is-better')).toBe(customBiggerIsBetterImporter);
  });

  it('reads a rate as throughput in ops/s and keeps other units in metric "value", bigger is better', () => {
    const { benchmarks, warnings } = parse(fixture('customBiggerIsBetter_output.json'));
    expect(warnings).toEqual([]);
    expect(benchmarks).toEqual([
      { name: 'My Custom Bigger Is Better Benchmark - Throughput', metrics: [{ name: 'throughput', unit: 'ops/s', direction: 'bigger', value: 70 }] },
      // range "3": an absolute spread in the entry's unit.
      { name: 'My Custom Bigger Is Better Benchmark - Free Memory', metrics: [{ name: 'value', unit: 'Megabytes', direction: 'bigger', value: 150, spread: 3 }] },
    ]);
  });

  it('does not call a time "latency" when the file says bigger is better, and says so', () => {
    const { benchmarks, warnings } = parse('[{"name": "uptime", "unit": "s", "value": 30}, {"name": "rps", "unit": "ops/sec", "value": 1200}]');
    expect(benchmarks.map((b) => b.metrics[0])).toEqual([
      { name: 'value', unit: 's', direction: 'bigger', value: 30 },
      { name: 'throughput', unit: 'ops/s', direction: 'bigger', value: 1200 },
    ]);
    expect(warnings).toEqual(['"uptime": unit "s" is a time but the file says bigger is better; kept as metric "value" in "s"']);
  });

  it('rejects a broken file with the field and what was expected', () => {
    expect(() => parse('[{"name": "x", "unit": "req/s"}]', 'out/custom.json')).toThrow(
      'out/custom.json: custom-bigger-is-better: [0].value: expected a number, but it is missing',
    );
    expect(() => parse(fixture('customBiggerIsBetter_output.json').slice(0, -20))).toThrow(
      `custom.json: custom-bigger-is-better: line 12, column 67: expected ${SHAPE}, got text that is not valid JSON`,
    );
  });

  it('rejects another tool`s file and an empty file', () => {
    const go = readFileSync(path.join(import.meta.dirname, '../fixtures/importers/go/bench-count5.txt'), 'utf8');
    expect(() => parse(go, 'bench.txt')).toThrow(`bench.txt: custom-bigger-is-better: line 1, column 1: expected ${SHAPE}, got text that is not valid JSON`);
    expect(() => parse('')).toThrow(`custom.json: custom-bigger-is-better: expected ${SHAPE}, got an empty file`);
  });
});
