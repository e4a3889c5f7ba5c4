import type { Bench } from 'tinybench';
import { createPolicy } from '../src/config/resolve-policy.js';
import { evaluate } from '../src/core/evaluate.js';
import { syntheticResults } from './synthetic-results.js';
import { defaultSettings } from '../src/config/default-settings.js';

const shape = { benchmarks: 100, rounds: 10, samplesPerRound: 100, slowdown: 1.2, seed: 11 };
const base = syntheticResults(shape, 'base');
const head = syntheticResults(shape, 'head');
const policy = createPolicy(defaultSettings('.'));

export default (bench: Bench) => {
  bench.add('compare + verdict 100 benchmarks x 1000 samples', () =>
    evaluate({ head, base, baseline: { method: 'file', source: 'bench' }, policy }),
  );
};
