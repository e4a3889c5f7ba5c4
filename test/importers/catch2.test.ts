import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catch2Importer } from '../../src/importers/catch2.js';
import { importerFor } from '../../src/importers/registry.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/importers');
const read = (rel: string): string => readFileSync(path.join(FIXTURES, rel), 'utf8');
const fixture = (name: string): string => read(`catch2/${name}`);
const parse = (text: string, file = 'bench.xml') => catch2Importer.parse(text, file);
const SHAPE = 'Catch2 XML reporter output (-r xml) with <BenchmarkResults>';

describe('catch2 importer', () => {
  it('is registered as format "catch2"', () => {
    expect(importerFor('catch2')).toBe(catch2Importer);
  });

  it('reads the mean and standard deviation in ms, naming by test case and section when several test cases have benchmarks', () => {
    const { benchmarks, warnings } = parse(fixture('two-test-cases.xml'));
    expect(warnings).toEqual([]);
    expect(benchmarks).toEqual([
      { name: 'Fibonacci / fib 20', metrics: [{ name: 'latency', unit: 'ms', direction: 'smaller', value: 6344.98 * 1e-6, spread: 1203.56 * 1e-6 }] },
      { name: 'Fibonacci / fib 25', metrics: [{ name: 'latency', unit: 'ms', direction: 'smaller', value: 82577.6 * 1e-6, spread: 5181.6 * 1e-6 }] },
      { name: 'Sorting / scrambled input / sort 1000', metrics: [{ name: 'latency', unit: 'ms', direction: 'smaller', value: 3607.24 * 1e-6, spread: 859.361 * 1e-6 }] },
      { name: 'Sorting / sorted input / sort 1000', metrics: [{ name: 'latency', unit: 'ms', direction: 'smaller', value: 3854.83 * 1e-6, spread: 651.789 * 1e-6 }] },
    ]);
  });

  it('leaves the test case out of the name when it is the only one', () => {
    const { benchmarks } = parse(fixture('one-test-case.xml'));
    expect(benchmarks.map((b) => b.name)).toEqual(['fib 20', 'fib 25']);
    expect(benchmarks[1]?.metrics[0]?.value).toBe(85977.7 * 1e-6);
    expect(benchmarks[1]?.metrics[0]?.spread).toBe(7263.32 * 1e-6);
  });

  it('skips a benchmark that threw, with its message, and still names by test case', () => {
    const { benchmarks, warnings } = parse(fixture('failed-benchmark.xml'));
    expect(benchmarks.map((b) => b.name)).toEqual(['Fibonacci / fib 20', 'Fibonacci / fib 25']);
    expect(benchmarks[1]?.metrics[0]?.value).toBe(229733 * 1e-6);
    expect(warnings).toEqual(['"Parsing / parse config": skipped: the benchmark failed: config file missing']);
  });

  it('gives no spread for --benchmark-no-analysis, whose standard deviation is a placeholder 0', () => {
    const { benchmarks } = parse(fixture('no-analysis.xml'));
    expect(benchmarks[0]?.metrics).toEqual([{ name: 'latency', unit: 'ms', direction: 'smaller', value: 6095.13 * 1e-6 }]);
  });

  it('reads Catch2 v3`s <Catch2TestRun> root, which has no <Group>, the same way', () => {
    const v3 = fixture('one-test-case.xml')
      .replace('<Catch name="bench" filters="Fibonacci">', '<Catch2TestRun name="bench" rng-seed="1" xml-format-version="3" catch2-version="3.4.0" filters="Fibonacci">')
      .replace('  <Group name="bench">\n', '')
      .replace(/ {4}<OverallResults [^\n]*\n {4}<OverallResultsCases [^\n]*\n {2}<\/Group>\n/, '')
      .replace('</Catch>', '</Catch2TestRun>');
    expect(v3).not.toContain('Group');
    expect(parse(v3).benchmarks.map((b) => [b.name, b.metrics[0]?.value])).toEqual([
      ['fib 20', 6567.28 * 1e-6],
      ['fib 25', 85977.7 * 1e-6],
    ]);
  });

  it('names a repeated benchmark apart', () => {
    const text = fixture('one-test-case.xml').replace('name="fib 25"', 'name="fib 20"');
    const { benchmarks, warnings } = parse(text);
    expect(benchmarks.map((b) => b.name)).toEqual(['fib 20', 'fib 20 (2)']);
    expect(warnings).toEqual(['"fib 20" appears twice; the later one is named "fib 20 (2)"']);
  });

  it('rejects a broken value with the test case and benchmark it belongs to', () => {
    const text = fixture('two-test-cases.xml').replace('<mean value="3607.24"', '<mean value="fast"');
    expect(() => parse(text, 'reports/bench.xml')).toThrow(
      'reports/bench.xml: catch2: <TestCase "Sorting"> <BenchmarkResults "sort 1000">: <mean value>: expected a number of nanoseconds, got "fast"',
    );
    expect(() => parse(fixture('one-test-case.xml').replace(/<standardDeviation [^>]*\/>/, ''))).toThrow(
      'bench.xml: catch2: <TestCase "Fibonacci"> <BenchmarkResults "fib 20">: <standardDeviation value>: expected a number of nanoseconds, got no <standardDeviation>',
    );
  });

  it('rejects XML that does not parse, with its line', () => {
    const text = fixture('one-test-case.xml').replace('</TestCase>', '');
    expect(() => parse(text)).toThrow(
      `bench.xml: catch2: line 21, column 3: expected ${SHAPE}, got XML that does not parse: Expected closing tag 'TestCase' (opened in line 4, col 5) instead of closing tag 'Group'.`,
    );
  });

  it('rejects another tool`s file, an empty file and a report without benchmarks', () => {
    expect(() => parse(read('benchmarkjs/output.txt'), 'output.txt')).toThrow(
      `output.txt: catch2: line 1, column 1: expected ${SHAPE}, got XML that does not parse: char 'A' is not expected.`,
    );
    expect(() => parse('<?xml version="1.0"?>\n<testsuites><testsuite name="x"/></testsuites>\n', 'junit.xml')).toThrow(
      `junit.xml: catch2: expected ${SHAPE}, got <testsuites> as the root element instead of <Catch> or <Catch2TestRun>`,
    );
    expect(() => parse('')).toThrow(`bench.xml: catch2: expected ${SHAPE}, got an empty file`);
    const noBenchmarks = fixture('one-test-case.xml').replace(/<BenchmarkResults[\s\S]*<\/BenchmarkResults>/, '');
    expect(() => parse(noBenchmarks)).toThrow('bench.xml: catch2: expected at least one <BenchmarkResults> (benchmarks built with CATCH_CONFIG_ENABLE_BENCHMARKING), got none');
  });
});
