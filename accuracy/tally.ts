/**
 * Pure aggregation of the harness's runs into rates: which verdicts were right, per level of
 * change, per method of deciding. No I/O, so the numbers can be checked by hand in tests.
 */
import type { Verdict } from '../src/core/model.js';

export type MethodId = 'same-runner' | 'artifact' | 'gab-1.10' | 'gab-1.50' | 'gab-2.00';

/** One benchmark compared in one run by one method. */
export interface Observation {
  id: string;
  verdict: Verdict;
  /** Estimated head/base, null when the method has none. */
  ratio: number | null;
  /** The interval the method reported for the ratio, null when it reported none. */
  ci: [number, number] | null;
  /**
   * Robust CV of head's per-round medians in this run: the in-run variation the detection
   * targets are stated for. Null when the run had no such summary.
   */
  roundCv: number | null;
  /** head/base work actually run (units are whole numbers, so not exactly 1 + level). */
  trueRatio: number;
  /** Holm-adjusted p of perfgate's test, kept in the saved runs to explain a verdict. */
  pHolm?: number | null;
  /**
   * Confirmation rounds (same-runner): the benchmark looked like a failure, or could not be
   * decided, after the first rounds; after the extra rounds it failed (confirmed) or not (cleared).
   */
  confirmation?: 'confirmed' | 'cleared';
}

export interface RunRecord {
  index: number;
  /** Relative change of work in head: 0.05 is 5% more work, -0.05 is 5% less. */
  level: number;
  seconds: number;
  exitCode: number | null;
  /** Set when the run is not counted: exit status 2 or 3, a crash, missing or unreadable output. */
  error?: string;
  observations: Partial<Record<MethodId, Observation[]>>;
}

export interface Rate {
  hits: number;
  total: number;
}

/** The targets for detection are stated for benchmarks whose rounds vary by at most this much. */
export const LOW_NOISE_ROUND_CV = 0.05;

export interface LevelTally {
  level: number;
  /** Usable runs at this level that the method decided on. */
  runs: number;
  /** Comparisons with a decision (error, missing and new excluded). */
  comparisons: number;
  /** Comparisons excluded because the benchmark errored or was absent on one side. */
  undecided: number;
  fail: Rate;
  /**
   * Reported as a significant change in the direction of the true change: warn/fail/critical for a
   * slowdown, improved for a speed-up; for no change, any significant change either way.
   */
  significant: Rate;
  /** A significant change opposite to the true one; total 0 for no change. */
  wrongDirection: Rate;
  /** Intervals that contain the true ratio, over comparisons that reported an interval. */
  coverage: Rate;
  withoutCi: number;
  /** fail among comparisons whose head roundCv ≤ LOW_NOISE_ROUND_CV. */
  failLowNoise: Rate;
  /** Runs with at least one failing benchmark. */
  runsWithFail: Rate;
  /** fail per benchmark id, ids in first-seen order. */
  perBenchmark: Record<string, Rate>;
  /** Median head roundCv per benchmark id, over the comparisons that had one. */
  medianRoundCv: Record<string, number>;
  /**
   * Median estimated ratio per benchmark id: shows a benchmark whose time does not grow in step
   * with its work, which would make its "wrong" verdicts right.
   */
  medianRatio: Record<string, number>;
  /** Benchmarks that got confirmation rounds, and how many of those failed or did not fail after them. */
  confirmation: { rechecked: number; confirmed: number; cleared: number };
}

const UNDECIDED: readonly Verdict[] = ['error', 'missing', 'new'];

export function isFail(verdict: Verdict): boolean {
  return verdict === 'fail' || verdict === 'critical';
}

function isSlowerReport(verdict: Verdict): boolean {
  return verdict === 'warn' || isFail(verdict);
}

export function isUsable(record: RunRecord): boolean {
  return record.error === undefined;
}

function rate(): Rate {
  return { hits: 0, total: 0 };
}

function count(r: Rate, hit: boolean): void {
  r.total += 1;
  if (hit) r.hits += 1;
}

/** The method's rates at one level, over the usable runs that have observations of it. */
export function tallyLevel(records: readonly RunRecord[], method: MethodId, level: number): LevelTally {
  const out: LevelTally = {
    level,
    runs: 0,
    comparisons: 0,
    undecided: 0,
    fail: rate(),
    significant: rate(),
    wrongDirection: rate(),
    coverage: rate(),
    withoutCi: 0,
    failLowNoise: rate(),
    runsWithFail: rate(),
    perBenchmark: {},
    medianRoundCv: {},
    medianRatio: {},
    confirmation: { rechecked: 0, confirmed: 0, cleared: 0 },
  };
  const roundCvs: Record<string, number[]> = {};
  const ratios: Record<string, number[]> = {};
  for (const record of records) {
    const observations = record.observations[method];
    if (record.level !== level || !isUsable(record) || !observations) continue;
    out.runs += 1;
    let anyFail = false;
    for (const o of observations) {
      if (UNDECIDED.includes(o.verdict)) {
        out.undecided += 1;
        continue;
      }
      out.comparisons += 1;
      const failed = isFail(o.verdict);
      anyFail ||= failed;
      count(out.fail, failed);
      count((out.perBenchmark[o.id] ??= rate()), failed);
      if (level > 0) {
        count(out.significant, isSlowerReport(o.verdict));
        count(out.wrongDirection, o.verdict === 'improved');
      } else if (level < 0) {
        count(out.significant, o.verdict === 'improved');
        count(out.wrongDirection, isSlowerReport(o.verdict));
      } else {
        count(out.significant, isSlowerReport(o.verdict) || o.verdict === 'improved');
      }
      if (o.ci) count(out.coverage, o.ci[0] <= o.trueRatio && o.trueRatio <= o.ci[1]);
      else out.withoutCi += 1;
      if (o.ratio !== null) (ratios[o.id] ??= []).push(o.ratio);
      if (o.roundCv !== null) {
        (roundCvs[o.id] ??= []).push(o.roundCv);
        if (o.roundCv <= LOW_NOISE_ROUND_CV) count(out.failLowNoise, failed);
      }
      if (o.confirmation) {
        out.confirmation.rechecked += 1;
        out.confirmation[o.confirmation] += 1;
      }
    }
    count(out.runsWithFail, anyFail);
  }
  for (const [id, values] of Object.entries(roundCvs)) out.medianRoundCv[id] = median(values.sort((a, b) => a - b));
  for (const [id, values] of Object.entries(ratios)) out.medianRatio[id] = median(values.sort((a, b) => a - b));
  return out;
}

export function tallyMethod(records: readonly RunRecord[], method: MethodId, levels: readonly number[]): LevelTally[] {
  return levels.map((level) => tallyLevel(records, method, level));
}

export interface RunSummary {
  runs: number;
  usable: number;
  errored: { index: number; level: number; exitCode: number | null; error: string }[];
  /** Seconds per run over every run, errored ones included: what a run costs. */
  seconds: { total: number; min: number; median: number; mean: number; max: number } | null;
}

export function summarizeRuns(records: readonly RunRecord[]): RunSummary {
  const seconds = records.map((r) => r.seconds).sort((a, b) => a - b);
  const total = seconds.reduce((a, b) => a + b, 0);
  return {
    runs: records.length,
    usable: records.filter(isUsable).length,
    errored: records.flatMap((r) => (r.error === undefined ? [] : [{ index: r.index, level: r.level, exitCode: r.exitCode, error: r.error }])),
    seconds:
      seconds.length === 0
        ? null
        : { total, min: seconds[0]!, median: median(seconds), mean: total / seconds.length, max: seconds[seconds.length - 1]! },
  };
}

/** Median of sorted numbers. */
function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function fraction(r: Rate): number | null {
  return r.total === 0 ? null : r.hits / r.total;
}
