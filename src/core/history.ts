import type { BaselineInfo, HistoryPoint, MainReference, Report, Results, Statistic } from './model.js';
import { medianAbsoluteDeviation, pooledSamples, summarizeInPlace } from './stats.js';

/**
 * Main's recent runs, reduced to one number per statistic per metric: enough to learn how much a
 * benchmark moves from one run (one machine, one moment) to the next when the code does not change.
 */

/** How many earlier runs a baseline artifact carries. */
export const DEFAULT_HISTORY_LENGTH = 50;
/** Fewer runs than this say little about the run-to-run spread. */
export const MIN_RUNS_FOR_BAND = 3;

export function historyPoint(results: Results): HistoryPoint {
  const values: HistoryPoint['values'] = {};
  for (const b of results.benchmarks) {
    if (b.error !== undefined) continue;
    for (const m of b.metrics) {
      let stats: Partial<Record<Statistic, number>> | undefined;
      if (m.rounds && m.rounds.length > 0) {
        const s = summarizeInPlace(pooledSamples(m.rounds));
        stats = { mean: s.mean, median: s.median, p95: s.p95, p99: s.p99, min: s.min, max: s.max };
      } else if (m.value !== undefined) {
        stats = { mean: m.value, median: m.value, p95: m.value, p99: m.value, min: m.value, max: m.value };
      }
      if (stats) (values[b.id] ??= {})[m.name] = stats;
    }
  }
  return { ...(results.meta.commit ? { commit: results.meta.commit } : {}), ...(results.meta.time ? { time: results.meta.time } : {}), values };
}

/** Newest first, one point per commit (a re-run replaces the older point), at most `max` points. */
export function appendHistory(history: readonly HistoryPoint[], point: HistoryPoint, max = DEFAULT_HISTORY_LENGTH): HistoryPoint[] {
  const rest = point.commit === undefined ? history : history.filter((p) => p.commit !== point.commit);
  return [point, ...rest].slice(0, max);
}

export interface NoiseBand {
  /** Robust standard deviation of the log of the statistic between runs of main. */
  spread: number;
  /** How many runs it was learned from. */
  runs: number;
}

export function bandKey(benchmarkId: string, metric: string): string {
  return `${benchmarkId}\u0000${metric}`;
}

/**
 * The run-to-run spread of each benchmark's gated statistic on main, on the log scale
 * (1.4826 · MAD, so that one merged regression in the history does not inflate it).
 */
export function learnNoiseBands(history: readonly HistoryPoint[], statisticFor: (benchmarkId: string, metric: string) => Statistic): Map<string, NoiseBand> {
  const logs = new Map<string, number[]>();
  for (const point of history) {
    for (const [id, metrics] of Object.entries(point.values)) {
      for (const [metric, stats] of Object.entries(metrics)) {
        const value = stats[statisticFor(id, metric)];
        if (value === undefined || !(value > 0) || !Number.isFinite(value)) continue;
        const key = bandKey(id, metric);
        let list = logs.get(key);
        if (!list) logs.set(key, (list = []));
        list.push(Math.log(value));
      }
    }
  }
  const bands = new Map<string, NoiseBand>();
  for (const [key, values] of logs) {
    if (values.length < MIN_RUNS_FOR_BAND) continue;
    bands.set(key, { spread: 1.4826 * medianAbsoluteDeviation(values), runs: values.length });
  }
  return bands;
}

/** How many of main's runs the main column shows. */
export const MAIN_COLUMN_RUNS = 8;

/**
 * The main column of a report decided by another method: for each of its metrics, main's value of
 * the same statistic in the artifact and in the runs before it, newest first.
 */
export function mainReference(report: Report, main: Results, info: BaselineInfo, history: readonly HistoryPoint[]): MainReference {
  const latest = historyPoint(main);
  const points = appendHistory(history, latest, MAIN_COLUMN_RUNS);
  const values: MainReference['values'] = {};
  for (const b of report.benchmarks) {
    for (const m of b.metrics) {
      const series = points.map((p) => p.values[b.id]?.[m.metric]?.[m.statistic]).filter((v): v is number => v !== undefined);
      if (series.length > 0) (values[b.id] ??= {})[m.metric] = series;
    }
  }
  return { source: info.source, ...(info.commit ? { commit: info.commit } : {}), values };
}

/**
 * One history from the copies several baseline artifacts carry: one point per commit (the copy
 * that comes first wins, so pass the newest artifact first), newest first by time, at most `max`.
 */
export function mergeHistories(copies: readonly (readonly HistoryPoint[])[], max = DEFAULT_HISTORY_LENGTH): HistoryPoint[] {
  const seen = new Set<string>();
  const points: HistoryPoint[] = [];
  for (const copy of copies) {
    for (const point of copy) {
      if (point.commit !== undefined) {
        if (seen.has(point.commit)) continue;
        seen.add(point.commit);
      }
      points.push(point);
    }
  }
  const at = (p: HistoryPoint) => (p.time ? Date.parse(p.time) : -Infinity);
  // A stable sort keeps copies' own order among points without a time.
  return points.sort((a, b) => at(b) - at(a)).slice(0, max);
}
