import type { LogChangePoint } from '../change-points.js';
import { logSeries, type LogSeries, type MergeLogEntry } from '../merge-log.js';
import type { Verdict } from '../model.js';
import { formatValue } from './format.js';
import {
  changePointsOf,
  changeRatioText,
  changeWord,
  chartedSeries,
  chartScale,
  comparedText,
  deltaText,
  howText,
  movedDeltas,
  newestChangePointsFirst,
  safeUrl,
  seriesLevels,
  seriesTitle,
  shortSha,
  spanText,
  utcMinute,
} from './merge-log-text.js';
import { escapeXml, renderSvgLineChart, type SvgChartMarker } from './svg-chart.js';

export interface MergeLogHtmlOptions {
  /** Rows of the merges table: the newest this many (default: all). */
  limit?: number;
  /** Points per chart: the newest this many. */
  chartPoints?: number;
  /** Charts at most; the rest are counted, not drawn. */
  maxCharts?: number;
}

export const DEFAULT_HTML_CHART_POINTS = 120;
export const DEFAULT_HTML_MAX_CHARTS = 60;
const MOVED_SHOWN = 8;
const TITLE = 'perfgate: merges on the base branch';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#f6f8fa;color:#24292f;font:14px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif}
main{max-width:1248px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:28px 0 12px;padding-bottom:4px;border-bottom:1px solid #d0d7de}
h3{font-size:14px;margin:0 0 8px;word-break:break-word}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
.summary{color:#57606a;margin:0}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:16px}
figure{margin:0;background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:12px}
figure svg{display:block;max-width:100%;height:auto}
figcaption{color:#57606a;font-size:12px;margin-top:6px}
.table{overflow-x:auto;background:#fff;border:1px solid #d0d7de;border-radius:6px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid #eaeef2}
th{background:#f6f8fa;font-weight:600;white-space:nowrap}
td.nowrap{white-space:nowrap}
td.moved{min-width:240px}
td.pr{min-width:280px}
td.rollback{max-width:300px}
td.rollback code{word-break:break-all}
td.moved div+div{margin-top:2px}
.verdict{white-space:nowrap}
.verdict::before{content:"";display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:5px;background:#8c959f;vertical-align:1px}
.verdict-critical,.verdict-fail,.worse{color:#cf222e;font-weight:600}
.verdict-critical::before,.verdict-fail::before{background:#cf222e}
.verdict-error{color:#8250df}
.verdict-error::before{background:#8250df}
.verdict-improved,.better{color:#1a7f37;font-weight:600}
.verdict-improved::before,.verdict-pass::before{background:#1a7f37}
.verdict-warn,.verdict-unstable{color:#9a6700}
.verdict-warn::before,.verdict-unstable::before{background:#bf8700}
.verdict-new::before{background:#0969da}
.muted{color:#57606a}
`;

function sha(text: string): string {
  return `<code title="${escapeXml(text)}">${escapeXml(shortSha(text))}</code>`;
}

/** A coloured dot, not an emoji: the page must read the same on a machine without an emoji font. */
function verdictHtml(verdict: Verdict): string {
  return `<span class="verdict verdict-${verdict}">${verdict}</span>`;
}

function prHtml(entry: MergeLogEntry): string {
  if (!entry.pr) return '<span class="muted">direct push</span>';
  const url = safeUrl(entry.pr.url);
  const ref = url ? `<a href="${escapeXml(url)}">#${entry.pr.number}</a>` : `#${entry.pr.number}`;
  return `${ref} ${escapeXml(entry.pr.title)}<br><span class="muted">by @${escapeXml(entry.pr.author)}</span>`;
}

function movedHtml(entry: MergeLogEntry): string {
  const moved = movedDeltas(entry);
  if (moved.length === 0) return '<span class="muted">—</span>';
  const lines = moved.slice(0, MOVED_SHOWN).map((d) => `<div>${escapeXml(deltaText(d, true))} ${verdictHtml(d.verdict)}</div>`);
  if (moved.length > MOVED_SHOWN) lines.push(`<div class="muted">and ${moved.length - MOVED_SHOWN} more</div>`);
  return lines.join('');
}

function rollbackHtml(entry: MergeLogEntry): string {
  const rollback = entry.rollback;
  if (!rollback) return '<span class="muted">—</span>';
  const issueUrl = rollback.issue ? safeUrl(rollback.issue.url) : null;
  const issue = rollback.issue ? `<br>${issueUrl ? `<a href="${escapeXml(issueUrl)}">#${rollback.issue.number}</a>` : `#${rollback.issue.number}`}` : '';
  return `<code>${escapeXml(rollback.revert)}</code>${issue}`;
}

function entriesTable(entries: readonly MergeLogEntry[]): string {
  const head = ['Merged (UTC)', 'Commit', 'Pull request', 'How', 'Compared', 'Verdict', 'What moved', 'Rollback'].map((h) => `<th>${h}</th>`).join('');
  const rows = entries.map(
    (e) =>
      `<tr><td class="nowrap">${escapeXml(utcMinute(e.time))}</td><td>${sha(e.commit)}</td><td class="pr">${prHtml(e)}</td><td class="nowrap">${escapeXml(howText(e))}</td>` +
      `<td class="nowrap">${escapeXml(comparedText(e.method))}</td><td class="nowrap">${verdictHtml(e.verdict)}</td><td class="moved">${movedHtml(e)}</td><td class="rollback">${rollbackHtml(e)}</td></tr>`,
  );
  return `<div class="table"><table><thead><tr>${head}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>`;
}

function changePointsSection(changePoints: readonly LogChangePoint[]): string {
  if (changePoints.length === 0) return '<p>No change points: no metric shifted to a new level on the base branch.</p>';
  const head = ['', 'Benchmark', 'Metric', 'Before', 'After', 'Change', 'Range', 'First merge at the new level (UTC)'].map((h) => `<th>${h}</th>`).join('');
  const rows = newestChangePointsFirst(changePoints).map(
    (cp) =>
      `<tr><td class="${changeWord(cp)}">${changeWord(cp)}</td><td>${escapeXml(cp.id)}</td><td>${escapeXml(`${cp.metric} (${cp.statistic})`)}</td>` +
      `<td class="nowrap">${escapeXml(formatValue(cp.before, cp.unit))}</td><td class="nowrap">${escapeXml(formatValue(cp.after, cp.unit))}</td>` +
      `<td class="nowrap ${changeWord(cp)}">${escapeXml(changeRatioText(cp))}</td><td class="nowrap"><code>${escapeXml(`${shortSha(cp.previousCommit)}..${shortSha(cp.commit)}`)}</code></td>` +
      `<td class="nowrap">${escapeXml(utcMinute(cp.time))}</td></tr>`,
  );
  return `<div class="table"><table><thead><tr>${head}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>`;
}

function chartFigure(series: LogSeries, changePoints: readonly LogChangePoint[], chartPoints: number): string {
  const start = Math.max(0, series.points.length - chartPoints);
  const points = series.points.slice(start);
  const scale = chartScale(
    points.map((p) => p.value),
    series.unit,
  );
  const own = changePointsOf(series, changePoints);
  const markers: SvgChartMarker[] = [];
  const notes: string[] = [];
  for (const cp of own) {
    const to = points.findIndex((p) => p.commit === cp.commit);
    if (to < 0) continue;
    const previous = points.findIndex((p) => p.commit === cp.previousCommit);
    const text = `${changeRatioText(cp)} (${changeWord(cp)}): ${formatValue(cp.before, cp.unit)} → ${formatValue(cp.after, cp.unit)} in ${shortSha(cp.previousCommit)}..${shortSha(cp.commit)}, ${utcMinute(cp.time)} UTC`;
    markers.push({ from: previous >= 0 ? previous : Math.max(0, to - 1), to, label: changeRatioText(cp), worse: cp.worse, tooltip: text });
    notes.push(`<span class="${changeWord(cp)}">Change point</span> ${escapeXml(text)}`);
  }
  const levels = seriesLevels(series, changePoints)?.slice(start) ?? null;
  const svg = renderSvgLineChart({
    title: seriesTitle(series),
    points: points.map((p) => ({
      label: shortSha(p.commit),
      value: p.value * scale.factor,
      tooltip: `${shortSha(p.commit)} · ${utcMinute(p.time)} UTC · ${formatValue(p.value, series.unit)}`,
    })),
    levels: levels ? levels.map((v) => v * scale.factor) : null,
    markers,
    yLabel: scale.unit ? `${series.statistic} (${scale.unit})` : series.statistic,
    xLabel: `merges, oldest to newest (last ${points.length})`,
    seriesLabel: `${series.metric} ${series.statistic}`,
  });
  const latest = points[points.length - 1]!;
  const caption = [`Latest ${escapeXml(formatValue(latest.value, series.unit))} at ${sha(latest.commit)}.`, ...notes].join('<br>');
  return `<figure class="chart"><h3>${escapeXml(seriesTitle(series))}</h3>${svg}<figcaption>${caption}</figcaption></figure>`;
}

function trendsSection(entries: readonly MergeLogEntry[], changePoints: readonly LogChangePoint[], chartPoints: number, maxCharts: number): string {
  const { shown, omitted } = chartedSeries(logSeries(entries), changePoints, maxCharts);
  if (shown.length === 0) return '<p>No series has two merges yet: nothing to chart.</p>';
  const figures = shown.map((s) => chartFigure(s, changePoints, chartPoints)).join('\n');
  const more = omitted > 0 ? `\n<p class="muted">${omitted} more series not charted (those with change points come first).</p>` : '';
  return `<div class="charts">\n${figures}\n</div>${more}`;
}

/**
 * The per-merge log as one self-contained page: no script, font or stylesheet is fetched (the
 * Content-Security-Policy forbids it), charts are inline SVG, and every text from the log is escaped.
 */
export function renderMergeLogHtml(entries: readonly MergeLogEntry[], changePoints: readonly LogChangePoint[], options: MergeLogHtmlOptions = {}): string {
  const rows = entries.slice(0, Math.max(0, options.limit ?? entries.length));
  const chartPoints = Math.max(2, options.chartPoints ?? DEFAULT_HTML_CHART_POINTS);
  const maxCharts = options.maxCharts ?? DEFAULT_HTML_MAX_CHARTS;
  const shownText = rows.length < entries.length ? `; the table shows the newest ${rows.length}` : '';
  const cps = `${changePoints.length} change point${changePoints.length === 1 ? '' : 's'}`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(TITLE)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeXml(TITLE)}</h1>`,
    `<p class="summary">${escapeXml(spanText(entries))}, newest first; ${cps}${escapeXml(shownText)}.</p>`,
    '<h2 id="change-points">Change points</h2>',
    changePointsSection(changePoints),
    '<h2 id="trends">Trends</h2>',
    entries.length === 0 ? '<p>No merges recorded yet.</p>' : trendsSection(entries, changePoints, chartPoints, maxCharts),
    '<h2 id="merges">Merges</h2>',
    rows.length === 0 ? '<p>No merges recorded yet: each push to the base branch adds one.</p>' : entriesTable(rows),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
