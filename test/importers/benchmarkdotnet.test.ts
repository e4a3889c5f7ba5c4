import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchmarkdotnetImporter } from '../../src/importers/benchmarkdotnet.js';
import { importerFor } from '../../src/importers/registry.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/importers');
const read = (rel: string): string => readFileSync(path.join(FIXTURES, rel), 'utf8');
const FULL = read('benchmarkdotnet/fantomas-report-full.json');
const parse = (text: string, file = 'CodePrinterTest-report-full.json') => benchmarkdotnetImporter.parse(text, file);
const SHAPE = 'BenchmarkDotNet JSON export (*-report-full-compressed.json, *-report-full.json or *-report-brief.json: {"HostEnvironmentInfo", "Benchmarks": [...]})';

type Entry = Record<string, unknown> & { Statistics: Record<string, unknown> | null };
/** The real report with its one benchmark changed, for the variants other exports and versions write. */
function variant(change: (entry: Entry) => void, copies = 1): string {
  const root = JSON.parse(FULL) as { Benchmarks: Entry[] };
  const original = root.Benchmarks[0] as Entry;
  root.Benchmarks = Array.from({ length: copies }, () => structuredClone(original));
  root.Benchmarks.forEach(change);
  return JSON.stringify(root);
}

describe('benchmarkdotnet importer', () => {
  it('is registered as format "benchmarkdotnet"', () => {
    expect(importerFor('benchmarkdotnet')).toBe(benchmarkdotnetImporter);
  });

  it('turns every Workload Result measurement into one latency round in ms and keeps the allocated bytes', () => {
    const { benchmarks, warnings } = parse(FULL);
    expect(warnings).toEqual([]);
    expect(benchmarks).toHaveLength(1);
    expect(benchmarks[0]?.name).toBe('CodePrinterTest.Format');
    const [latency, bytes] = benchmarks[0]?.metrics ?? [];
    expect(latency).toMatchObject({ name: 'latency', unit: 'ms', direction: 'smaller' });
    // Five Result iterations of one operation each (the five Actual ones are not read twice).
    expect(latency?.rounds).toEqual([
      [(48016226159 / 1) * 1e-6],
      [(46011386499 / 1) * 1e-6],
      [(46951833349 / 1) * 1e-6],
      [(46910122331 / 1) * 1e-6],
      [(49461322073 / 1) * 1e-6],
    ]);
    expect(bytes).toEqual({ name: 'bytes-per-op', unit: 'B', direction: 'smaller', value: 23405419512 });
  });

  it('divides each measurement by its operation count', () => {
    const text = variant((entry) => {
      for (const m of entry.Measurements as { Operations: number }[]) m.Operations = 4;
    });
    expect(parse(text).benchmarks[0]?.metrics[0]?.rounds?.[0]).toEqual([(48016226159 / 4) * 1e-6]);
  });

  it('uses Statistics.OriginalValues without Measurements (the brief export), and the mean and standard deviation without either', () => {
    const brief = variant((entry) => delete entry.Measurements);
    expect(parse(brief).benchmarks[0]?.metrics[0]?.rounds).toEqual([[48016226159 * 1e-6], [46011386499 * 1e-6], [46951833349 * 1e-6], [46910122331 * 1e-6], [49461322073 * 1e-6]]);
    const summary = variant((entry) => {
      delete entry.Measurements;
      delete entry.Statistics?.OriginalValues;
    });
    expect(parse(summary).benchmarks[0]?.metrics[0]).toEqual({ name: 'latency', unit: 'ms', direction: 'smaller', value: 47470178082.2 * 1e-6, spread: 1320344603.1604276 * 1e-6 });
  });

  it('adds the parameters to the name, the job where one method ran in several jobs, and leaves out bytes nobody counted', () => {
    const jobs = ['Job-A(Runtime=.NET 6.0)', 'Job-B(Runtime=.NET 8.0)'];
    const text = variant((entry) => {
      entry.Parameters = 'Lines=100, Mode=Fast';
      entry.DisplayInfo = `CodePrinterTest.Format: ${jobs.shift() as string} [Lines=100, Mode=Fast]`;
      entry.Memory = { Gen0Collections: 0, Gen1Collections: 0, Gen2Collections: 0, TotalOperations: 0, BytesAllocatedPerOperation: 0 };
    }, 2);
    const { benchmarks } = parse(text);
    expect(benchmarks.map((b) => b.name)).toEqual([
      'CodePrinterTest.Format(Lines=100, Mode=Fast) [Job-A(Runtime=.NET 6.0)]',
      'CodePrinterTest.Format(Lines=100, Mode=Fast) [Job-B(Runtime=.NET 8.0)]',
    ]);
    expect(benchmarks[0]?.metrics.map((m) => m.name)).toEqual(['latency']);
  });

  it('skips a benchmark that did not run, with a warning', () => {
    const text = variant((entry) => {
      if (entry.Method === 'Format') {
        entry.Method = 'Broken';
        entry.Statistics = null;
        delete entry.Measurements;
      }
    });
    const twice = JSON.parse(text) as { Benchmarks: unknown[] };
    twice.Benchmarks.unshift((JSON.parse(FULL) as { Benchmarks: unknown[] }).Benchmarks[0]);
    const { benchmarks, warnings } = parse(JSON.stringify(twice));
    expect(benchmarks.map((b) => b.name)).toEqual(['CodePrinterTest.Format']);
    expect(warnings).toEqual(['Benchmarks[1] "CodePrinterTest.Broken": skipped: no measurements and no statistics (the benchmark did not run)']);
    expect(() => parse(text)).toThrow(
      'CodePrinterTest-report-full.json: benchmarkdotnet: expected at least one benchmark with results, got none: Benchmarks[0] "CodePrinterTest.Broken": skipped: no measurements and no statistics (the benchmark did not run)',
    );
  });

  it('rejects a broken report with the field and what was expected', () => {
    const text = FULL.replace('"Nanoseconds": 46011386499', '"Nanoseconds": "46 s"');
    expect(() => parse(text, 'results/x-report-full.json')).toThrow('results/x-report-full.json: benchmarkdotnet: Benchmarks[0].Measurements[1].Nanoseconds: expected a number, got "46 s"');
    expect(() => parse(FULL.replace('"Method": "Format",', ''))).toThrow('CodePrinterTest-report-full.json: benchmarkdotnet: Benchmarks[0].Method: expected a string, but it is missing');
  });

  it('rejects another tool`s file, an empty file and an empty benchmark list', () => {
    expect(() => parse(read('google-benchmark/single.json'), 'single.json')).toThrow(`single.json: benchmarkdotnet: expected ${SHAPE}, got an object without "Benchmarks"`);
    expect(() => parse('')).toThrow(`CodePrinterTest-report-full.json: benchmarkdotnet: expected ${SHAPE}, got an empty file`);
    expect(() => parse('{"Title": "x", "Benchmarks": []}')).toThrow('CodePrinterTest-report-full.json: benchmarkdotnet: Benchmarks: expected at least 1 entry, got an empty array');
  });
});
