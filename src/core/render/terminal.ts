import type { Report, Verdict } from '../model.js';
import { acceptedWhat, unusedText } from './acceptances.js';
import { escapeTerminalText } from './escape.js';
import type { Row } from './rows.js';
import { confirmationText, countsText, methodText, notableRows, reportRows } from './rows.js';

export interface TerminalOptions {
  color: boolean;
  /** Show every row, not only the ones that changed. */
  all?: boolean;
}

const COLORS: Partial<Record<Verdict, number>> = {
  critical: 31,
  fail: 31,
  error: 35,
  warn: 33,
  unstable: 33,
  accepted: 36,
  improved: 32,
  pass: 32,
};

function paint(text: string, verdict: Verdict, color: boolean): string {
  const code = COLORS[verdict];
  return color && code ? `\u001b[${code}m${text}\u001b[0m` : text;
}

function width(text: string): number {
  return [...text].length;
}

function pad(text: string, size: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return right ? fill + text : text + fill;
}

function layout(rows: readonly Row[], color: boolean): string[] {
  const withMain = rows.some((r) => r.main !== undefined);
  const header = ['Benchmark', 'Metric', ...(withMain ? ['Main'] : []), 'Baseline', 'This change', 'Change (95% CI)', 'Verdict'];
  const body = rows.map((r) => [r.benchmark, r.metric, ...(withMain ? [r.main ?? '—'] : []), r.baseline, r.head, r.change, r.verdict].map(escapeTerminalText));
  const widths = header.map((h, i) => Math.max(width(h), ...body.map((r) => width(r[i] as string))));
  const right = [false, false, ...(withMain ? [true] : []), true, true, true, false];
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i] as number, right[i] as boolean)).join('  ');
  return [
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...body.map((cells, i) => {
      const text = line(cells);
      return paint(text, (rows[i] as Row).verdict, color);
    }),
  ];
}

/** The report as a plain-text table for the CLI: headline, the rows that matter, reasons. */
export function renderTerminal(report: Report, options: TerminalOptions): string {
  const rows = reportRows(report);
  const shown = options.all ? rows : notableRows(rows);
  const out: string[] = [];
  const head = report.baseline.method === 'none' ? 'results recorded, no baseline to compare with' : `${report.verdict.toUpperCase()}: ${countsText(report)}`;
  out.push(paint(`perfgate ${head}`, report.verdict, options.color));
  if (report.baseline.method !== 'none') out.push(`compared with the ${escapeTerminalText(methodText(report))}`);
  const confirmation = confirmationText(report);
  if (confirmation) out.push(escapeTerminalText(confirmation));
  out.push('');
  if (shown.length > 0) out.push(...layout(shown, options.color));
  else out.push(rows.length === 1 ? 'The one measurement is within its noise.' : `All ${rows.length} measurements are within their noise.`);
  if (!options.all && shown.length < rows.length && shown.length > 0) out.push(`(${rows.length - shown.length} unchanged rows hidden; --all shows them)`);
  const reasons = shown.filter((r) => r.verdict !== 'pass' && r.verdict !== 'improved' && r.reasons.length > 0);
  if (reasons.length > 0) {
    out.push('');
    for (const r of reasons.slice(0, 30)) out.push(`  ${escapeTerminalText(r.benchmark)}: ${escapeTerminalText(r.reasons.join('; '))}`);
  }
  for (const a of report.acceptances ?? []) {
    const unused = unusedText(report, a);
    out.push(`accepted: ${escapeTerminalText(`${acceptedWhat(a)}, by @${a.by}: ${a.reason}${unused ? ` (${unused})` : ''}`)}`);
  }
  for (const w of report.warnings) out.push(`warning: ${escapeTerminalText(w)}`);
  return out.join('\n');
}
