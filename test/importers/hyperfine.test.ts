import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hyperfineImporter } from '../../src/importers/hyperfine.js';
import { importerFor } from '../../src/importers/registry.js';

const fixture = (name: string): string => readFileSync(path.join(import.meta.dirname, '../fixtures/importers/hyperfine', name), 'utf8');
const parse = (text: string, file = 'hyperfine.json') => hyperfineImporter.parse(text, file);

describe('hyperfine importer', () => {
  it('is registered as format "hyperfine"', () => {
    expect(importerFor('hyperfine')).toBe(hyperfineImporter);
  });

  it('turns every run of a named command into one latency round in ms, with the mean CPU times as values', () => {
    const { benchmarks, warnings } = parse(fixture('two-commands.json'));
    expect(warnings).toEqual([]);
    expect(benchmarks.map((b) => b.name)).toEqual(['sleep 20ms', 'sort 20k lines']);
    const [sleep, sort] = benchmarks;
    expect(sleep?.metrics.map((m) => [m.name, m.unit, m.direction])).toEqual([
      ['latency', 'ms', 'smaller'],
      ['cpu-user', 'ms', 'smaller'],
      ['cpu-system', 'ms', 'smaller'],
    ]);
    const latency = sleep?.metrics[0];
    expect(latency?.rounds).toHaveLength(10);
    expect(latency?.rounds?.[0]).toEqual([0.021940006640000002 * 1000]);
    expect(latency?.rounds?.[9]).toEqual([0.02195323064 * 1000]);
    expect(latency?.value).toBeUndefined();
    expect(sleep?.metrics[1]?.value).toBe(0.001980216 * 1000);
    expect(sleep?.metrics[2]?.value).toBe(0.0015609380000000002 * 1000);
    expect(sort?.metrics[0]?.rounds?.[0]).toEqual([0.02029252364 * 1000]);
    expect(sort?.metrics[0]?.rounds?.[9]).toEqual([0.012679569640000003 * 1000]);
    expect(sort?.metrics[1]?.value).toBe(0.007796017999999999 * 1000);
    expect(sort?.metrics[2]?.value).toBe(0.00913874 * 1000);
  });

  it('reads a single run (stddev null) and warns about a command that exited non-zero', () => {
    const { benchmarks, warnings } = parse(fixture('parameters-one-run.json'));
    expect(benchmarks.map((b) => b.name)).toEqual(['sh -c "exit 0"', 'sh -c "exit 3"']);
    expect(benchmarks[1]?.metrics[0]?.rounds).toEqual([[0.0023082643800000006 * 1000]]);
    expect(benchmarks[1]?.metrics[2]?.value).toBe(0);
    expect(warnings).toEqual(['"sh -c "exit 3"": 1 of 1 runs exited with a non-zero status or a signal']);
  });

  it('keeps the per-run peak memory of newer hyperfine versions as rss rounds in bytes', () => {
    // hyperfine 1.15 does not write memory_usage_byte; newer versions add it next to times.
    const root = JSON.parse(fixture('two-commands.json')) as { results: Record<string, unknown>[] };
    (root.results[0] as Record<string, unknown>).memory_usage_byte = [2101248, 2097152, 2105344, 2101248, 2097152, 2101248, 2097152, 2101248, 2105344, 2097152];
    const rss = parse(JSON.stringify(root)).benchmarks[0]?.metrics[3];
    expect(rss).toMatchObject({ name: 'rss', unit: 'B', direction: 'smaller' });
    expect(rss?.rounds).toHaveLength(10);
    expect(rss?.rounds?.[0]).toEqual([2101248]);
    expect(rss?.rounds?.[9]).toEqual([2097152]);
  });

  it('names a command benchmarked twice apart instead of merging or dropping it', () => {
    const root = JSON.parse(fixture('two-commands.json')) as { results: { command: string }[] };
    (root.results[1] as { command: string }).command = 'sleep 20ms';
    const { benchmarks, warnings } = parse(JSON.stringify(root));
    expect(benchmarks.map((b) => b.name)).toEqual(['sleep 20ms', 'sleep 20ms (2)']);
    expect(warnings).toEqual(['"sleep 20ms" was benchmarked twice; the later one is named "sleep 20ms (2)"']);
  });

  it('rejects a broken file with the field and what was expected', () => {
    const text = fixture('two-commands.json').replace('"mean": 0.02293340814', '"mean": "fast"');
    expect(() => parse(text, 'bench/hyperfine.json')).toThrow('bench/hyperfine.json: hyperfine: results[0].mean: expected a number, got "fast"');
  });

  it('rejects a cut-off file with the position where the JSON breaks', () => {
    expect(() => parse(fixture('two-commands.json').slice(0, 200))).toThrow(
      'hyperfine.json: hyperfine: line 9, column 14: expected hyperfine --export-json output ({"results": [{"command", "times", ...}]}), got text that is not valid JSON',
    );
  });

  it('rejects another tool`s file, an empty file and an empty result list', () => {
    const bencher = readFileSync(path.join(import.meta.dirname, '../fixtures/importers/bencher/report_latency.json'), 'utf8');
    expect(() => parse(bencher, 'report_latency.json')).toThrow(
      'report_latency.json: hyperfine: expected hyperfine --export-json output ({"results": [{"command", "times", ...}]}), got an object without "results"',
    );
    expect(() => parse('')).toThrow('hyperfine.json: hyperfine: expected hyperfine --export-json output ({"results": [{"command", "times", ...}]}), got an empty file');
    expect(() => parse('{"results": []}')).toThrow('hyperfine.json: hyperfine: results: expected at least 1 entry, got an empty array');
  });
});
