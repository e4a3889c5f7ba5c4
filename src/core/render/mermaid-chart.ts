import { plainNumber } from './merge-log-text.js';
import { LEVEL_COLOR, SERIES_COLOR, niceTicks } from './svg-chart.js';

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
/** Up to this many points every merge gets its number under the axis; beyond, numbers would overlap. */
const MAX_BAND_LABELS = 40;
/**
 * The default theme draws the first line in a pale tint that barely shows on white: the measured
 * values take the colour of the HTML charts, the level line a grey.
 */
const PALETTE_DIRECTIVE = `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${SERIES_COLOR}, ${LEVEL_COLOR}"}}}}%%`;

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
  // Merge numbers, not shas: Mermaid neither rotates nor thins axis labels, and thirty short shas
  // overlap. A numeric range would thin them but label ticks such as 2.5.
  const xAxis = n <= MAX_BAND_LABELS ? `[${Array.from({ length: n }, (_, i) => `"${i + 1}"`).join(', ')}]` : `1 --> ${Math.max(2, n)}`;
  return [
    PALETTE_DIRECTIVE,
    'xychart-beta',
    `  title ${mermaidLabel(chart.title)}`,
    `  x-axis ${mermaidLabel(chart.xLabel)} ${xAxis}`,
    `  y-axis ${mermaidLabel(chart.yLabel)} ${plainNumber(low, 12)} --> ${plainNumber(high, 12)}`,
    ...chart.lines.map((values) => `  line [${values.map((v) => plainNumber(v, 5)).join(', ')}]`),
  ];
}
