import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchmarkjsImporter } from '../../src/importers/benchmarkjs.js';
import { importerFor } from '../../src/importers/registry.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/importers');
const read = (rel: string): string => readFileSync(path.join(FIXTURES, rel), 'utf8');
const parse = (text: string, file = 'bench.txt') => benchmarkjsImporter.parse(text, file);
const LINE = '"<name> x <ops> ops/sec ±<rme>% (<n> runs sampled)"';

describe('benchmarkjs importer', () => {
  it('is registered as format "benchmarkjs"', () => {
    expect(importerFor('benchmarkjs')).toBe(benchmarkjsImporter);
  });

  it('reads every result line as a throughput value, ignoring the other lines and the failed benchmark', () => {
    const { benchmarks, warnings } = parse(read('benchmarkjs/output.txt'));
    expect(warnings).toEqual([]);
    expect(benchmarks.map((b) => b.name)).toEqual(['Array#join', 'String concat', 'JSON.parse', 'RegExp#test', 'fib(32) recursive']);
    expect(benchmarks.every((b) => b.metrics.length === 1 && b.metrics[0]?.rounds === undefined)).toBe(true);
    // "Array#join x 313,896 ops/sec ±3.80% (87 runs sampled)": beyond 30 degrees of freedom t = 1.96.
    expect(benchmarks[0]?.metrics[0]).toEqual({ name: 'throughput', unit: 'ops/s', direction: 'bigger', value: 313896, spread: (313896 * 3.8 * Math.sqrt(87)) / (100 * 1.96) });
    expect(benchmarks[3]?.metrics[0]?.value).toBe(67811594);
    // "fib(32) recursive x 38.97 ops/sec ±8.39% (46 runs sampled)": below 100 ops/s with decimals.
    expect(benchmarks[4]?.metrics[0]).toEqual({ name: 'throughput', unit: 'ops/s', direction: 'bigger', value: 38.97, spread: (38.97 * 8.39 * Math.sqrt(46)) / (100 * 1.96) });
    // 313896 · 0.038 · √87 / 1.96 = 56763.99...: the sd of the per-cycle rates, about 18% of the mean.
    expect(benchmarks[0]?.metrics[0]?.spread).toBeCloseTo(56763.99, 1);
  });

  it('uses benchmark.js`s own t value for few samples and gives no spread for one sample', () => {
    const { benchmarks } = parse('slow x 12.50 ops/sec ±4.00% (10 runs sampled)\nonce x 1,000 ops/sec ±0.00% (1 run sampled)\n');
    // 9 degrees of freedom: t = 2.262.
    expect(benchmarks[0]?.metrics[0]?.spread).toBe((12.5 * 4 * Math.sqrt(10)) / (100 * 2.262));
    expect(benchmarks[1]?.metrics[0]).toEqual({ name: 'throughput', unit: 'ops/s', direction: 'bigger', value: 1000 });
  });

  it('keeps a name with " x " whole and names a repeated benchmark apart', () => {
    const { benchmarks, warnings } = parse('3 x 3 matrix x 2,000 ops/sec ±1.00% (50 runs sampled)\n3 x 3 matrix x 2,100 ops/sec ±1.00% (50 runs sampled)\n');
    expect(benchmarks.map((b) => [b.name, b.metrics[0]?.value])).toEqual([
      ['3 x 3 matrix', 2000],
      ['3 x 3 matrix (2)', 2100],
    ]);
    expect(warnings).toEqual(['line 2: "3 x 3 matrix" appears twice; this one is named "3 x 3 matrix (2)"']);
  });

  it('rejects a result line that is cut short, with its line number', () => {
    const text = read('benchmarkjs/output.txt').replace(' (75 runs sampled)\nJSON.parse', '\nJSON.parse');
    expect(() => parse(text, 'out/bench.txt')).toThrow(`out/bench.txt: benchmarkjs: line 2: expected ${LINE}, got "String concat x 400,778 ops/sec ±5.93%"`);
  });

  it('rejects another tool`s output and an empty file', () => {
    expect(() => parse(read('benchmarkdotnet/fantomas-report-full.json'), 'report.json')).toThrow(`report.json: benchmarkjs: expected at least one line ${LINE}, got none in 219 lines`);
    expect(() => parse('')).toThrow(`bench.txt: benchmarkjs: expected at least one line ${LINE}, got none in an empty file`);
  });
});
