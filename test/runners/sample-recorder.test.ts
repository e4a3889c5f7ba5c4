import { Bench } from 'tinybench';
import { describe, expect, it } from 'vitest';
import { createSampleRecorder } from '../../src/runners/sample-recorder.js';
import { fallOverTime } from './suites.js';

/** Busy-waits a little less on every call: in time order the durations fall, sorted they rise. */
function shrinkingTask() {
  const calls: { phase: string }[] = [];
  let phase = 'add';
  const fn = () => {
    const until = performance.now() + Math.max(0.02, 1.5 - 0.02 * calls.length);
    calls.push({ phase });
    while (performance.now() < until);
  };
  return { fn, calls, setPhase: (next: string) => (phase = next) };
}

describe('the sample recorder (a tinybench timestamp provider)', () => {
  it('sees each measured iteration once, in time order, identical to tinybench`s own samples', async () => {
    const recorder = createSampleRecorder();
    const bench = new Bench({ timestampProvider: recorder.provider, retainSamples: true, throws: true, time: 30, warmupTime: 5, warmupIterations: 1, iterations: 10 });
    const task = shrinkingTask();
    bench.add('shrinking', task.fn, { async: false });
    const [tinyTask] = bench.tasks;

    const warm: number[] = [];
    recorder.recordInto(warm);
    task.setPhase('warmup');
    await tinyTask!.warmup();
    const recorded: number[] = [];
    recorder.recordInto(recorded);
    task.setPhase('run');
    await tinyTask!.run();
    recorder.recordInto(null);

    const runCalls = task.calls.filter((call) => call.phase === 'run').length;
    const warmCalls = task.calls.filter((call) => call.phase === 'warmup').length;
    expect(warm).toHaveLength(warmCalls);
    expect(recorded).toHaveLength(runCalls);
    expect(tinyTask!.runs).toBe(runCalls);

    const result = tinyTask!.result;
    const kept = 'latency' in result ? result.latency.samples : undefined;
    expect(kept).toBeDefined();
    // Same numbers exactly: toMs's return value IS tinybench's sample.
    expect([...recorded].sort((a, b) => a - b)).toEqual(kept);
    // ...but in the order measured: falling, where tinybench's are sorted rising.
    expect(fallOverTime(recorded)).toBeGreaterThan(0.7); // each call about 0.02 ms shorter
    expect(fallOverTime(kept!)).toBe(0);
  });

  it('records nothing while no sink is set', async () => {
    const recorder = createSampleRecorder();
    const bench = new Bench({ timestampProvider: recorder.provider, time: 1, iterations: 5, warmup: false });
    bench.add('noop', () => 0);
    await bench.run();
    const after: number[] = [];
    recorder.recordInto(after);
    recorder.recordInto(null);
    expect(after).toEqual([]);
    expect(bench.tasks[0]!.runs).toBeGreaterThanOrEqual(5);
  });
});
