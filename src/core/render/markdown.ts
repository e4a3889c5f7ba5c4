import { markdownTable } from 'markdown-table';
import type { Report, ResultsMeta, RunnerFingerprint } from '../model.js';
import { acceptedWhat, unusedText } from './acceptances.js';
import { escapeMarkdownText } from './escape.js';
import { safeUrl } from './merge-log-text.js';
import type { Row } from './rows.js';
import { VERDICT_ICONS, confirmationText, countsText, methodText, notableRows, reportRows } from './rows.js';

export interface MarkdownOptions {
  /** Hard cap on the output length; GitHub refuses comments over 65,536 characters. */
  maxLength?: number;
  /** Prepended verbatim, e.g. the hidden marker that finds a sticky comment again. */
  marker?: string;
}

export const DEFAULT_MAX_LENGTH = 60_000;
const HEADER = ['Benchmark', 'Metric', 'Baseline', 'This change', 'Change with 95% CI', 'Verdict'];
const MAX_REASONS = 50;

const MAIN_HEADER = 'Main (artifact)';

function cells(row: Row): string[] {
  return [
    escapeMarkdownText(row.benchmark),
    escapeMarkdownText(row.metric),
    ...(row.main !== undefined ? [escapeMarkdownText(row.main)] : []),
    escapeMarkdownText(row.baseline),
    escapeMarkdownText(row.head),
    escapeMarkdownText(row.change),
    `${VERDICT_ICONS[row.verdict]} ${row.verdict}`,
  ];
}

/** Table lines: header, delimiter, then one line per row, so callers can cut at any row. */
function tableLines(rows: readonly Row[], withMain: boolean): string[] {
  const header = withMain ? [...HEADER.slice(0, 2), MAIN_HEADER, ...HEADER.slice(2)] : HEADER;
  return markdownTable([header, ...rows.map(cells)], {
    align: withMain ? ['l', 'l', 'r', 'r', 'r', 'r', 'l'] : ['l', 'l', 'r', 'r', 'r', 'l'],
    alignDelimiters: false,
  }).split('\n');
}

function headline(report: Report): string {
  if (report.baseline.method === 'none') {
    return `### 📝 perfgate: results recorded — no baseline to compare with yet`;
  }
  return `### ${VERDICT_ICONS[report.verdict]} perfgate: ${report.verdict} — ${countsText(report)}`;
}

function subline(report: Report): string {
  // A same-runner source already names the commit it re-ran.
  const commit = report.baseline.commit && report.baseline.method !== 'same-runner' ? ` at \`${report.baseline.commit.slice(0, 12)}\`` : '';
  const paired = report.benchmarks.some((b) => b.metrics.some((m) => m.test === 'signed-rank'));
  const test = paired
    ? 'base and head ran in interleaved rounds on this runner and are compared round by round (Wilcoxon signed-rank, Holm-corrected)'
    : 'changes are tested over rounds (Mann–Whitney U, Holm-corrected)';
  return `Compared with the ${escapeMarkdownText(methodText(report))}${commit}. Each round is a fresh process; ${test}; "~" marks a change that is not significant.`;
}

function reasonLines(rows: readonly Row[]): string[] {
  const lines: string[] = [];
  for (const row of rows) {
    if (row.verdict === 'pass' || row.verdict === 'improved' || row.reasons.length === 0) continue;
    lines.push(`- **${escapeMarkdownText(row.benchmark)}** ${escapeMarkdownText(row.metric)}: ${escapeMarkdownText(row.reasons.join('; '))}`);
  }
  return lines;
}

const MAX_ACCEPTANCES = 20;
/** A label left on a pull request after its regression was fixed is no alarm. */
const UNUSED_ICON = '➖';

/** Who accepted which regression and why; the login is shown without notifying its owner again on every update. */
function acceptanceLines(report: Report): string[] {
  const list = report.acceptances ?? [];
  if (list.length === 0) return [];
  const lines = list.slice(0, MAX_ACCEPTANCES).map((a) => {
    const unused = unusedText(report, a);
    const url = safeUrl(a.url);
    const link = url ? ` ([comment](${url}))` : '';
    const what = `**${escapeMarkdownText(acceptedWhat(a))}**`;
    const tail = unused ? ` — ${escapeMarkdownText(unused)}` : '';
    return `- ${unused ? UNUSED_ICON : VERDICT_ICONS.accepted} ${what}, by ${escapeMarkdownText(`@${a.by}`)}${link}: ${escapeMarkdownText(a.reason)}${tail}`;
  });
  if (list.length > MAX_ACCEPTANCES) lines.push(`- … and ${list.length - MAX_ACCEPTANCES} more in report.json`);
  return ['**Accepted regressions**', '', ...lines, ''];
}

function fingerprintText(r: RunnerFingerprint | undefined): string {
  if (!r) return 'unknown';
  return `${r.cpu} × ${r.cores}, ${r.os} ${r.arch}, Node ${r.node}`;
}

function environmentLines(head: ResultsMeta, base: ResultsMeta | null): string[] {
  const rows = [
    ['', 'Baseline', 'This change'],
    ['Commit', base?.commit?.slice(0, 12) ?? '—', head.commit?.slice(0, 12) ?? '—'],
    ['Measured', base?.time ?? '—', head.time ?? '—'],
    ['Runner', fingerprintText(base?.runner), fingerprintText(head.runner)],
    ['perfgate', base?.tool?.version ?? '—', head.tool?.version ?? '—'],
  ].map((r) => r.map(escapeMarkdownText));
  return ['<details><summary>Environment</summary>', '', markdownTable(rows, { alignDelimiters: false }), '', '</details>'];
}

interface Budget {
  notable: number;
  all: number;
  reasons: number;
}

interface Parts {
  rows: number;
  notable: number;
  notableTable: string[];
  allTable: string[];
  reasons: string[];
}

function assemble(report: Report, parts: Parts, budget: Budget, options: MarkdownOptions): string {
  const { rows, notable, notableTable, allTable, reasons } = parts;
  const out: string[] = [];
  if (options.marker) out.push(options.marker);
  out.push(headline(report), '', subline(report), '');
  const confirmation = confirmationText(report);
  if (confirmation) out.push(escapeMarkdownText(confirmation), '');
  if (report.main) out.push(escapeMarkdownText(`Main (artifact): ${report.main.source}, its value and its last runs (oldest to newest); it does not decide the verdict.`), '');
  out.push(...acceptanceLines(report));
  const cut: string[] = [];
  if (notable > 0) {
    out.push(...notableTable.slice(0, 2 + budget.notable), '');
    if (budget.notable < notable) cut.push(`${notable - budget.notable} of ${notable} changed rows`);
    const shown = Math.min(reasons.length, budget.reasons, MAX_REASONS);
    if (shown > 0) out.push('<details open><summary>Why</summary>', '', ...reasons.slice(0, shown), '', '</details>', '');
    if (shown < reasons.length) cut.push(`${reasons.length - shown} of ${reasons.length} explanations`);
  } else if (rows > 0) {
    out.push('No benchmark changed beyond its noise.', '');
  }
  if (rows > 0) {
    out.push(`<details><summary>${rows === 1 ? 'The one measurement' : `All ${rows} measurements`}</summary>`, '');
    out.push(...allTable.slice(0, 2 + budget.all), '');
    if (budget.all < rows) cut.push(`${rows - budget.all} of ${rows} rows of the full table`);
    out.push('</details>', '');
  }
  if (cut.length > 0) {
    out.push(`> [!NOTE]`, `> Cut to stay under ${options.maxLength ?? DEFAULT_MAX_LENGTH} characters: ${cut.join('; ')} not shown. report.json has everything.`, '');
  }
  if (report.warnings.length > 0) {
    out.push('**Warnings**', '', ...report.warnings.slice(0, 20).map((w) => `- ${escapeMarkdownText(w)}`));
    if (report.warnings.length > 20) out.push(`- … and ${report.warnings.length - 20} more in report.json`);
    out.push('');
  }
  out.push(...environmentLines(report.head, report.base), '');
  return out.join('\n');
}

/**
 * The report as markdown for a PR comment or job summary: headline, what changed (worst first),
 * why, everything else collapsed, warnings, environment. Stays under `maxLength` by cutting the
 * full table first, then explanations, then the least severe changed rows, and says what it cut.
 */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const rows = reportRows(report);
  const notable = notableRows(rows);
  const budget: Budget = { notable: notable.length, all: rows.length, reasons: MAX_REASONS };
  // Tables are laid out once; shrinking only takes fewer of their lines.
  const parts: Parts = {
    rows: rows.length,
    notable: notable.length,
    notableTable: tableLines(notable, report.main !== undefined),
    allTable: tableLines(rows, report.main !== undefined),
    reasons: reasonLines(notable),
  };
  let text = assemble(report, parts, budget, options);
  // Each step shrinks the least important part first; the loop ends because every budget reaches 0.
  while (text.length > maxLength) {
    const excess = text.length - maxLength;
    if (budget.all > 0) budget.all = Math.max(0, budget.all - Math.max(1, Math.ceil(excess / 60)));
    else if (budget.reasons > 0) budget.reasons = Math.max(0, budget.reasons - Math.max(1, Math.ceil(excess / 80)));
    else if (budget.notable > 0) budget.notable = Math.max(0, budget.notable - Math.max(1, Math.ceil(excess / 80)));
    else return text.slice(0, maxLength);
    text = assemble(report, parts, budget, options);
  }
  return text;
}
