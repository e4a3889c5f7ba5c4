import type { NonEmpty, Results } from '../src/core/model.js';
import { createRandom } from '../src/core/stats.js';

export interface SyntheticOptions {
  benchmarks: number;
  rounds: number;
  samplesPerRound: number;
  /** head/base ratio applied to every tenth benchmark, so reports have something to show. */
  slowdown: number;
  seed: number;
}

/** Deterministic results with log-normal noise, shaped like a real tinybench run. */
export function syntheticResults(options: SyntheticOptions, side: 'base' | 'head'): Results {
  const random = createRandom(options.seed + (side === 'head' ? 1 : 0));
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const benchmarks = Array.from({ length: options.benchmarks }, (_, i) => {
    const scale = 0.001 * (1 + (i % 17));
    const factor = side === 'head' && i % 10 === 0 ? options.slowdown : 1;
    const rounds = Array.from({ length: options.rounds }, () => {
      const processLuck = Math.exp(0.02 * gaussian());
      return Array.from({ length: options.samplesPerRound }, () => scale * factor * processLuck * Math.exp(0.05 * gaussian())) as NonEmpty<number>;
    });
    return {
      id: `suite-${i % 7}/benchmark ${i}`,
      suite: `suite-${i % 7}`,
      name: `benchmark ${i}`,
      metrics: [{ name: 'latency', unit: 'ms', direction: 'smaller' as const, rounds }],
    };
  });
  return { schema: 'perfgate/results', version: 1, meta: {}, benchmarks, warnings: [] };
}
