import { compareResults } from './compare.js';
import { learnNoiseBands } from './history.js';
import type { BaselineInfo, HistoryPoint, Policy, Report, Results, Statistic } from './model.js';
import { decideVerdict } from './verdict.js';

export interface EvaluateInput {
  head: Results;
  base: Results | null;
  baseline: BaselineInfo;
  policy: Policy;
  /** Warnings gathered by the shell (baseline lookup, runner) to show with the report. */
  warnings?: string[];
  /**
   * Base and head rounds were interleaved on one machine and are compared pair by pair: all
   * suites, or the suites named.
   */
  paired?: boolean | ReadonlySet<string>;
  /**
   * Main's earlier runs, newest first (from the baseline artifact). With a baseline from another
   * run, each benchmark's interval is widened by how much main moves between runs.
   */
  history?: readonly HistoryPoint[];
}

/** Results in, report out: the whole decision, with no I/O, shared by the CLI and the action. */
export function evaluate(input: EvaluateInput): Report {
  const paired = input.paired ?? false;
  const noiseBands = paired === false && input.history && input.history.length > 0 ? learnNoiseBands(input.history, gatedStatistic(input)) : undefined;
  const deltas = compareResults(input.base, input.head, input.policy, {
    confidence: 1 - input.policy.alpha,
    seed: 1,
    paired,
    ...(noiseBands ? { noiseBands } : {}),
  });
  const warnings = [...(input.warnings ?? []), ...input.head.warnings, ...fingerprintWarnings(input)];
  return decideVerdict(deltas, {
    alpha: input.policy.alpha,
    power: input.policy.power,
    baseline: input.baseline,
    head: input.head.meta,
    base: input.base?.meta ?? null,
    warnings,
  });
}

function fingerprintWarnings({ head, base, baseline }: EvaluateInput): string[] {
  const a = base?.meta.runner;
  const b = head.meta.runner;
  if (!a || !b || baseline.method === 'same-runner') return [];
  if (a.cpu === b.cpu && a.cores === b.cores && a.os === b.os && a.node === b.node) return [];
  return [
    `the baseline was measured on different hardware or software (${a.cpu} × ${a.cores}, Node ${a.node}) than this run (${b.cpu} × ${b.cores}, Node ${b.node}): differences may come from the machine`,
  ];
}

/** The statistic the policy gates for a benchmark's metric, looked up the way compareResults does. */
function gatedStatistic({ head, base, policy }: EvaluateInput): (id: string, metric: string) => Statistic {
  const benchmarks = new Map([...(base?.benchmarks ?? []), ...head.benchmarks].map((b) => [b.id, b]));
  return (id, metricName) => {
    const b = benchmarks.get(id);
    const m = b?.metrics.find((x) => x.name === metricName);
    if (!b || !m) return 'median';
    return policy.metricPolicy({ suite: b.suite, name: b.name }, { name: m.name, unit: m.unit, direction: m.direction }).statistic;
  };
}
