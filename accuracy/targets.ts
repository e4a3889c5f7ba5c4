/**
 * The targets for same-runner verdicts, checked against tallied rates. Pure.
 */
import { formatRate, formatSeconds } from './format.js';
import { fraction, type LevelTally, type Rate, type RunSummary } from './tally.js';

export interface TargetCheck {
  target: string;
  measured: string;
  /** null: the run had nothing to judge this target by. */
  met: boolean | null;
}

interface RateTarget {
  target: string;
  level: number;
  pick: (t: LevelTally) => Rate;
  ok: (r: Rate) => boolean;
}

const RATE_TARGETS: readonly RateTarget[] = [
  { target: 'no change: at most 1% of benchmark comparisons fail', level: 0, pick: (t) => t.fail, ok: (r) => fraction(r)! <= 0.01 },
  { target: 'no change: at most 5% of runs have a failing benchmark', level: 0, pick: (t) => t.runsWithFail, ok: (r) => fraction(r)! <= 0.05 },
  { target: '+10%: at least 95% of benchmarks with round CV ≤5% fail', level: 0.1, pick: (t) => t.failLowNoise, ok: (r) => fraction(r)! >= 0.95 },
  { target: '+5%: at least 80% of benchmarks with round CV ≤5% fail', level: 0.05, pick: (t) => t.failLowNoise, ok: (r) => fraction(r)! >= 0.8 },
  // Under the 3% threshold, and a speed-up: neither should fail the check.
  { target: '+2% (under the 3% threshold): no benchmark fails', level: 0.02, pick: (t) => t.fail, ok: (r) => r.hits === 0 },
  { target: '-5% (a speed-up): no benchmark fails', level: -0.05, pick: (t) => t.fail, ok: (r) => r.hits === 0 },
];

/** The cost target for one same-runner comparison of a 12-benchmark suite. */
export const RUN_SECONDS_TARGET = 180;

export function checkTargets(sameRunner: readonly LevelTally[], runs: RunSummary): TargetCheck[] {
  const rates = RATE_TARGETS.map(({ target, level, pick, ok }): TargetCheck => {
    const tally = sameRunner.find((t) => Math.abs(t.level - level) < 1e-9);
    const measured = tally ? pick(tally) : { hits: 0, total: 0 };
    return { target, measured: formatRate(measured), met: measured.total > 0 ? ok(measured) : null };
  });
  const s = runs.seconds;
  const cost: TargetCheck = {
    target: `a same-runner comparison takes under ${RUN_SECONDS_TARGET / 60} minutes (every run)`,
    measured: s ? `median ${formatSeconds(s.median)}, max ${formatSeconds(s.max)}` : '—',
    met: s ? s.max < RUN_SECONDS_TARGET : null,
  };
  return [...rates, cost];
}
