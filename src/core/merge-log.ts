import { acceptedBenchmarks } from './accept.js';
import type { BaselineMethod, Direction, Report, Statistic, Verdict } from './model.js';

/**
 * The per-merge log: one entry per push to the base branch, what that merge did to each benchmark.
 * It travels inside the baseline artifact, so two runs racing each other each carry a copy; the
 * next run unites the copies by commit.
 */

/** How the pushed commits came to the base branch; it decides the revert command. */
export type MergeMethod = 'merge' | 'squash' | 'rebase' | 'direct';

export interface MergeLogDelta {
  /** Benchmark id (`suite/name`). */
  id: string;
  metric: string;
  unit: string;
  direction: Direction;
  /** The statistic the row is about (the gated one). */
  statistic: Statistic;
  /** The first parent's value of the statistic, null when the benchmark is new. */
  base: number | null;
  /** The merge's value, null when the benchmark is missing or crashed. */
  head: number | null;
  ratio: number | null;
  ci: [number, number] | null;
  verdict: Verdict;
}

export interface MergedPullRequest {
  number: number;
  title: string;
  author: string;
  url?: string;
}

export interface RollbackRecommendation {
  /** One line per critical breach. */
  reasons: string[];
  /** The exact command that undoes the merge. */
  revert: string;
  /** The incident issue, once opened. */
  issue?: { number: number; url: string };
}

export interface MergeLogEntry {
  /** The commit the push brought to the tip of the base branch. */
  commit: string;
  /** The first parent it was compared with. */
  parent: string | null;
  /** When the merge happened (the pull request's merged_at, else the commit's time), ISO 8601. */
  time: string;
  /** When this entry was recorded; a re-run of the same merge replaces an older record. */
  recorded: string;
  pr: MergedPullRequest | null;
  mergeMethod: MergeMethod;
  /** The commits the push brought, oldest first (more than one for a rebase merge). */
  commits: string[];
  /** How the comparison was made. */
  method: BaselineMethod;
  verdict: Verdict;
  deltas: MergeLogDelta[];
  rollback?: RollbackRecommendation;
  /** Regressions of the pull request that someone with write access accepted, and why. */
  accepted?: { id: string; by: string; reason: string }[];
  /** The workflow run that recorded the entry. */
  run?: { id: number; url?: string };
}

export const MERGE_LOG_SCHEMA_ID = 'perfgate/merge-log';
export const DEFAULT_LOG_ENTRIES = 1000;

export interface MergeLog {
  schema: typeof MERGE_LOG_SCHEMA_ID;
  version: 1;
  /** Newest merge first. */
  entries: MergeLogEntry[];
}

function compareNewestFirst(a: MergeLogEntry, b: MergeLogEntry): number {
  return Date.parse(b.time) - Date.parse(a.time) || Date.parse(b.recorded) - Date.parse(a.recorded) || (a.commit < b.commit ? -1 : a.commit > b.commit ? 1 : 0);
}

/**
 * One log from several copies: every commit once (the latest record of it wins), newest merge
 * first, at most `max` entries. Copies may overlap, disagree on order, or miss entries.
 */
export function mergeLogs(copies: readonly (readonly MergeLogEntry[])[], max = DEFAULT_LOG_ENTRIES): MergeLogEntry[] {
  const byCommit = new Map<string, MergeLogEntry>();
  for (const copy of copies) {
    for (const entry of copy) {
      const known = byCommit.get(entry.commit);
      if (!known || Date.parse(entry.recorded) > Date.parse(known.recorded)) byCommit.set(entry.commit, entry);
    }
  }
  return [...byCommit.values()].sort(compareNewestFirst).slice(0, max);
}

/** The rows of a report as the log keeps them: the gated statistic of every metric, no samples. */
export function logDeltas(report: Report): MergeLogDelta[] {
  const deltas: MergeLogDelta[] = [];
  for (const b of report.benchmarks) {
    for (const m of b.metrics) {
      deltas.push({
        id: b.id,
        metric: m.metric,
        unit: m.unit,
        direction: m.direction,
        statistic: m.statistic,
        base: m.base ? m.base[m.statistic] : null,
        head: m.head ? m.head[m.statistic] : null,
        ratio: m.ratio,
        ci: m.ci,
        verdict: m.verdict,
      });
    }
    if (b.metrics.length === 0) {
      deltas.push({ id: b.id, metric: '', unit: '', direction: 'smaller', statistic: 'median', base: null, head: null, ratio: null, ci: null, verdict: b.verdict });
    }
  }
  return deltas;
}

/** A metric's series over the log, oldest first, for trends and change points. */
export interface LogSeries {
  id: string;
  metric: string;
  unit: string;
  direction: Direction;
  statistic: Statistic;
  points: { commit: string; time: string; value: number }[];
}

export function seriesKey(id: string, metric: string): string {
  return `${id}\u0000${metric}`;
}

/** Every benchmark metric's head values over the log, oldest merge first. */
export function logSeries(entries: readonly MergeLogEntry[]): LogSeries[] {
  const series = new Map<string, LogSeries>();
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!;
    for (const d of entry.deltas) {
      if (d.head === null || !Number.isFinite(d.head) || d.metric === '') continue;
      const key = seriesKey(d.id, d.metric);
      let s = series.get(key);
      if (!s) series.set(key, (s = { id: d.id, metric: d.metric, unit: d.unit, direction: d.direction, statistic: d.statistic, points: [] }));
      s.points.push({ commit: entry.commit, time: entry.time, value: d.head });
    }
  }
  return [...series.values()];
}

/** What the shell knows about a merge; the report gives the rest. */
export type MergeEntryInput = Omit<MergeLogEntry, 'method' | 'verdict' | 'deltas' | 'rollback' | 'accepted'> & {
  report: Report;
  rollback: RollbackRecommendation | null;
};

export function createMergeEntry(input: MergeEntryInput): MergeLogEntry {
  const accepted = acceptedBenchmarks(input.report);
  return {
    commit: input.commit,
    parent: input.parent,
    time: input.time,
    recorded: input.recorded,
    pr: input.pr,
    mergeMethod: input.mergeMethod,
    commits: input.commits,
    method: input.report.baseline.method,
    verdict: input.report.verdict,
    deltas: logDeltas(input.report),
    ...(input.rollback ? { rollback: input.rollback } : {}),
    ...(accepted.length > 0 ? { accepted } : {}),
    ...(input.run ? { run: input.run } : {}),
  };
}
