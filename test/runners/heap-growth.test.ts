import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSuites } from '../../src/runners/run-suites.js';
import { suite } from './suites.js';

// In the measuring project: the probe skips a round whose full collections would not fit in the
// task's time, and on a machine busy with other test files a collection takes several times longer.
describe('heap kept per iteration', () => {
  it('reads 0 B for a benchmark that keeps nothing and hundreds of bytes for one that keeps an array per call', async () => {
    const file = path.join(os.tmpdir(), `perfgate-leak-${process.pid}.bench.mjs`);
    // Work per call keeps the kept arrays few: a full collection costs in proportion to the live heap,
    // and the probe steps aside in a round where its collections would not fit in the task's time.
    writeFileSync(
      file,
      `const kept = [];\nconst work = () => { let s = 0; for (let i = 0; i < 100000; i++) s += i; return s; };\nexport default (bench) => {\n  bench.add('keeps nothing', () => JSON.parse('{"a":[1,2,3]}'));\n  bench.add('keeps', () => { kept.push(new Array(100).fill(work())); });\n};\n`,
    );
    try {
      const run = await runSuites([suite('leak', file, { rounds: 3, timeMs: 1500, warmupMs: 20, minSamples: 30, timeoutMs: 30_000 })]);
      const heap = (id: string) => (run.benchmarks.find((b) => b.id === id)!.metrics.find((m) => m.name === 'heap-growth')?.rounds ?? []).map(([bytes]) => bytes);
      expect(heap('leak/keeps nothing').length).toBeGreaterThan(0);
      expect(heap('leak/keeps nothing').every((bytes) => bytes === 0)).toBe(true);
      // 100 small integers: 400 B of elements with pointer compression, plus the array's headers.
      expect(heap('leak/keeps').length).toBeGreaterThan(0);
      for (const bytes of heap('leak/keeps')) expect(bytes).toBeGreaterThanOrEqual(400);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('probes the heap only after every task is timed, so a probe never runs between two timings', async () => {
    const file = path.join(os.tmpdir(), `perfgate-order-${process.pid}.bench.mjs`);
    const order = path.join(os.tmpdir(), `perfgate-order-${process.pid}.json`);
    // The round's process writes down whose calls followed whose: one entry per change of task.
    writeFileSync(
      file,
      `import { writeFileSync } from 'node:fs';\nconst runs = [];\nconst call = (name) => { if (runs[runs.length - 1] !== name) runs.push(name); };\nprocess.on('exit', () => writeFileSync(${JSON.stringify(order)}, JSON.stringify(runs)));\nconst work = () => { let s = 0; for (let i = 0; i < 20000; i++) s += i; return s; };\nexport default (bench) => {\n  bench.add('first', () => { call('first'); return work(); });\n  bench.add('second', () => { call('second'); return work(); });\n};\n`,
    );
    try {
      const run = await runSuites([suite('order', file, { rounds: 1, timeMs: 500, warmupMs: 5, minSamples: 10, timeoutMs: 30_000 })]);
      const probed = ['first', 'second'].filter((name) => run.benchmarks.find((b) => b.id === `order/${name}`)!.metrics.some((m) => m.name === 'heap-growth'));
      expect(probed).toContain('first');
      // One call each as tinybench adds the task (it checks for a promise), warm-up and timing of
      // each, then the probes of those that fit.
      const runs = JSON.parse(readFileSync(order, 'utf8')) as string[];
      expect(runs).toEqual(['first', 'second', 'first', 'second', ...probed].filter((name, i, all) => name !== all[i - 1]));
    } finally {
      rmSync(file, { force: true });
      rmSync(order, { force: true });
    }
  });
});
