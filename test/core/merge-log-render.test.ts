import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LogChangePoint } from '../../src/core/change-points.js';
import type { MergeLogDelta, MergeLogEntry } from '../../src/core/merge-log.js';
import { csvField, neutraliseFormula, renderMergeLogCsv } from '../../src/core/render/merge-log-csv.js';
import { renderMergeLogHtml } from '../../src/core/render/merge-log-html.js';
import { renderMergeLogMarkdown } from '../../src/core/render/merge-log-markdown.js';
import { utcMinute } from '../../src/core/render/merge-log-text.js';
import { mermaidLabel, mermaidXyChart } from '../../src/core/render/mermaid-chart.js';
import { niceTicks, renderSvgLineChart } from '../../src/core/render/svg-chart.js';
import { expectGolden } from '../helpers/golden.js';

const GOLDEN = path.join(import.meta.dirname, '..', 'golden');
const NASTY_TITLE = 'Fix | pipe <script>alert(1)</script> & `tick` @team';

function sha(n: number): string {
  return `${n}f0e1d2c3b4a5968778695a4b3c2d1e0f${n}`.repeat(2).slice(0, 40);
}

function delta(id: string, metric: string, unit: string, base: number | null, head: number | null, verdict: MergeLogDelta['verdict'], options: Partial<MergeLogDelta> = {}): MergeLogDelta {
  const ratio = base !== null && head !== null ? head / base : null;
  return {
    id,
    metric,
    unit,
    direction: unit === 'ops/s' ? 'bigger' : 'smaller',
    statistic: metric === 'throughput' ? 'mean' : id === 'api/work' ? 'p95' : 'median',
    base,
    head,
    ratio,
    ci: ratio === null ? null : [ratio - 0.03, ratio + 0.03],
    verdict,
    ...options,
  };
}

const WORK = [10, 10.1, 9.9, 10, 12.4, 12.5, 12.3, 12.6];
const PARSE = [5, 5.1, 5, 4.9, 5, 5.05, 4.95, 5];
const HTTP = [1000, 1010, 990, 1150, 1160, 1140, 1155, 1150];

/** Deltas of the n-th merge (oldest first), all passing unless told otherwise. */
function deltas(n: number, verdicts: Partial<Record<'work' | 'parse' | 'http', MergeLogDelta['verdict']>> = {}): MergeLogDelta[] {
  const prev = n === 0 ? null : n - 1;
  return [
    delta('api/work', 'latency', 'ms', prev === null ? null : WORK[prev]!, WORK[n]!, verdicts.work ?? (prev === null ? 'new' : 'pass')),
    delta('parse/big', 'latency', 'ms', prev === null ? null : PARSE[prev]!, PARSE[n]!, verdicts.parse ?? (prev === null ? 'new' : 'pass')),
    delta('http/get', 'throughput', 'ops/s', prev === null ? null : HTTP[prev]!, HTTP[n]!, verdicts.http ?? (prev === null ? 'new' : 'pass')),
  ];
}

function entry(n: number, fields: Partial<MergeLogEntry>): MergeLogEntry {
  const time = `2026-03-0${1 + Math.floor(n / 2)}T${n % 2 === 0 ? '09:15' : '16:40'}:00Z`;
  return {
    commit: sha(n),
    parent: n === 0 ? null : sha(n - 1),
    time,
    recorded: time,
    pr: null,
    mergeMethod: 'direct',
    commits: [sha(n)],
    method: 'same-runner',
    verdict: 'pass',
    deltas: deltas(n),
    ...fields,
  };
}

/** Eight merges, newest first: every merge method, a rollback, a hostile title, two shifts. */
export function sampleLog(): MergeLogEntry[] {
  const oldestFirst: MergeLogEntry[] = [
    entry(0, { method: 'none', verdict: 'new' }),
    entry(1, { pr: { number: 11, title: 'Add caching layer', author: 'alice', url: 'https://github.com/o/r/pull/11' }, mergeMethod: 'merge', method: 'artifact' }),
    entry(2, { pr: { number: 12, title: NASTY_TITLE, author: 'bob' }, mergeMethod: 'squash' }),
    entry(3, {
      pr: { number: 13, title: '=HYPERLINK("http://x.test","click")', author: 'carol', url: 'javascript:alert(1)' },
      mergeMethod: 'rebase',
      commits: [sha(31), sha(32), sha(3)],
      verdict: 'improved',
      deltas: deltas(3, { http: 'improved' }),
    }),
    entry(4, {
      pr: { number: 14, title: 'Switch serializer', author: 'dave', url: 'https://github.com/o/r/pull/14' },
      mergeMethod: 'squash',
      verdict: 'critical',
      deltas: deltas(4, { work: 'critical' }),
      rollback: { reasons: ['api/work latency p95 +24.0%, past the critical limit of +20%'], revert: `git revert ${sha(4)}`, issue: { number: 15, url: 'https://github.com/o/r/issues/15' } },
    }),
    entry(5, { deltas: [] }),
    entry(6, {
      pr: { number: 16, title: 'Multi, line\ntitle with "quotes"', author: '+plus' },
      mergeMethod: 'merge',
      verdict: 'fail',
      deltas: [...deltas(6, { work: 'warn', parse: 'fail', http: 'unstable' }), delta('crash/boom', '', '', null, null, 'error', { direction: 'smaller' })],
      rollback: { reasons: ['x'], revert: 'git revert -m 1 `x` | y' },
    }),
    entry(7, { pr: { number: 17, title: 'Docs', author: 'erin' }, mergeMethod: 'squash' }),
  ];
  return oldestFirst.reverse();
}

export function sampleChangePoints(): LogChangePoint[] {
  const base = { p: 0.005, statistic: 'p95' as const, unit: 'ms', direction: 'smaller' as const };
  return [
    { ...base, id: 'http/get', metric: 'throughput', unit: 'ops/s', direction: 'bigger', statistic: 'mean', index: 3, before: 1000, after: 1150, ratio: 1.15, commit: sha(3), previousCommit: sha(2), time: entry(3, {}).time, worse: false },
    { ...base, id: 'api/work', metric: 'latency', index: 4, before: 10, after: 12.45, ratio: 1.245, commit: sha(4), previousCommit: sha(3), time: entry(4, {}).time, worse: true },
  ];
}

describe('renderMergeLogMarkdown', () => {
  it('renders the summary: newest merges first, change points, a chart per series', () => {
    expectGolden(renderMergeLogMarkdown(sampleLog(), sampleChangePoints(), { charts: true }), path.join(GOLDEN, 'merge-log.md'));
  });

  it('escapes what pull requests bring: pipes, HTML, code spans, mentions', () => {
    const md = renderMergeLogMarkdown(sampleLog(), sampleChangePoints());
    expect(md).not.toContain('<script>');
    expect(md).toContain('Fix \\| pipe &lt;script&gt;alert(1)&lt;/script&gt; &amp; \\`tick\\` @\u200bteam');
    // Every table row keeps its eight cells: no unescaped pipe splits one.
    const rows = md.split('\n').filter((l) => l.startsWith('| 2026'));
    expect(rows).toHaveLength(8);
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(10);
    // A link is made only of an https URL.
    expect(md).toContain('[#11](https://github.com/o/r/pull/11)');
    expect(md).not.toContain('javascript:');
    expect(md).toContain('``git revert -m 1 `x` \\| y``');
  });

  it('names the moved metrics, at most three, then says how many more', () => {
    const md = renderMergeLogMarkdown(sampleLog(), []);
    expect(md).toContain('parse/big latency median -2.0% (-5.0% … +1.0%) ❌<br>');
    expect(md).toContain('crash/boom error 💥<br>');
    expect(md).toContain('and 1 more');
    expect(md).toContain('No change points');
    expect(md).not.toContain('```mermaid');
  });

  it('shows the newest `limit` merges and says so', () => {
    const md = renderMergeLogMarkdown(sampleLog(), [], { limit: 3 });
    expect(md.split('\n').filter((l) => l.startsWith('| 2026'))).toHaveLength(3);
    expect(md).toContain('8 merges from 2026-03-01 09:15 to 2026-03-04 16:40 UTC; the newest 3, newest first.');
  });

  it('keeps Mermaid charts parseable: quoted labels without quotes, plain numbers, bounded count', () => {
    const entries = sampleLog().map((e) => ({
      ...e,
      deltas: Array.from({ length: 15 }, (_, i) => delta(`s/"q"%%{init: {}}%% #amp; ${i}`, 'latency', 'ms', 1e-7, 1.5e-7 * (1 + (Date.parse(e.time) % 7) / 10), 'pass')),
    }));
    const md = renderMergeLogMarkdown(entries, [], { charts: true });
    const charts = md.split('```mermaid').slice(1);
    expect(charts).toHaveLength(12);
    expect(md).toContain('3 more series not charted here');
    for (const chart of charts) {
      const body = chart.slice(0, chart.indexOf('```'));
      const [directive, header, ...statements] = body.trim().split('\n');
      expect(directive).toBe('%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#1f6feb, #6e7781"}}}}%%');
      expect(header).toBe('xychart-beta');
      for (const line of statements) {
        expect(line).toMatch(/^ {2}(title "[^"]*"|x-axis "[^"]*" \[("\d+", )*"\d+"\]|y-axis "[^"]*" [+-]?\d+(\.\d+)? --> [+-]?\d+(\.\d+)?|line \[[^\]]+\])$/);
        if (line.startsWith('  line')) for (const v of line.slice(8, -1).split(', ')) expect(v).toMatch(/^[+-]?(\d+(\.\d+)?|\.\d+)$/);
      }
      expect(statements.join('\n')).not.toContain('%%');
      expect(body).not.toMatch(/#\w+;/);
      // 0.15 ns is charted in ns, not as 1.5e-7 ms.
      expect(body).toContain('(ns)');
    }
  });

  it('numbers every merge under the axis, and switches to a range when numbers would overlap', () => {
    const chart = (n: number) => mermaidXyChart({ title: 't', xLabel: 'x', yLabel: 'y', lines: [Array.from({ length: n }, (_, i) => 1 + i / 1000)] });
    expect(chart(3)).toContain('  x-axis "x" ["1", "2", "3"]');
    expect(chart(41)).toContain('  x-axis "x" 1 --> 41');
    expect(chart(3)).toContain('  y-axis "y" 1 --> 1.002');
  });

  it('makes labels safe for Mermaid', () => {
    expect(mermaidLabel('a "b" `c` <d>\n%%{init}%% #quot;')).toBe('"a \'b\' \'c\' ‹d› % %{init}% % # quot;"');
    expect(mermaidLabel('x'.repeat(200))).toHaveLength(92);
  });

  it('says so when the log is empty', () => {
    expect(renderMergeLogMarkdown([], [], { charts: true })).toContain('No merges recorded yet');
  });
});

describe('renderMergeLogCsv', () => {
  const csv = renderMergeLogCsv(sampleLog());
  const lines = csv.split('\r\n');

  it('matches the golden file', () => {
    expectGolden(csv, path.join(GOLDEN, 'merge-log.csv'));
  });

  it('has a header, one row per merge and metric, one row for a merge without metrics, CRLF ends', () => {
    expect(lines[0]).toBe('time,commit,parent,pr,title,author,merge_method,method,entry_verdict,benchmark,metric,statistic,unit,base,head,ratio,ci_low,ci_high,verdict,revert');
    expect(csv.endsWith('\r\n')).toBe(true);
    // 7 merges × 3 metrics + 1 extra delta on one + 1 row for the merge without metrics, + header + trailing ''.
    expect(lines).toHaveLength(7 * 3 + 1 + 1 + 2);
    expect(lines.filter((l) => l.startsWith(`2026-03-03T16:40:00Z,${sha(5)},`))).toEqual([`2026-03-03T16:40:00Z,${sha(5)},${sha(4)},,,,direct,same-runner,pass,,,,,,,,,,,`]);
  });

  it('quotes commas, quotes and line breaks, and keeps text from becoming a formula', () => {
    expect(csv).toContain(`,16,"Multi, line\ntitle with ""quotes""",'+plus,merge,`);
    expect(csv).toContain(`,13,"'=HYPERLINK(""http://x.test"",""click"")",carol,rebase,`);
    expect(csv).toContain(',git revert -m 1 `x` | y\r\n');
    expect(csv).toContain(',api/work,latency,p95,ms,10,12.4,1.24,');
    expect(neutraliseFormula('-1+2')).toBe("'-1+2");
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('\tx')).toBe("'\tx");
    expect(neutraliseFormula('a=b')).toBe('a=b');
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField(null)).toBe('');
    expect(csvField('a\rb')).toBe('"a\rb"');
  });
});

describe('renderMergeLogHtml', () => {
  const html = renderMergeLogHtml(sampleLog(), sampleChangePoints());

  it('matches the golden file', () => {
    expectGolden(html, path.join(GOLDEN, 'merge-log.html'));
  });

  it('stands alone: no script, stylesheet, font or image is fetched', () => {
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(|<iframe/i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('Fix | pipe &lt;script&gt;alert(1)&lt;/script&gt; &amp; `tick` @team');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<a href="https://github.com/o/r/pull/14">#14</a>');
  });

  it('draws one line per series and marks each change point', () => {
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(3);
    for (const svg of svgs) expect(svg.match(/<polyline class="series"/g)).toHaveLength(1);
    expect(html.match(/<g class="change-point">/g)).toHaveLength(2);
    expect(html.match(/<polyline class="level"/g)).toHaveLength(2);
    // The shift is drawn where it happened: the band ends at the first merge at the new level.
    const work = svgs.find((s) => s.includes('aria-label="api/work latency (p95)"'))!;
    expect(work).toContain('+24.5%');
    expect(work).toContain('change point (worse)');
  });
});

describe('svg chart', () => {
  it('picks round ticks that enclose the data', () => {
    expect(niceTicks(0.1, 0.9)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(9.9, 12.6)).toEqual([9, 10, 11, 12, 13]);
    expect(niceTicks(990, 1160)).toEqual([950, 1000, 1050, 1100, 1150, 1200]);
    expect(niceTicks(0.00123, 0.00131)).toEqual([0.00122, 0.00124, 0.00126, 0.00128, 0.0013, 0.00132]);
    expect(niceTicks(5, 5)).toEqual([4.4, 4.6, 4.8, 5, 5.2, 5.4, 5.6]);
    expect(niceTicks(0.1 + 0.2, 0.7)).toEqual([0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(niceTicks(0, 0)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(niceTicks(-3, 7)).toEqual([-4, -2, 0, 2, 4, 6, 8]);
  });

  it('escapes every label', () => {
    const svg = renderSvgLineChart({ title: '<t>', points: [{ label: '"a"', value: 1, tooltip: "it's" }, { label: 'b&', value: 2 }], yLabel: 'y<', xLabel: 'x>', seriesLabel: '&' });
    expect(svg).not.toMatch(/<t>|"a"|b&[^a]|y<|x>|it's/);
    expect(svg).toContain('&lt;t&gt;');
  });
});

describe('utcMinute', () => {
  it('turns any ISO time into UTC minutes without a Date object', () => {
    expect(utcMinute('2026-03-01T01:30:00+02:00')).toBe('2026-02-28 23:30');
    expect(utcMinute('2024-02-29T23:59:59.999Z')).toBe('2024-02-29 23:59');
    expect(utcMinute('1999-12-31T23:00:00-01:00')).toBe('2000-01-01 00:00');
    expect(utcMinute('not a time')).toBe('not a time');
  });
});
