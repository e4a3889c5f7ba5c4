import { plainNumber } from './merge-log-text.js';
import { niceTicks } from './svg-chart.js';

/**
 * A Mermaid `xychart-beta` line chart. Its grammar has no escapes: a quoted string runs to the next
 * double quote, numbers have no exponent, and the whole diagram is pre-processed for `%%{…}%%`
 * directives and `#name;` entities before it is parsed. Labels are made safe for all of that here.
 */

export interface MermaidLineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Each line's values, oldest first; all lines have the same length (at least 2). */
  lines: readonly (readonly number[])[];
}

const MAX_LABEL = 90;

export function mermaidLabel(text: string): string {
  let safe = text
    .replace(/[\r\n\t\u0000-\u001f\u007f]/g, ' ')
    .replace(/["`]/g, "'")
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/#(?=\w+;)/g, '# ');
  // Directives may be spotted anywhere in the text; a space between the signs keeps them inert.
  while (safe.includes('%%')) safe = safe.replace(/%%/g, '% %');
  if ([...safe].length > MAX_LABEL) safe = `${[...safe].slice(0, MAX_LABEL - 1).join('')}…`;
  return `"${safe}"`;
}

/** The diagram's lines, without the code fence. */
export function mermaidXyChart(chart: MermaidLineChart): string[] {
  const n = chart.lines[0]?.length ?? 0;
  const all = chart.lines.flat().filter(Number.isFinite);
  const ticks = niceTicks(Math.min(...all), Math.max(...all));
  const low = ticks[0] ?? 0;
  const high = ticks[ticks.length - 1] ?? 1;
  return [
    'xychart-beta',
    `  title ${mermaidLabel(chart.title)}`,
    // A numeric axis: Mermaid neither rotates nor thins band labels, so thirty short shas overlap.
    `  x-axis ${mermaidLabel(chart.xLabel)} 1 --> ${Math.max(2, n)}`,
    `  y-axis ${mermaidLabel(chart.yLabel)} ${plainNumber(low, 12)} --> ${plainNumber(high, 12)}`,
    ...chart.lines.map((values) => `  line [${values.map((v) => plainNumber(v, 5)).join(', ')}]`),
  ];
}
