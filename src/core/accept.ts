import type { Acceptance, AppliedAcceptance, MetricComparison, Report } from './model.js';
import { countVerdicts, worstVerdict } from './verdict.js';

/** One command line of a comment: what it accepts, or why it could not be read. */
export type AcceptCommand = { ok: true; target: string; reason: string } | { ok: false; line: string; problem: string };

/** An opening code fence: commands shown inside one are examples, not requests. */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The command's words with any run of spaces between them, case-insensitive, ending at a space. */
function commandPattern(command: string): RegExp {
  const words = command.trim().split(/\s+/).map(escapeRegExp);
  return new RegExp(`^${words.join('\\s+')}(?=\\s|$)`, 'i');
}

/** A benchmark id may contain spaces (`js/sum 1..100`): it can then be quoted or put in a code span. */
function splitTarget(rest: string): { target: string; reason: string } | string {
  if (rest.startsWith('"')) {
    const end = rest.indexOf('"', 1);
    if (end < 0) return 'the double quote around the benchmark is not closed';
    return { target: rest.slice(1, end).trim(), reason: rest.slice(end + 1) };
  }
  if (rest.startsWith('`')) {
    const span = /^(`+)(.+?)\1(?!`)/.exec(rest);
    if (!span) return 'the backticks around the benchmark are not closed';
    return { target: (span[2] as string).trim(), reason: rest.slice(span[0].length) };
  }
  const word = /^\S+/.exec(rest)![0];
  return { target: word, reason: rest.slice(word.length) };
}

function parseArguments(rest: string, line: string): AcceptCommand {
  if (rest === '') return { ok: false, line, problem: 'it names no benchmark and gives no reason' };
  const split = splitTarget(rest);
  if (typeof split === 'string') return { ok: false, line, problem: split };
  if (split.target === '') return { ok: false, line, problem: 'the benchmark name is empty' };
  if (split.reason !== '' && !/^\s/.test(split.reason)) return { ok: false, line, problem: 'a space must follow the quoted benchmark' };
  const reason = split.reason.trim();
  if (reason === '') return { ok: false, line, problem: 'it gives no reason' };
  // Ids always contain "/", so "all" can never be a benchmark.
  const target = split.target.toLowerCase() === 'all' ? 'all' : split.target;
  return { ok: true, target, reason };
}

/**
 * The accept commands of a comment: each line that starts with `command`, then `all` or a
 * benchmark id (in double quotes or backticks when it has spaces), then the reason.
 */
export function parseAcceptCommands(body: string, command: string): AcceptCommand[] {
  const pattern = commandPattern(command);
  const out: AcceptCommand[] = [];
  let fence: string | null = null;
  for (const raw of body.split(/\r\n|\r|\n/)) {
    const opening = FENCE.exec(raw);
    if (fence !== null) {
      if (opening && opening[1]![0] === fence[0] && opening[1]!.length >= fence.length && raw.trim() === opening[1]) fence = null;
      continue;
    }
    if (opening) {
      fence = opening[1]!;
      continue;
    }
    const line = raw.trim();
    const match = pattern.exec(line);
    if (match) out.push(parseArguments(line.slice(match[0].length).trim(), line));
  }
  return out;
}

/**
 * Only regressions can be intended. An error stays an error: a crashed benchmark measured
 * nothing, and accepting it would hide that it is broken.
 */
function isRegression(m: MetricComparison): boolean {
  return m.verdict === 'fail' || m.verdict === 'critical';
}

function unique(acceptances: readonly Acceptance[]): Acceptance[] {
  const seen = new Set<string>();
  return acceptances.filter((a) => {
    const key = [a.source, a.by.toLowerCase(), a.target, a.reason].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Turns the failing metrics of the targeted benchmarks into `accepted`, says who accepted them and
 * why, and rolls the verdicts and counts up again as decideVerdict does. Every acceptance is
 * listed in the report, with the benchmarks it accepted (none when it matched no failure).
 */
export function applyAcceptances(report: Report, acceptances: readonly Acceptance[]): Report {
  if (acceptances.length === 0) return report;
  const applied: AppliedAcceptance[] = unique(acceptances).map((a) => ({ ...a, benchmarks: [] }));
  const benchmarks = report.benchmarks.map((b) => {
    const matching = applied.filter((a) => a.target === 'all' || a.target === b.id);
    if (matching.length === 0 || !b.metrics.some(isRegression)) return b;
    for (const a of matching) a.benchmarks.push(b.id);
    const notes = matching.map((a) => `accepted by @${a.by}: ${a.reason}`);
    const metrics = b.metrics.map((m) => (isRegression(m) ? { ...m, verdict: 'accepted' as const, reasons: [...m.reasons, ...notes] } : m));
    // 'accepted' outranks 'new', so a new benchmark that failed a limit needs no special case.
    return { ...b, metrics, verdict: worstVerdict(metrics.map((m) => m.verdict)) };
  });
  return {
    ...report,
    verdict: worstVerdict(benchmarks.map((b) => b.verdict)),
    counts: countVerdicts(benchmarks),
    benchmarks,
    acceptances: [...(report.acceptances ?? []), ...applied],
  };
}

/** The benchmarks a report accepted, one entry per benchmark and acceptance, for the per-merge log. */
export function acceptedBenchmarks(report: Report): { id: string; by: string; reason: string }[] {
  return (report.acceptances ?? []).flatMap((a) => a.benchmarks.map((id) => ({ id, by: a.by, reason: a.reason })));
}
