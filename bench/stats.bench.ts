import type { Bench } from 'tinybench';
import { bootstrapRatio, hodgesLehmannRatio, mannWhitneyU, summarize } from '../src/core/stats.js';
import { createRandom } from '../src/core/stats.js';

const random = createRandom(7);
const draw = (n: number, scale: number) => Array.from({ length: n }, () => scale * (1 + 0.05 * random()));
const samples1000 = draw(1000, 1);
const base30 = draw(30, 1);
const head30 = draw(30, 1.05);
const base100 = draw(100, 1);
const head100 = draw(100, 1.05);
const roundsOf = (scale: number) => Array.from({ length: 10 }, () => draw(100, scale).sort((a, b) => a - b));
const baseRounds = roundsOf(1);
const headRounds = roundsOf(1.05);
const p95 = (sorted: number[]) => sorted[Math.floor(0.95 * (sorted.length - 1))] as number;

export default (bench: Bench) => {
  bench
    .add('summarize 1000 samples', () => summarize(samples1000))
    .add('mann-whitney exact 30 vs 30', () => mannWhitneyU(base30, head30))
    .add('mann-whitney asymptotic 100 vs 100', () => mannWhitneyU(base100, head100))
    .add('hodges-lehmann ratio 30 vs 30', () => hodgesLehmannRatio(base30, head30))
    .add('bootstrap p95 10x100 rounds, 200 resamples', () => bootstrapRatio(baseRounds, headRounds, p95, { resamples: 200, seed: 1 }));
};
