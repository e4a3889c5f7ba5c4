/** A path into the configuration: keys and list indices, outermost first. */
export type ConfigPath = readonly (string | number)[];

/** One problem in a configuration file, located in the file where possible. */
export interface ConfigIssue {
  /** The file as shown to the user (relative to the working directory). */
  file: string | null;
  line: number | null;
  column: number | null;
  /** `suites[0].thresholds.latency.regression`, or null for problems of the file as a whole. */
  path: string | null;
  /** What is wrong and what was expected, without the location. */
  detail: string;
}

/**
 * A configuration that cannot be used. The message is one line a user can act on:
 * `perfgate.yml:12:18: suites[0].thresholds.latency.regression: expected a relative change like "10%", got "ten"`.
 * When the file has several problems the message names the first (by position) and counts the
 * others; `issues` holds them all.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly file: string | null;
  readonly line: number | null;
  readonly column: number | null;
  readonly path: string | null;
  readonly detail: string;
  readonly issues: readonly ConfigIssue[];

  constructor(issue: ConfigIssue, more: readonly ConfigIssue[] = []) {
    const others = more.length === 0 ? '' : ` (and ${more.length} more problem${more.length === 1 ? '' : 's'})`;
    super(formatIssue(issue) + others);
    this.file = issue.file;
    this.line = issue.line;
    this.column = issue.column;
    this.path = issue.path;
    this.detail = issue.detail;
    this.issues = [issue, ...more];
  }
}

export function formatIssue(issue: ConfigIssue): string {
  let where = issue.file ?? '';
  if (issue.file !== null && issue.line !== null) where += `:${issue.line}:${issue.column ?? 1}`;
  const parts = [where, issue.path ?? ''].filter((p) => p !== '');
  // One line whatever the source of the text (YAML parser messages can span lines).
  return [...parts, issue.detail].join(': ').replace(/\s*\n\s*/g, ' ');
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** ['suites', 0, 'benchmarks', 'parse big'] -> `suites[0].benchmarks["parse big"]`. */
export function formatPath(path: ConfigPath): string | null {
  if (path.length === 0) return null;
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
