import type { Bench } from 'tinybench';
import { createPolicy } from '../src/config/resolve-policy.js';
import { evaluate } from '../src/core/evaluate.js';
import { renderMarkdown } from '../src/core/render/markdown.js';
import { renderTerminal } from '../src/core/render/terminal.js';
import { defaultSettings } from '../src/config/default-settings.js';
import { syntheticResults } from './synthetic-results.js';

const shape = { benchmarks: 300, rounds: 5, samplesPerRound: 20, slowdown: 1.2, seed: 5 };
const report = evaluate({
  head: syntheticResults(shape, 'head'),
  base: syntheticResults(shape, 'base'),
  baseline: { method: 'file', source: 'bench' },
  policy: createPolicy(defaultSettings('.')),
});

export default (bench: Bench) => {
  bench
    .add('render markdown 300 benchmarks', () => renderMarkdown(report))
    .add('render terminal 300 benchmarks', () => renderTerminal(report, { color: false, all: true }));
};
