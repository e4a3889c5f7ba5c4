// `npm run bench`: how long perfgate takes to compare and render a large suite, on this machine.
// The target is under 300 ms for 1,000 benchmarks with 1,000 samples per side.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { createPolicy } from '../src/config/resolve-policy.js';
import { compareResults } from '../src/core/compare.js';
import { evaluate } from '../src/core/evaluate.js';
import { renderMarkdown } from '../src/core/render/markdown.js';
import { renderTerminal } from '../src/core/render/terminal.js';
import { percentile } from '../src/core/stats.js';
import { defaultSettings } from '../src/config/default-settings.js';
import { syntheticResults } from './synthetic-results.js';

const REPEATS = 15;
const shape = { benchmarks: 1000, rounds: 10, samplesPerRound: 100, slowdown: 1.2, seed: 3 };
const base = syntheticResults(shape, 'base');
const head = syntheticResults(shape, 'head');
const policy = createPolicy(defaultSettings('.'));

function time(label: string, fn: () => unknown): number {
  fn(); // warm-up: the first call pays for compilation
  const runs: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    fn();
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  const median = percentile(runs, 0.5);
  console.log(`${label.padEnd(48)} median ${median.toFixed(1).padStart(7)} ms   min ${runs[0]!.toFixed(1).padStart(7)} ms   max ${runs[runs.length - 1]!.toFixed(1).padStart(7)} ms`);
  return median;
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`machine: ${cpu} × ${os.availableParallelism()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`);
console.log(`input: ${shape.benchmarks} benchmarks, ${shape.rounds} rounds × ${shape.samplesPerRound} samples per side; ${REPEATS} repeats\n`);

time('compare (statistics only)', () => compareResults(base, head, policy));
const report = evaluate({ head, base, baseline: { method: 'file', source: 'bench' }, policy });
time('compare + verdict', () => evaluate({ head, base, baseline: { method: 'file', source: 'bench' }, policy }));
time('render markdown (capped at 60,000 chars)', () => renderMarkdown(report));
time('render terminal', () => renderTerminal(report, { color: false, all: true }));
const total = time('compare + verdict + markdown, end to end', () =>
  renderMarkdown(evaluate({ head, base, baseline: { method: 'file', source: 'bench' }, policy })),
);
console.log(`\ntarget: < 300 ms end to end — ${total < 300 ? 'met' : 'NOT met'} (${total.toFixed(0)} ms)`);
