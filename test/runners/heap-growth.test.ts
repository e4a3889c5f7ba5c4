import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSuites } from '../../src/runners/run-suites.js';
import { suite } from './suites.js';

/** Runs `body` with a suite file of this source in the temporary folder, removed afterwards. */
async function withSuiteFile(name: string, source: string, body: (file: string) => Promise<void>): Promise<void> {
  const file = path.join(os.tmpdir(), `perfgate-${name}-${process.pid}.bench.mjs`);
  writeFileSync(file, source);
  try {
    await body(file);
  } finally {
    rmSync(file, { force: true });
  }
}

const heapRounds = (run: Awaited<ReturnType<typeof runSuites>>, id: string): number[] =>
  (run.benchmarks.find((b) => b.id === id)!.metrics.find((m) => m.name === 'heap-growth')?.rounds ?? []).map(([bytes]) => bytes!);

// In the measuring project: the probe skips a round whose full collections would not fit in the
// task's time, and on a machine busy with other test files a collection takes several times longer.
describe('heap kept per iteration', () => {
  it('reads 0 B for a benchmark that keeps nothing and hundreds of bytes for one that keeps an array per call', async () => {
    // Work per call keeps the kept arrays few: a full collection costs in proportion to the live heap,
    // and the probe steps aside in a round where its collections would not fit in the task's time.
    const source = `const kept = [];\nconst work = () => { let s = 0; for (let i = 0; i < 100000; i++) s += i; return s; };\nexport default (bench) => {\n  bench.add('keeps nothing', () => JSON.parse('{"a":[1,2,3]}'));\n  bench.add('keeps', () => { kept.push(new Array(100).fill(work())); });\n};\n`;
    await withSuiteFile('leak', source, async (file) => {
      const run = await runSuites([suite('leak', file, { rounds: 3, timeMs: 1500, warmupMs: 20, minSamples: 30, timeoutMs: 30_000 })]);
      expect(heapRounds(run, 'leak/keeps nothing').length).toBeGreaterThan(0);
      expect(heapRounds(run, 'leak/keeps nothing').every((bytes) => bytes === 0)).toBe(true);
      // 100 small integers: 400 B of elements with pointer compression, plus the array's headers.
      expect(heapRounds(run, 'leak/keeps').length).toBeGreaterThan(0);
      for (const bytes of heapRounds(run, 'leak/keeps')) expect(bytes).toBeGreaterThanOrEqual(400);
    });
  });

  it('probes every second round of eight, with two rounds of budget, rather than every round', async () => {
    const source = `export default (bench) => {\n  bench.add('parse', () => JSON.parse('{"a":[1,2,3]}'));\n};\n`;
    await withSuiteFile('sparse', source, async (file) => {
      const run = await runSuites([suite('sparse', file, { rounds: 8, timeMs: 800, warmupMs: 5, minSamples: 10, timeoutMs: 30_000 })]);
      const latency = run.benchmarks[0]!.metrics.find((m) => m.name === 'latency')!;
      expect(latency.rounds).toHaveLength(8);
      // Rounds 1, 3, 5 and 7 probe (heap-probe.ts heapProbeScale); a busy machine may skip one.
      const heap = heapRounds(run, 'sparse/parse');
      expect(heap.length).toBeGreaterThan(0);
      expect(heap.length).toBeLessThanOrEqual(4);
      expect(heap.every((bytes) => bytes === 0)).toBe(true);
    });
  });

  it('probes the heap only after every task is timed, so a probe never runs between two timings', async () => {
    const order = path.join(os.tmpdir(), `perfgate-order-${process.pid}.json`);
    // The round's process writes down whose calls followed whose: one entry per change of task.
    const source =
      `import { writeFileSync } from 'node:fs';\nconst runs = [];\nconst call = (name) => { if (runs[runs.length - 1] !== name) runs.push(name); };\nprocess.on('exit', () => writeFileSync(${JSON.stringify(order)}, JSON.stringify(runs)));\nconst work = () => { let s = 0; for (let i = 0; i < 20000; i++) s += i; return s; };\nexport default (bench) => {\n  bench.add('first', () => { call('first'); return work(); });\n  bench.add('second', () => { call('second'); return work(); });\n};\n`;
    try {
      await withSuiteFile('order', source, async (file) => {
        const run = await runSuites([suite('order', file, { rounds: 1, timeMs: 500, warmupMs: 5, minSamples: 10, timeoutMs: 30_000 })]);
        const probed = ['first', 'second'].filter((name) => run.benchmarks.find((b) => b.id === `order/${name}`)!.metrics.some((m) => m.name === 'heap-growth'));
        expect(probed).toContain('first');
        // One call each as tinybench adds the task (it checks for a promise), warm-up and timing of
        // each, then the probes of those that fit.
        const runs = JSON.parse(readFileSync(order, 'utf8')) as string[];
        expect(runs).toEqual(['first', 'second', 'first', 'second', ...probed].filter((name, i, all) => name !== all[i - 1]));
      });
    } finally {
      rmSync(order, { force: true });
    }
  });
});
