import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchmarkResult } from '../../src/core/model.js';
import { mulberry32, shuffled } from '../../src/runners/shuffle.js';
import { runSuiteSides, runSuites, type SuitesRun } from '../../src/runners/run-suites.js';
import { fallOverTime, suite } from './suites.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'perfgate-runner-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function byId(run: SuitesRun, id: string): BenchmarkResult {
  const found = run.benchmarks.find((b) => b.id === id);
  if (!found) throw new Error(`no ${id} in ${run.benchmarks.map((b) => b.id).join(', ')}`);
  return found;
}

function roundsOf(benchmark: BenchmarkResult): number[][] {
  expect(benchmark.error).toBeUndefined();
  // Latency samples, and the heap each iteration keeps (one number per round, see heap-probe.ts)
  // where the probe fits in the round's time: never for an instance, whose functions stay private.
  const [latencyMetric, ...others] = benchmark.metrics;
  expect([latencyMetric!.name, latencyMetric!.unit, latencyMetric!.direction]).toEqual(['latency', 'ms', 'smaller']);
  expect(others.map((m) => [m.name, m.unit, m.direction])).toEqual(others.length === 0 ? [] : [['heap-growth', 'B', 'smaller']]);
  if (benchmark.suite === 'instance') expect(others).toEqual([]);
  const latency = latencyMetric!.rounds!;
  for (const m of others) expect(m.rounds!.every((r) => r.length === 1) && m.rounds!.length <= latency.length).toBe(true);
  return latency;
}

describe('runSuites: suites that work', () => {
  let run: SuitesRun;
  const progress: string[] = [];

  beforeAll(async () => {
    run = await runSuites(
      [
        suite('ok', 'ok.bench.mjs'),
        suite('shrinking', 'shrinking.bench.mjs', { rounds: 2 }),
        suite('slow', 'slow.bench.mjs'),
        suite('typescript', 'ok.bench.ts', { rounds: 2 }),
        suite('instance', 'bench-instance.bench.mjs', { rounds: 2 }),
      ],
      { seed: 7, onProgress: (line) => progress.push(line) },
    );
  });

  it('returns one benchmark per task, in suite then task order', () => {
    expect(run.benchmarks.map((b) => b.id)).toEqual([
      'ok/JSON.parse small',
      'ok/sum 1..100',
      'shrinking/shrinking',
      'slow/sleeps 20 ms',
      'slow/fast',
      'typescript/join words',
      'instance/array sort',
    ]);
    expect(byId(run, 'ok/sum 1..100')).toMatchObject({ suite: 'ok', name: 'sum 1..100' });
  });

  it('groups samples by round: 3 rounds, 3 arrays, each reaching min samples where the budget allows', () => {
    // Not the two whose iterations take milliseconds: 10 of them do not fit in 20 ms.
    const fast = run.benchmarks.filter((b) => b.id !== 'slow/sleeps 20 ms' && b.id !== 'shrinking/shrinking');
    expect(fast).toHaveLength(5);
    for (const benchmark of fast) {
      const rounds = roundsOf(benchmark);
      expect(rounds).toHaveLength(benchmark.suite === 'ok' || benchmark.suite === 'slow' ? 3 : 2);
      for (const samples of rounds) {
        expect(samples.length).toBeGreaterThanOrEqual(10); // ceil(30 / 3)
        expect(samples.every((ms) => Number.isFinite(ms) && ms >= 0)).toBe(true);
      }
    }
  });

  it('keeps the samples of a round in time order (every process starts the shrinking task afresh)', () => {
    for (const samples of roundsOf(byId(run, 'shrinking/shrinking'))) {
      expect(samples.length).toBeGreaterThanOrEqual(5);
      expect(fallOverTime(samples)).toBeGreaterThan(0.7); // each call about 0.05 ms shorter
      // Fresh process per round: each round begins near the task's slowest (about 2 ms).
      expect(samples[0]).toBeGreaterThan(1.5);
    }
  });

  it('caps a slow task at what fits the budget instead of forcing min samples', () => {
    // 20 ms per round and a 20 ms task: min samples (10 per round) would take 200 ms.
    for (const samples of roundsOf(byId(run, 'slow/sleeps 20 ms'))) {
      expect(samples.length).toBeLessThanOrEqual(2);
      expect(samples[0]).toBeGreaterThanOrEqual(19);
    }
  });

  it('warns once that a Bench instance loses time order', () => {
    expect(run.warnings).toEqual([expect.stringMatching(/^instance: the suite exports a Bench instance.*time order is lost/)]);
  });

  it('reports progress per round and suite', () => {
    expect(progress).toHaveLength(12);
    for (const line of progress) expect(line).toMatch(/^round [123]\/[23]  \w+ \(\d benchmarks?\) \d+ ms$/);
    expect(progress.filter((line) => line.startsWith('round 1/'))).toHaveLength(5);
    expect(progress.filter((line) => line.includes('  typescript (1 benchmark) '))).toHaveLength(2);
  });
});

describe('runSuites: order and TypeScript', () => {
  it('orders suites by the seed, afresh each round', async () => {
    const names = ['a', 'b'];
    const lines: string[] = [];
    const suites = names.map((name) => suite(name, 'ok.bench.mjs', { rounds: 2, timeMs: 2, warmupMs: 1, minSamples: 2 }));
    await runSuites(suites, { seed: 8, onProgress: (line) => lines.push(line) });
    const random = mulberry32(8);
    const expected = [...shuffled(names, random), ...shuffled(names, random)];
    expect(expected.slice(0, 2)).not.toEqual(expected.slice(2)); // the seed was picked to show it
    expect(lines.map((line) => line.split(/\s+/)[2])).toEqual(expected);
  });

  it('runs a TypeScript suite when it can, else says what is missing', async () => {
    // Outside the project, so tsx cannot be resolved from the suite's folder.
    const file = path.join(scratch, 'lonely.bench.ts');
    writeFileSync(file, "export default (bench: { add(n: string, f: () => unknown): void }): void => {\n  bench.add('noop', (): number => 1);\n};\n");
    const run = await runSuites([suite('lonely', file, { rounds: 1, timeMs: 5 })]);
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    if (major > 22 || (major === 22 && minor >= 6)) {
      expect(roundsOf(byId(run, 'lonely/noop'))).toHaveLength(1);
    } else {
      expect(byId(run, 'lonely/*').error).toBe(`TypeScript suites need Node >= 22.6 or tsx installed in the project; this is Node ${process.versions.node}`);
    }
  });
});

describe('runSuiteSides: same-runner A/B', () => {
  it('runs each suite of both sides back to back in every round, sides and suites in seeded order', async () => {
    const lines: string[] = [];
    const quick = { rounds: 3, timeMs: 3, warmupMs: 1, minSamples: 2 };
    const sides = ['base', 'head'].map((label) => ({ label, suites: ['a', 'b'].map((name) => suite(name, 'ok.bench.mjs', quick)) }));
    const [base, head] = await runSuiteSides(sides, { seed: 3, onProgress: (line) => lines.push(line) });
    // "round 1/3  base a (2 benchmarks) 80 ms": round, side, suite.
    const visits = lines.map((line) => line.split(/\s+/).slice(1, 4).join(' '));
    const random = mulberry32(3);
    const expected: string[] = [];
    for (let round = 1; round <= 3; round++) {
      for (const name of shuffled(['a', 'b'], random)) {
        for (const side of shuffled(['base', 'head'], random)) expected.push(`${round}/3 ${side} ${name}`);
      }
    }
    expect(visits).toEqual(expected);
    // The seed was picked so that both sides go first at least once.
    expect(new Set(expected.filter((_, i) => i % 2 === 0).map((v) => v.split(' ')[1]))).toEqual(new Set(['base', 'head']));
    for (const run of [base!, head!]) {
      expect(run.benchmarks.map((b) => b.id)).toEqual(['a/JSON.parse small', 'a/sum 1..100', 'b/JSON.parse small', 'b/sum 1..100']);
      for (const b of run.benchmarks) expect(roundsOf(b)).toHaveLength(3);
    }
  });

  it('runs only the named tasks of a suite (confirmation rounds)', async () => {
    const sides = [{ label: 'head', suites: [suite('a', 'ok.bench.mjs', { rounds: 1, timeMs: 3, warmupMs: 1, minSamples: 2 })] }];
    const [run] = await runSuiteSides(sides, { onlyTasks: new Map([['a', ['sum 1..100']]]) });
    expect(run!.benchmarks.map((b) => b.id)).toEqual(['a/sum 1..100']);
  });
});
