import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSuites } from '../../src/runners/run-suites.js';
import { suite } from './suites.js';

// In the measuring project: the probe skips a round whose full collections would not fit in the
// task's time, and on a machine busy with other test files a collection takes several times longer.
describe('runSuites: heap kept per iteration', () => {
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
});
