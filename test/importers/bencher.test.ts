import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bencherImporter } from '../../src/importers/bencher.js';
import { importerFor } from '../../src/importers/registry.js';

const fixture = (name: string): string => readFileSync(path.join(import.meta.dirname, '../fixtures/importers/bencher', name), 'utf8');
const parse = (text: string, file = 'bmf.json') => bencherImporter.parse(text, file);
const SHAPE = 'Bencher Metric Format JSON ({"<benchmark>": {"<measure>": {"value": <number>}}})';

describe('bencher importer', () => {
  it('is registered as format "bencher"', () => {
    expect(importerFor('bencher')).toBe(bencherImporter);
  });

  it('reads the built-in latency measure from ns into ms and leaves lower/upper values out', () => {
    const { benchmarks, warnings } = parse(fixture('report_latency.json'));
    expect(warnings).toEqual([]);
    expect(benchmarks).toEqual([
      { name: 'tests::benchmark_a', metrics: [{ name: 'latency', unit: 'ms', direction: 'smaller', value: 3247 * 1e-6 }] },
      { name: 'tests::benchmark_b', metrics: [{ name: 'latency', unit: 'ms', direction: 'smaller', value: 3443 * 1e-6 }] },
      { name: 'tests::benchmark_c', metrics: [{ name: 'latency', unit: 'ms', direction: 'smaller', value: 3361 * 1e-6 }] },
    ]);
  });

  it('names other measures by their slug, without a unit, smaller is better', () => {
    const { benchmarks } = parse(fixture('report_dhat.json'));
    expect(benchmarks.map((b) => b.name)).toEqual(['bench_play_game']);
    expect(benchmarks[0]?.metrics.map((m) => [m.name, m.unit, m.direction, m.value])).toEqual([
      ['final-blocks', '', 'smaller', 0],
      ['final-bytes', '', 'smaller', 0],
      ['max-blocks', '', 'smaller', 1],
      ['max-bytes', '', 'smaller', 9],
      ['total-blocks', '', 'smaller', 100],
      ['total-bytes', '', 'smaller', 662],
    ]);
  });

  it('reads the built-in throughput measure as ops/s, bigger is better', () => {
    // The example of Bencher's format reference, with both built-in measures.
    const text = '{"benchmark_name": {"latency": {"value": 88.0, "lower_value": 87.42, "upper_value": 88.88}, "throughput": {"value": 5.55, "lower_value": 3.14, "upper_value": 6.30}}}';
    expect(parse(text).benchmarks[0]?.metrics).toEqual([
      { name: 'latency', unit: 'ms', direction: 'smaller', value: 88 * 1e-6 },
      { name: 'throughput', unit: 'ops/s', direction: 'bigger', value: 5.55 },
    ]);
  });

  it('refuses the parameterised form instead of dropping those benchmarks', () => {
    expect(() => parse(fixture('report_mixed_versions.json'), 'report_mixed_versions.json')).toThrow(
      'report_mixed_versions.json: bencher: ["tests::benchmark_b"]: expected an object of measures ({"<measure>": {"value": <number>}}), got an array (the parameterised form is not supported)',
    );
  });

  it('rejects a broken file with the field and what was expected', () => {
    const text = fixture('report_latency.json').replace('3443.0', '"fast"');
    expect(() => parse(text, 'out/bmf.json')).toThrow('out/bmf.json: bencher: ["tests::benchmark_b"].latency.value: expected a number, got "fast"');
    expect(() => parse(fixture('report_dhat.json').slice(0, -3))).toThrow(`bmf.json: bencher: line 21, column 5: expected ${SHAPE}, got text that is not valid JSON`);
    expect(() => parse('{"a": {}}')).toThrow('bmf.json: bencher: a: expected at least one measure, got an empty object');
    expect(() => parse('{"a": {"Latency": {"value": 1}, "latency": {"value": 2}}}')).toThrow(
      'bmf.json: bencher: a.latency: expected each measure once, got measure "latency" a second time',
    );
  });

  it('rejects another tool`s file and an empty file', () => {
    const hyperfine = readFileSync(path.join(import.meta.dirname, '../fixtures/importers/hyperfine/two-commands.json'), 'utf8');
    expect(() => parse(hyperfine, 'two-commands.json')).toThrow(
      'two-commands.json: bencher: results: expected an object of measures ({"<measure>": {"value": <number>}}), got an array',
    );
    const custom = readFileSync(path.join(import.meta.dirname, '../fixtures/importers/custom-bigger-is-better/customBiggerIsBetter_output.json'), 'utf8');
    expect(() => parse(custom, 'custom.json')).toThrow(`custom.json: bencher: expected ${SHAPE}, got an array`);
    expect(() => parse('')).toThrow(`bmf.json: bencher: expected ${SHAPE}, got an empty file`);
    expect(() => parse('{}')).toThrow(`bmf.json: bencher: expected ${SHAPE}, got an empty object`);
  });
});
