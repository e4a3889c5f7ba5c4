/**
 * What each method concluded about each benchmark of a run, as Observations for the tally:
 * perfgate same-runner (its report.json), perfgate artifact mode (the same head against an earlier
 * run's base, re-evaluated here), and the one-number rule of github-action-benchmark.
 */
import { evaluate } from '../src/core/evaluate.js';
import type { HistoryPoint, Metric, Policy, Report, Results } from '../src/core/model.js';
import type { MethodId, Observation } from './tally.js';
import { trueRatio, WORKLOAD } from './workload.js';

const METRIC = 'latency';

export const GAB_RULES: readonly { method: MethodId; limit: number }[] = [
  { method: 'gab-1.10', limit: 1.1 },
  { method: 'gab-1.50', limit: 1.5 },
  { method: 'gab-2.00', limit: 2.0 },
];

/** head/base work of a benchmark id (`suite/name`) at a level. */
export function trueRatioOf(id: string, level: number): number {
  const name = id.slice(id.indexOf('/') + 1);
  const benchmark = WORKLOAD.find((b) => b.name === name);
  return benchmark ? trueRatio(benchmark, 1 + level) : 1 + level;
}

export function reportObservations(report: Report, level: number): Observation[] {
  const confirmation = report.confirmation;
  return report.benchmarks.map((b) => {
    const m = b.metrics.find((x) => x.metric === METRIC) ?? b.metrics[0];
    const o: Observation = {
      id: b.id,
      verdict: b.verdict,
      ratio: m?.ratio ?? null,
      ci: m?.ci ?? null,
      roundCv: m?.head?.roundCv ?? null,
      trueRatio: trueRatioOf(b.id, level),
      pHolm: m?.pHolm ?? null,
    };
    if (confirmation?.confirmed.includes(b.id)) o.confirmation = 'confirmed';
    else if (confirmation?.cleared.includes(b.id)) o.confirmation = 'cleared';
    return o;
  });
}

export interface ArtifactInput {
  head: Results;
  /** The stored baseline: base results of an earlier run. */
  base: Results;
  /** Which earlier run it came from, for the report's baseline source. */
  source: string;
  /** Base results of earlier runs, newest first: main's recent history. */
  history: readonly HistoryPoint[];
  policy: Policy;
}

/** perfgate's verdicts had the base come from an artifact measured by another job earlier. */
export function artifactReport({ head, base, source, history, policy }: ArtifactInput): Report {
  return evaluate({ head, base, baseline: { method: 'artifact', source }, policy, history });
}

/**
 * Observations whose in-run variation (roundCv) is taken from the same run's same-runner report,
 * so that every method is judged on the same low-noise subset.
 */
export function withRoundCv(observations: Observation[], sameRunner: readonly Observation[]): Observation[] {
  const cv = new Map(sameRunner.map((o) => [o.id, o.roundCv]));
  return observations.map((o) => ({ ...o, roundCv: cv.get(o.id) ?? o.roundCv }));
}

function firstRoundMean(metric: Metric | undefined): number | null {
  const round = metric?.rounds?.[0];
  if (!round || round.length === 0) return null;
  return round.reduce((a, b) => a + b, 0) / round.length;
}

function latencyOf(results: Results, id: string): Metric | undefined {
  return results.benchmarks.find((b) => b.id === id)?.metrics.find((m) => m.name === METRIC);
}

/**
 * github-action-benchmark's rule: one number per benchmark (here the mean of the first process)
 * against the one stored number; a ratio above the limit fails.
 */
export function gabObservations(head: Results, base: Results, level: number, limit: number): Observation[] {
  return head.benchmarks.map((b) => {
    const h = firstRoundMean(latencyOf(head, b.id));
    const stored = firstRoundMean(latencyOf(base, b.id));
    const ratio = h !== null && stored !== null && stored > 0 ? h / stored : null;
    return {
      id: b.id,
      verdict: b.error ? 'error' : h === null ? 'missing' : ratio === null ? 'new' : ratio > limit ? 'fail' : 'pass',
      ratio,
      ci: null,
      roundCv: null,
      trueRatio: trueRatioOf(b.id, level),
    };
  });
}
