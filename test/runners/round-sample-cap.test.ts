import { describe, expect, it } from 'vitest';
import { toResults } from '../../src/cli/measure.js';
import { MAX_SAMPLES_PER_ROUND } from '../../src/core/stats.js';
import { runSuiteSides } from '../../src/runners/run-suites.js';
import { suite } from './suites.js';

describe('samples kept per round', () => {
  it('keeps at most 1,000 per round of a nanosecond task, so its results stay small', async () => {
    // 'sum 1..100' runs in tens of nanoseconds: a 30 ms round records hundreds of thousands of
    // iterations, 11 MB of results for this suite before rounds were capped.
    const [run] = await runSuiteSides([{ label: '', suites: [suite('ok', 'ok.bench.mjs', { rounds: 3, timeMs: 90 })] }], { seed: 5 });
    const sum = run!.benchmarks.find((b) => b.name === 'sum 1..100')!;
    const rounds = sum.metrics.find((m) => m.name === 'latency')!.rounds!;
    expect(rounds.map((r) => r.length)).toEqual([MAX_SAMPLES_PER_ROUND, MAX_SAMPLES_PER_ROUND, MAX_SAMPLES_PER_ROUND]);
    for (const b of run!.benchmarks) for (const m of b.metrics) for (const r of m.rounds!) expect(r.length).toBeLessThanOrEqual(MAX_SAMPLES_PER_ROUND);
    const bytes = Buffer.byteLength(JSON.stringify(toResults(run!, { time: '2026-12-05T10:00:00.000Z' })));
    expect(bytes).toBeLessThan(200_000);
  });
});
