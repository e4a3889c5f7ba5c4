import { markdownTable } from 'markdown-table';
import type { LogChangePoint } from '../change-points.js';
import { logSeries, type LogSeries, type MergeLogEntry } from '../merge-log.js';
import { escapeMarkdownText } from './escape.js';
import { formatValue } from './format.js';
import { mermaidXyChart } from './mermaid-chart.js';
import {
  changePointsOf,
  changeRatioText,
  changeWord,
  chartedSeries,
  chartScale,
  comparedText,
  deltaText,
  howText,
  isSha,
  movedDeltas,
  newestChangePointsFirst,
  safeUrl,
  seriesLevels,
  seriesTitle,
  shortSha,
  spanText,
  utcMinute,
} from './merge-log-text.js';
import { VERDICT_ICONS } from './rows.js';

export interface MergeLogMarkdownOptions {
  /** Rows of the table: the newest this many merges. */
  limit?: number;
  /** One Mermaid chart per series. */
  charts?: boolean;
  /** Points per chart: the newest this many. */
  chartPoints?: number;
  /** Charts at most; the rest are counted, not drawn. */
  maxCharts?: number;
}

export const DEFAULT_LOG_ROWS = 20;
export const DEFAULT_CHART_POINTS = 30;
export const DEFAULT_MAX_CHARTS = 12;
/** Deltas named per merge before "and N more". */
const MOVED_SHOWN = 3;

const HEADER = ['Merged (UTC)', 'Commit', 'Pull request', 'How', 'Compared', 'Verdict', 'What moved', 'Rollback'];

/**
 * A code span that survives a table cell: pipes escaped (GFM splits cells before it sees code),
 * and a fence longer than any run of backticks inside.
 */
function codeSpan(text: string): string {
  const flat = text.replace(/\r\n|\r|\n|\t/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function shaCell(sha: string): string {
  return isSha(sha) ? `\`${shortSha(sha)}\`` : escapeMarkdownText(shortSha(sha));
}

function prCell(entry: MergeLogEntry): string {
  if (!entry.pr) return 'direct push';
  const { number, title, author } = entry.pr;
  const url = safeUrl(entry.pr.url);
  const ref = url ? `[#${number}](${url})` : `#${number}`;
  return `${ref} ${escapeMarkdownText(title)}<br>by ${escapeMarkdownText(`@${author}`)}`;
}

function movedCell(entry: MergeLogEntry): string {
  const moved = movedDeltas(entry);
  if (moved.length === 0) return '—';
  const lines = moved.slice(0, MOVED_SHOWN).map((d) => `${escapeMarkdownText(deltaText(d))} ${VERDICT_ICONS[d.verdict]}`);
  if (moved.length > MOVED_SHOWN) lines.push(`and ${moved.length - MOVED_SHOWN} more`);
  return lines.join('<br>');
}

function rollbackCell(entry: MergeLogEntry): string {
  const rollback = entry.rollback;
  if (!rollback) return '—';
  const issue = rollback.issue ? ` (${safeUrl(rollback.issue.url) ? `[#${rollback.issue.number}](${rollback.issue.url})` : `#${rollback.issue.number}`})` : '';
  return `${codeSpan(rollback.revert)}${issue}`;
}

/** Reasons are cut in the table; merge-log.json has them whole. */
const REASON_SHOWN = 60;
const ACCEPTORS_SHOWN = 2;

function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function verdictCell(entry: MergeLogEntry): string {
  const cell = `${VERDICT_ICONS[entry.verdict]} ${entry.verdict}`;
  const seen = new Set<string>();
  const acceptors = (entry.accepted ?? []).filter((a) => {
    const key = `${a.by}\u0000${a.reason}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  if (acceptors.length === 0) return cell;
  const lines = acceptors.slice(0, ACCEPTORS_SHOWN).map((a) => `accepted by ${escapeMarkdownText(`@${a.by}: ${shorten(a.reason, REASON_SHOWN)}`)}`);
  if (acceptors.length > ACCEPTORS_SHOWN) lines.push(`and ${acceptors.length - ACCEPTORS_SHOWN} more`);
  return [cell, ...lines].join('<br>');
}

function entryRow(entry: MergeLogEntry): string[] {
  return [
    escapeMarkdownText(utcMinute(entry.time)),
    shaCell(entry.commit),
    prCell(entry),
    escapeMarkdownText(howText(entry)),
    escapeMarkdownText(comparedText(entry.method)),
    verdictCell(entry),
    movedCell(entry),
    rollbackCell(entry),
  ];
}

function changePointLine(cp: LogChangePoint): string {
  const range = isSha(cp.previousCommit) && isSha(cp.commit) ? `\`${shortSha(cp.previousCommit)}..${shortSha(cp.commit)}\`` : escapeMarkdownText(`${shortSha(cp.previousCommit)}..${shortSha(cp.commit)}`);
  const icon = cp.worse ? VERDICT_ICONS.warn : VERDICT_ICONS.improved;
  const levels = `${formatValue(cp.before, cp.unit)} → ${formatValue(cp.after, cp.unit)} (${changeRatioText(cp)})`;
  return `- ${icon} ${changeWord(cp)}: **${escapeMarkdownText(cp.id)}** ${escapeMarkdownText(`${cp.metric} (${cp.statistic})`)}: ${escapeMarkdownText(levels)} in ${range}, ${utcMinute(cp.time)} UTC`;
}

function changePointLines(changePoints: readonly LogChangePoint[]): string[] {
  const out = ['#### Change points', ''];
  if (changePoints.length === 0) {
    out.push('No change points: no metric shifted to a new level on the base branch.', '');
    return out;
  }
  out.push(...newestChangePointsFirst(changePoints).map(changePointLine), '');
  return out;
}

function chartBlock(series: LogSeries, changePoints: readonly LogChangePoint[], chartPoints: number): string[] {
  const start = Math.max(0, series.points.length - chartPoints);
  const points = series.points.slice(start);
  const scale = chartScale(
    points.map((p) => p.value),
    series.unit,
  );
  const levels = seriesLevels(series, changePoints)?.slice(start) ?? null;
  const chart = mermaidXyChart({
    title: seriesTitle(series),
    xLabel: `merges, oldest to newest (last ${points.length})`,
    yLabel: scale.unit ? `${series.statistic} (${scale.unit})` : series.statistic,
    lines: [points.map((p) => p.value * scale.factor), ...(levels ? [levels.map((v) => v * scale.factor)] : [])],
  });
  const out = ['```mermaid', ...chart, '```', ''];
  const shown = changePointsOf(series, changePoints).filter((cp) => points.some((p) => p.commit === cp.commit));
  if (shown.length > 0) {
    const notes = shown.map((cp) => {
      const at = points.findIndex((p) => p.commit === cp.commit) + 1;
      return `${changeRatioText(cp)} (${changeWord(cp)}) at merge ${at} of ${points.length}, ${shaCell(cp.commit)}`;
    });
    out.push(`Change point${shown.length === 1 ? '' : 's'}: ${notes.join('; ')}. The second line is the level between change points.`, '');
  }
  return out;
}

function chartLines(entries: readonly MergeLogEntry[], changePoints: readonly LogChangePoint[], chartPoints: number, maxCharts: number): string[] {
  const { shown, omitted } = chartedSeries(logSeries(entries), changePoints, maxCharts);
  if (shown.length === 0) return [];
  const out = ['#### Trends', ''];
  for (const series of shown) out.push(...chartBlock(series, changePoints, chartPoints));
  if (omitted > 0) {
    out.push(`${omitted} more series not charted here (those with change points come first); \`perfgate log --format html\` charts every one.`, '');
  }
  return out;
}

/**
 * The per-merge log for a main-branch job summary and `perfgate log`: the newest merges with what
 * each moved, the change points of every series, and optionally a trend chart per series.
 */
export function renderMergeLogMarkdown(entries: readonly MergeLogEntry[], changePoints: readonly LogChangePoint[], options: MergeLogMarkdownOptions = {}): string {
  const limit = Math.max(0, options.limit ?? DEFAULT_LOG_ROWS);
  const out = ['### 📜 perfgate: merges on the base branch', ''];
  if (entries.length === 0) {
    out.push('No merges recorded yet: each push to the base branch adds one.', '');
    return out.join('\n');
  }
  const rows = entries.slice(0, limit);
  const shownText = rows.length < entries.length ? `; the newest ${rows.length}, newest first` : ', newest first';
  out.push(`${escapeMarkdownText(spanText(entries))}${shownText}.`, '');
  if (rows.length > 0) {
    out.push(markdownTable([HEADER, ...rows.map(entryRow)], { align: ['l', 'l', 'l', 'l', 'l', 'l', 'l', 'l'], alignDelimiters: false }), '');
  }
  out.push(...changePointLines(changePoints));
  if (options.charts) out.push(...chartLines(entries, changePoints, Math.max(2, options.chartPoints ?? DEFAULT_CHART_POINTS), options.maxCharts ?? DEFAULT_MAX_CHARTS));
  return out.join('\n');
}
