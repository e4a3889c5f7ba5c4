import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jmhImporter } from '../../src/importers/jmh.js';
import { importerFor } from '../../src/importers/registry.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/importers');
const read = (rel: string): string => readFileSync(path.join(FIXTURES, rel), 'utf8');
const fixture = (name: string): string => read(`jmh/${name}`);
const parse = (text: string, file = 'jmh-result.json') => jmhImporter.parse(text, file);
const SHAPE = 'JMH -rf json output ([{"benchmark", "mode", "primaryMetric": {...}}, ...])';

type Entry = { benchmark: string; mode: string; primaryMetric: Record<string, unknown>; secondaryMetrics: Record<string, unknown> };
const entries = (name: string): Entry[] => JSON.parse(fixture(name)) as Entry[];

describe('jmh importer', () => {
  it('is registered as format "jmh"', () => {
    expect(importerFor('jmh')).toBe(jmhImporter);
  });

  it('makes one latency round per fork holding that fork`s iterations, named Class.method(params)', () => {
    const { benchmarks, warnings } = parse(fixture('two-forks.json'));
    expect(warnings).toEqual([]);
    expect(benchmarks).toHaveLength(1);
    expect(benchmarks[0]?.name).toBe('BranchPrediction.immutableSet(same=false, shuffle=true)');
    // The perfasm profiler's NaN secondary metric is not a measurement.
    expect(benchmarks[0]?.metrics).toHaveLength(1);
    const latency = benchmarks[0]?.metrics[0];
    expect(latency).toMatchObject({ name: 'latency', unit: 'ms', direction: 'smaller' });
    expect(latency?.rounds).toHaveLength(2);
    expect(latency?.rounds?.[0]).toHaveLength(5);
    expect(latency?.rounds?.[0]?.[0]).toBe(26.67990477107118 * 1e-6);
    expect(latency?.rounds?.[0]?.[4]).toBe(27.51711270805394 * 1e-6);
    expect(latency?.rounds?.[1]?.[0]).toBe(26.421016128570237 * 1e-6);
    expect(latency?.rounds?.[1]?.[4]).toBe(26.677383620094446 * 1e-6);
  });

  it('reads thrpt in ops/s as throughput, bigger is better', () => {
    const { benchmarks } = parse(fixture('thrpt-one-fork.json'));
    expect(benchmarks).toEqual([
      {
        name: 'JMHSample_01_HelloWorld.wellHelloThere',
        metrics: [{ name: 'throughput', unit: 'ops/s', direction: 'bigger', rounds: [[3.376842765688582e9 * 1000 / 1000, 3.37651988895058e9 * 1000 / 1000, 3.375353964729294e9 * 1000 / 1000]] }],
      },
    ]);
  });

  it('keeps parameterised runs of one method apart and reads ms/op as it is', () => {
    const { benchmarks } = parse(fixture('avgt-params.json'));
    expect(benchmarks.map((b) => b.name)).toEqual([
      'PingPongActorBenchmark.coresCountPingPongs(dispatcher=scheduler)',
      'PingPongActorBenchmark.coresCountPingPongs(dispatcher=go_scheduler)',
      'PingPongActorBenchmark.coresCountPingPongs(dispatcher=dotnet_scheduler)',
      'PingPongActorBenchmark.coresCountPingPongs(dispatcher=fjp)',
      'PingPongActorBenchmark.coresCountPingPongs(dispatcher=ftp_1)',
    ]);
    const last = benchmarks[4]?.metrics[0]?.rounds;
    expect(last).toHaveLength(1);
    expect(last?.[0]).toHaveLength(20);
    expect(last?.[0]?.[0]).toBe(484.12467833333335);
    expect(last?.[0]?.[19]).toBe(481.4467783333333);
  });

  it('converts ops/ms, ops/min and us/op', () => {
    const thrpt = entries('thrpt-one-fork.json');
    (thrpt[0] as Entry).primaryMetric.scoreUnit = 'ops/ms';
    expect(parse(JSON.stringify(thrpt)).benchmarks[0]?.metrics[0]?.rounds?.[0]?.[0]).toBe((3.376842765688582e9 * 1000) / 1);
    (thrpt[0] as Entry).primaryMetric.scoreUnit = 'ops/min';
    expect(parse(JSON.stringify(thrpt)).benchmarks[0]?.metrics[0]?.rounds?.[0]?.[0]).toBe((3.376842765688582e9 * 1000) / 60000);
    const avgt = entries('two-forks.json');
    (avgt[0] as Entry).primaryMetric.scoreUnit = 'us/op';
    expect(parse(JSON.stringify(avgt)).benchmarks[0]?.metrics[0]?.rounds?.[1]?.[1]).toBe(32.963535678068794 * 1e-3);
  });

  it('reads sample mode without rawData as a summary of the score', () => {
    const sample = entries('avgt-params.json').slice(0, 1);
    const entry = sample[0] as Entry;
    entry.mode = 'sample';
    delete entry.primaryMetric.rawData;
    entry.primaryMetric.rawDataHistogram = [[[[29.5, 3], [30.4, 17]]]];
    expect(parse(JSON.stringify(sample)).benchmarks[0]?.metrics).toEqual([{ name: 'latency', unit: 'ms', direction: 'smaller', value: 30.290942968894836 }]);
  });

  it('keeps -prof gc allocation per operation as bytes-per-op rounds per fork', () => {
    const withGc = entries('two-forks.json');
    (withGc[0] as Entry).secondaryMetrics['\u00b7gc.alloc.rate.norm'] = { score: 824.0001057005593, scoreError: 3.69723751914232e-6, scoreUnit: 'B/op', rawData: [[824.0001092658887, 824.0001016869201], [824.0001095309385, 824.0001030712366]] };
    expect(parse(JSON.stringify(withGc)).benchmarks[0]?.metrics[1]).toEqual({
      name: 'bytes-per-op',
      unit: 'B',
      direction: 'smaller',
      rounds: [
        [824.0001092658887, 824.0001016869201],
        [824.0001095309385, 824.0001030712366],
      ],
    });
  });

  it('joins thrpt and avgt of one benchmark, names a second avgt apart, and keeps packages where class names clash', () => {
    const [thrpt] = entries('thrpt-one-fork.json');
    const [avgt] = entries('two-forks.json');
    const mixed = [thrpt, { ...avgt, benchmark: thrpt?.benchmark, params: undefined }, { ...avgt, benchmark: thrpt?.benchmark, params: undefined }];
    const { benchmarks, warnings } = parse(JSON.stringify(mixed));
    expect(benchmarks.map((b) => [b.name, b.metrics.map((m) => m.name)])).toEqual([
      ['JMHSample_01_HelloWorld.wellHelloThere', ['throughput', 'latency']],
      ['JMHSample_01_HelloWorld.wellHelloThere [avgt]', ['latency']],
    ]);
    expect(warnings).toEqual(['[2]: "JMHSample_01_HelloWorld.wellHelloThere" was measured twice as latency; this one is named "JMHSample_01_HelloWorld.wellHelloThere [avgt]"']);
    const clash = [thrpt, { ...thrpt, benchmark: 'org.other.JMHSample_01_HelloWorld.wellHelloThere' }];
    expect(parse(JSON.stringify(clash)).benchmarks.map((b) => b.name)).toEqual([
      'org.openjdk.jmh.samples.JMHSample_01_HelloWorld.wellHelloThere',
      'org.other.JMHSample_01_HelloWorld.wellHelloThere',
    ]);
  });

  it('rejects a broken entry with its position and field', () => {
    const text = fixture('two-forks.json').replace('"score" : 27.518365145995894', '"score" : "fast"');
    expect(() => parse(text, 'build/results/jmh/results.json')).toThrow('build/results/jmh/results.json: jmh: [0].primaryMetric.score: expected a number or "NaN", got "fast"');
    expect(() => parse(fixture('two-forks.json').replace('"scoreUnit" : "ns/op"', '"scoreUnit" : "ops/s"'))).toThrow(
      'jmh-result.json: jmh: [0].primaryMetric.scoreUnit: expected <time unit>/op for mode avgt (ns/op, us/op, ms/op, s/op ...), got "ops/s"',
    );
    const nan = entries('thrpt-one-fork.json');
    delete (nan[0] as Entry).primaryMetric.rawData;
    (nan[0] as Entry).primaryMetric.score = 'NaN';
    expect(() => parse(JSON.stringify(nan))).toThrow('jmh-result.json: jmh: [0].primaryMetric.score: expected a number, got "NaN"');
    expect(() => parse(fixture('thrpt-one-fork.json').replace('"mode" : "thrpt"', '"mode" : "fast"'))).toThrow(
      'jmh-result.json: jmh: [0].mode: expected one of "thrpt"|"avgt"|"sample"|"ss", got "fast"',
    );
  });

  it('rejects another tool`s file, an empty file and an empty array', () => {
    expect(() => parse(read('benchmarkdotnet/fantomas-report-full.json'), 'report.json')).toThrow(`report.json: jmh: expected ${SHAPE}, got an object`);
    expect(() => parse('[{"command": "sleep 1", "mean": 1}]')).toThrow(`jmh-result.json: jmh: expected ${SHAPE}, got an array of entries without "benchmark" and "primaryMetric"`);
    expect(() => parse('')).toThrow(`jmh-result.json: jmh: expected ${SHAPE}, got an empty file`);
    expect(() => parse('[]')).toThrow('jmh-result.json: jmh: expected at least 1 entry, got an empty array');
  });
});
