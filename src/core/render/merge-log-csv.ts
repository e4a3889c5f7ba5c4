import type { MergeLogDelta, MergeLogEntry } from '../merge-log.js';

/**
 * The per-merge log as RFC 4180 CSV for spreadsheets and scripts: one row per merge and metric,
 * CRLF line ends, fields quoted when they hold a comma, a quote or a line break.
 */

export const MERGE_LOG_CSV_COLUMNS = [
  'time',
  'commit',
  'parent',
  'pr',
  'title',
  'author',
  'merge_method',
  'method',
  'entry_verdict',
  'benchmark',
  'metric',
  'statistic',
  'unit',
  'base',
  'head',
  'ratio',
  'ci_low',
  'ci_high',
  'verdict',
  'revert',
] as const;

type Cell = string | number | null | undefined;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a formula;
 * text from pull requests and benchmark names must stay text (OWASP "CSV injection").
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Text cells from the log; numbers stay numbers so that a negative value is not mistaken for a formula. */
function text(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : neutraliseFormula(value);
}

function row(entry: MergeLogEntry, d: MergeLogDelta | null): Cell[] {
  return [
    text(entry.time),
    text(entry.commit),
    text(entry.parent),
    entry.pr?.number ?? null,
    text(entry.pr?.title),
    text(entry.pr?.author),
    entry.mergeMethod,
    entry.method,
    entry.verdict,
    text(d?.id),
    text(d?.metric),
    d?.statistic ?? null,
    text(d?.unit),
    d?.base ?? null,
    d?.head ?? null,
    d?.ratio ?? null,
    d?.ci?.[0] ?? null,
    d?.ci?.[1] ?? null,
    d?.verdict ?? null,
    text(entry.rollback?.revert),
  ];
}

export function renderMergeLogCsv(entries: readonly MergeLogEntry[]): string {
  const lines = [MERGE_LOG_CSV_COLUMNS.join(',')];
  for (const entry of entries) {
    const deltas: (MergeLogDelta | null)[] = entry.deltas.length > 0 ? entry.deltas : [null];
    for (const d of deltas) lines.push(row(entry, d).map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
