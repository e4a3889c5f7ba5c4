import { compareResults } from './compare.js';
import type { BaselineInfo, Policy, Report, Results } from './model.js';
import { decideVerdict } from './verdict.js';

export interface EvaluateInput {
  head: Results;
  base: Results | null;
  baseline: BaselineInfo;
  policy: Policy;
  /** Warnings gathered by the shell (baseline lookup, runner) to show with the report. */
  warnings?: string[];
  /** Base and head rounds were interleaved on one machine and are compared pair by pair. */
  paired?: boolean;
}

/** Results in, report out: the whole decision, with no I/O, shared by the CLI and the action. */
export function evaluate(input: EvaluateInput): Report {
  const deltas = compareResults(input.base, input.head, input.policy, { confidence: 1 - input.policy.alpha, seed: 1, paired: input.paired ?? false });
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
