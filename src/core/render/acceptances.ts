import type { AppliedAcceptance, Report } from '../model.js';

/** Plain-text pieces of the "accepted" section; each renderer escapes and links them. */

const NAMED = 5;

/** What an acceptance covered: the one benchmark it names, or the failures "all" turned out to be. */
export function acceptedWhat(a: AppliedAcceptance): string {
  if (a.target !== 'all') return a.target;
  if (a.benchmarks.length === 0) return 'all failures';
  const named = a.benchmarks.slice(0, NAMED).join(', ');
  const more = a.benchmarks.length > NAMED ? ` and ${a.benchmarks.length - NAMED} more` : '';
  return `all failures (${named}${more})`;
}

/** Why an acceptance accepted nothing, or null when it was used. */
export function unusedText(report: Report, a: AppliedAcceptance): string | null {
  if (a.benchmarks.length > 0) return null;
  if (a.target === 'all') return 'not used: nothing failed';
  if (report.benchmarks.some((b) => b.id === a.target)) return 'not used: this benchmark is not failing';
  // An unquoted id with spaces is cut at the first one: "js/sum 1..100" arrives as "js/sum".
  const cut = report.benchmarks.find((b) => b.id.startsWith(`${a.target} `));
  if (cut) return `not used: no benchmark has this id; to name "${cut.id}", put it in double quotes or backticks`;
  return 'not used: no benchmark has this id';
}
