import type { TimestampProvider } from 'tinybench';

/**
 * A tinybench timestamp provider that also records every iteration's duration, in time order.
 *
 * Why this works (tinybench 6, dist/index.js): a Task copies `timestampProvider.fn` and `.toMs`
 * when it is constructed and, for every iteration of warmup() and run(), calls
 * `toMs(fn() - start)` exactly once, after the end timestamp, and uses the returned number as the
 * sample. So what toMs sees is each sample, in the order measured, and recording it costs nothing
 * inside the measured interval. tinybench itself keeps samples only sorted.
 * Other callers of toMs: `bench.now()` (the measuring code replaces it) and timer-overhead
 * calibration (only with `subtractTimerOverhead`, which perfgate does not set).
 */
export interface SampleRecorder {
  provider: TimestampProvider;
  /** Where durations go from now on; null stops recording. */
  recordInto(sink: number[] | null): void;
}

export function createSampleRecorder(): SampleRecorder {
  const hrtime = process.hrtime.bigint.bind(process.hrtime);
  let sink: number[] | null = null;
  const provider: TimestampProvider = {
    name: 'perfgate-hrtime',
    fn: hrtime,
    fromMs: (ms) => BigInt(Math.round(Number(ms) * 1e6)),
    toMs: (ns) => {
      const ms = Number(ns) / 1e6;
      sink?.push(ms);
      return ms;
    },
  };
  return {
    provider,
    recordInto(next) {
      sink = next;
    },
  };
}
