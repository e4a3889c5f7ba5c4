import type { BenchmarkComparison, MetricComparison, Report, Verdict } from '../model.js';
import { VERDICT_ORDER } from '../model.js';
import { HEAP_GROWTH } from '../leak.js';
import { formatRatioChange, formatValue } from './format.js';

/** One table row per benchmark metric, as plain text; each renderer escapes and lays it out. */
export interface Row {
  benchmark: string;
  metric: string;
  /** Main's value and a sparkline of its recent runs, when the report has a main column. */
  main?: string;
  baseline: string;
  head: string;
  change: string;
  verdict: Verdict;
  reasons: string[];
  /** Magnitude of the change, to put the largest movements first. */
  weight: number;
}

function statisticValue(m: MetricComparison, side: 'base' | 'head'): string {
  const s = m[side];
  if (!s) return '—';
  const value = m.statistic === 'median' ? s.median : m.statistic === 'mean' ? s.mean : m.statistic === 'min' ? s.min : m.statistic === 'max' ? s.max : s[m.statistic];
  // A spread that rounds to ±0.0% says nothing a reader can use.
  const spread = s.rounds > 1 && s.roundCv >= 0.0005 ? ` ±${(s.roundCv * 100).toFixed(1)}%` : '';
  return `${formatValue(value, m.unit)}${spread}`;
}

const DEFAULT_ALPHA = 0.05;

export function changeText(m: MetricComparison, alpha = DEFAULT_ALPHA): string {
  if (m.ratio === null) return '—';
  const change = formatRatioChange(m.ratio);
  if (m.test === 'summaries') return `${change} (summaries)`;
  if (!m.ci) return change;
  const interval = `${formatRatioChange(m.ci[0])} … ${formatRatioChange(m.ci[1])}`;
  // benchstat's convention: "~" marks a change that is not statistically significant.
  const significant = m.pBh !== null && m.pBh < alpha;
  return `${significant ? '' : '~ '}${change} (${interval})`;
}

const SPARKS = '▁▂▃▄▅▆▇█';

/** Oldest to newest, scaled between the series' own minimum and maximum. */
export function sparkline(chronological: readonly number[]): string {
  if (chronological.length < 2) return '';
  const lo = Math.min(...chronological);
  const hi = Math.max(...chronological);
  return chronological.map((v) => SPARKS[hi === lo ? 3 : Math.round(((v - lo) / (hi - lo)) * (SPARKS.length - 1))]).join('');
}

function mainCell(report: Report, b: BenchmarkComparison, m: MetricComparison): string {
  const series = report.main?.values[b.id]?.[m.metric];
  if (!series || series.length === 0) return '—';
  const spark = sparkline([...series].reverse());
  return `${formatValue(series[0] as number, m.unit)}${spark ? ` ${spark}` : ''}`;
}

function metricRow(report: Report, b: BenchmarkComparison, m: MetricComparison): Row {
  return {
    benchmark: b.id,
    metric: `${m.metric} (${m.statistic})`,
    ...(report.main ? { main: mainCell(report, b, m) } : {}),
    baseline: statisticValue(m, 'base'),
    head: statisticValue(m, 'head'),
    change: changeText(m, report.alpha),
    verdict: m.verdict,
    reasons: m.reasons,
    weight: m.ratio === null ? 0 : Math.abs(Math.log(m.ratio)),
  };
}

/** Metrics worth a row only when they say something: a heap that stays flat is the normal case. */
function quiet(m: MetricComparison): boolean {
  return m.metric === HEAP_GROWTH && m.verdict === 'pass';
}

export function reportRows(report: Report): Row[] {
  const rows: Row[] = [];
  for (const b of report.benchmarks) {
    if (b.metrics.length === 0) {
      rows.push({
        benchmark: b.id,
        metric: '—',
        ...(report.main ? { main: '—' } : {}),
        baseline: '—',
        head: '—',
        change: '—',
        verdict: b.verdict,
        reasons: b.error ? [b.error] : [],
        weight: 0,
      });
      continue;
    }
    for (const m of b.metrics) if (!quiet(m)) rows.push(metricRow(report, b, m));
  }
  return rows;
}

/** Rows a reader must see first: anything but a plain pass, worst verdict and largest change first. */
export function notableRows(rows: readonly Row[]): Row[] {
  const rank = (v: Verdict) => VERDICT_ORDER.indexOf(v);
  return rows
    .filter((r) => r.verdict !== 'pass')
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r.verdict) - rank(b.r.verdict) || b.r.weight - a.r.weight || a.i - b.i)
    .map(({ r }) => r);
}

export const VERDICT_ICONS: Record<Verdict, string> = {
  critical: '🛑',
  fail: '❌',
  error: '💥',
  warn: '⚠️',
  unstable: '〰️',
  accepted: '☑️',
  missing: '➖',
  new: '🆕',
  improved: '🚀',
  pass: '✅',
};

export function countsText(report: Report): string {
  const parts = VERDICT_ORDER.filter((v) => report.counts[v]).map((v) => `${report.counts[v]} ${v}`);
  return parts.length > 0 ? parts.join(', ') : 'no benchmarks';
}

export function methodText(report: Report): string {
  const { baseline } = report;
  switch (baseline.method) {
    case 'none':
      return 'no baseline yet: results recorded';
    case 'committed':
      return `committed baseline ${baseline.source}`;
    case 'file':
      return `baseline file ${baseline.source}`;
    case 'artifact':
      return `main-branch artifact ${baseline.source}`;
    case 'same-runner':
      return `base ${baseline.source} re-run on this runner`;
  }
}

/** One sentence on the confirmation rounds, or null when none were needed. */
export function confirmationText(report: Report): string | null {
  const c = report.confirmation;
  if (!c) return null;
  const suspected = `${c.benchmarks.length} suspected regression${c.benchmarks.length === 1 ? '' : 's'}`;
  const outcome = [
    c.confirmed.length > 0 ? `failing ${c.confirmed.join(', ')}` : '',
    c.cleared.length > 0 ? `not failing ${c.cleared.join(', ')}` : '',
  ].filter(Boolean);
  const stopped = c.stopped ? ` (stopped early: ${c.stopped})` : '';
  if (c.rounds === 0) return `Confirmation: no extra round could run for ${suspected}${stopped}; the first rounds decided.`;
  return `Confirmation: ${c.rounds} extra round${c.rounds === 1 ? '' : 's'} per side for ${suspected}${stopped}: ${outcome.join('; ')}.`;
}
