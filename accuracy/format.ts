/** Number formats shared by the tables and the target checks. */
import type { Rate } from './tally.js';

export function formatPercent(x: number): string {
  const percent = x * 100;
  // One decimal everywhere but the ends, so 299/300 does not read as 100%.
  return `${percent === 0 || percent === 100 ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

/** "2/300 = 0.7%"; "—" when there was nothing to count. */
export function formatRate(r: Rate): string {
  return r.total === 0 ? '—' : `${r.hits}/${r.total} = ${formatPercent(r.hits / r.total)}`;
}

export function formatSeconds(s: number): string {
  return s >= 600 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(s >= 100 ? 0 : 1)} s`;
}
