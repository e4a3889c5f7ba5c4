import type { Report } from '../core/model.js';

/** The CLI's exit statuses; the action maps the same outcomes onto setFailed. */
export const EXIT = {
  ok: 0,
  regression: 1,
  usage: 2,
  benchmarkError: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A regression outranks a crashed benchmark: it is the news the reader must not miss. */
export function exitCodeFor(report: Report): ExitCode {
  if (report.verdict === 'critical' || report.verdict === 'fail') return EXIT.regression;
  if (report.benchmarks.some((b) => b.verdict === 'error')) return EXIT.benchmarkError;
  return EXIT.ok;
}

/** A mistake in how perfgate was called or configured: exit 2 with one line, no stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
