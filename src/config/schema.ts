/**
 * The shape of perfgate.yml as a zod schema. It is the single source of the file's rules, its
 * defaults and its documentation: the loader validates with it and schema/perfgate.schema.json
 * (the editor reference) is generated from it, so every field carries a description.
 *
 * Values come out in canonical units (ms, ops/s, %, B, fractions), with kebab-case keys as in
 * the file; load-settings.ts turns the result into `Settings`.
 */
import { z } from 'zod';
import type { Direction, Statistic } from '../core/model.js';
import { suggest } from './did-you-mean.js';
import { importFormats } from '../importers/registry.js';
import {
  BYTES_PATTERN,
  EXPECTED,
  formatTime,
  parseAnyQuantity,
  parseBytes,
  parsePercent,
  parseRate,
  parseRelative,
  parseTime,
  PERCENT_PATTERN,
  RATE_PATTERN,
  showValue,
  TIME_PATTERN,
  type ParseResult,
} from './quantities.js';

export const CONFIG_VERSION = 1;
export const STATISTICS = ['mean', 'median', 'p95', 'p99', 'max', 'min'] as const satisfies readonly Statistic[];
export const SUITE_TYPES = ['tinybench', 'command', 'http', 'import'] as const;
export const BASELINE_SOURCES = ['file', 'artifact', 'auto'] as const;
export const COMPARE_METHODS = ['auto', 'same-runner', 'artifact'] as const;
export const SUITE_FILE_EXTENSIONS = ['.js', '.mjs', '.ts', '.mts'] as const;

/** Defaults the file does not need to repeat; the JSON Schema shows them to editors. */
export const FILE_DEFAULTS = {
  alpha: 0.05,
  power: 0.8,
  baseline: { source: 'auto', path: 'baselines/perfgate.json' },
  rounds: 20,
  timeMs: 1_000,
  warmupMs: 50,
  minSamples: 100,
  timeoutMs: 60_000,
  compare: 'auto',
  setupTimeoutMs: 600_000,
  confirmRounds: 10,
  confirmTimeMs: 60_000,
  command: { warmupRuns: 1 },
  http: {
    portEnv: 'PORT',
    readyPath: '/',
    readyTimeoutMs: 30_000,
    rounds: 10,
    connections: 10,
    durationMs: 3_000,
    warmupMs: 1_000,
    requestTimeoutMs: 10_000,
    stopTimeoutMs: 5_000,
  },
  import: { timeoutMs: 600_000 },
  log: { entries: 1000, artifacts: 5, minShift: '5%', changePointAlpha: 0.01 },
  rollback: { regression: '50%', labels: ['perfgate:rollback'] },
  accept: { label: 'perfgate:accept', command: '/perfgate accept' },
} as const;

/** Metrics whose limits must be given in a particular kind of quantity. */
export const METRIC_KINDS = {
  latency: { expected: 'time', direction: 'smaller' },
  throughput: { expected: 'rate', direction: 'bigger' },
  'success-rate': { expected: 'percent', direction: 'bigger' },
  rss: { expected: 'bytes', direction: 'smaller' },
} as const satisfies Record<string, { expected: string; direction: Direction }>;
export type KnownMetric = keyof typeof METRIC_KINDS;
const KNOWN_METRICS = Object.keys(METRIC_KINDS) as KnownMetric[];

// ---------------------------------------------------------------------------------------------
// Messages. Every message says what was expected and quotes what was given.

type Issue = { code: string; input?: unknown; expected?: string };

const NOUNS: Record<string, string> = {
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

/** Fallback messages for issues that no field-specific message covers. */
export const configErrorMap = (issue: Issue): string | undefined => {
  if (issue.code === 'invalid_type') {
    const noun = NOUNS[issue.expected ?? ''] ?? issue.expected ?? 'a value';
    return issue.input === undefined ? `required, expected ${noun}` : `expected ${noun}, got ${showValue(issue.input)}`;
  }
  return undefined;
};

export function isUnknownKeyIssue(issue: { code: string }): issue is { code: 'unrecognized_keys'; keys: string[] } {
  return issue.code === 'unrecognized_keys';
}

/** The loader points at the first unknown key, so the message is about that one. */
function unknownKeysMessage(keys: readonly string[], known: readonly string[]): string {
  const first = keys[0] ?? '';
  const guess = suggest(first, known);
  const message = guess ? `unknown key, did you mean "${guess}"?` : `unknown key; expected one of ${known.join(', ')}`;
  const others = keys.slice(1).map((k) => JSON.stringify(k));
  return others.length === 0 ? message : `${message} (also unknown here: ${others.join(', ')})`;
}

const expecting = (what: string) => (issue: Issue) =>
  issue.input === undefined ? `required, expected ${what}` : `expected ${what}, got ${showValue(issue.input)}`;

// ---------------------------------------------------------------------------------------------
// Building blocks.

/** A mapping that rejects unknown keys with a "did you mean". */
function closed<S extends z.ZodRawShape>(shape: S) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys, known) : expecting('a mapping')(issue),
  });
}

/**
 * A quantity written as a string (or, per `input`, also a bare number or null), turned into its
 * canonical number by `parse`, whose message is also used when the YAML type is wrong.
 */
function quantity<T>(
  parse: (input: unknown) => { ok: true; value: T } | { ok: false; message: string },
  pattern: string | undefined,
  input: 'string' | 'string-or-number' | 'string-or-null' = 'string',
) {
  const message = (issue: Issue) => {
    if (issue.input === undefined) return undefined;
    const r = parse(issue.input);
    return r.ok ? undefined : r.message;
  };
  const base =
    input === 'string'
      ? z.string({ error: message })
      : input === 'string-or-number'
        ? z.union([z.string(), z.number()], { error: message })
        : z.union([z.string(), z.null()], { error: message });
  const parsed = base.transform((value, ctx) => {
    const r = parse(value);
    if (r.ok) return r.value;
    ctx.issues.push({ code: 'custom', message: r.message, input: value });
    return z.NEVER;
  });
  return pattern === undefined ? parsed : parsed.meta({ pattern });
}

function positive(parse: (input: unknown) => ParseResult, expected: string) {
  return (input: unknown): ParseResult => {
    const r = parse(input);
    return r.ok && r.value === 0 ? { ok: false, message: `expected ${expected} greater than 0, got ${showValue(input)}` } : r;
  };
}

function parseRelativeOrOff(input: unknown): { ok: true; value: number | null } | { ok: false; message: string } {
  if (input === null || input === 'off') return { ok: true, value: null };
  const r = parseRelative(input);
  return r.ok ? r : { ok: false, message: r.message.replace(EXPECTED.relative, `${EXPECTED.relative}, or off`) };
}

function wholeNumber(min: number) {
  const message = expecting(`a whole number of at least ${min}`);
  return z.int({ error: message }).min(min, { error: message });
}

const relativeOrOff = () =>
  quantity(parseRelativeOrOff, `^(off|${PERCENT_PATTERN.slice(1, -1)})$`, 'string-or-null');

const LIMIT_PARSERS = {
  time: { parse: parseTime, pattern: TIME_PATTERN, noun: 'a time', input: 'string' },
  rate: { parse: parseRate, pattern: RATE_PATTERN, noun: 'a rate', input: 'string' },
  percent: { parse: parsePercent, pattern: PERCENT_PATTERN, noun: 'a percentage', input: 'string' },
  bytes: { parse: parseBytes, pattern: BYTES_PATTERN, noun: 'a size', input: 'string' },
  any: {
    parse: (input: unknown) => {
      const r = parseAnyQuantity(input);
      return r.ok ? { ok: true as const, value: r.value.value } : r;
    },
    pattern: undefined,
    noun: "a number in the metric's unit or a quantity",
    input: 'string-or-number',
  },
} as const;
type LimitKind = keyof typeof LIMIT_PARSERS;

const LIMIT_ORDER = ['warn', 'fail', 'critical'] as const;

/** The rule for one metric; `kind` decides what its warn/fail/critical limits must look like. */
function thresholdRule(metric: string, kind: LimitKind, direction?: Direction) {
  const { parse, pattern, noun, input } = LIMIT_PARSERS[kind];
  const limit = (level: string, verdict: string) =>
    quantity(parse, pattern, input)
      .optional()
      .describe(
        `${verdict} when the gated statistic of the PR head is ${direction === 'bigger' ? 'below' : direction === 'smaller' ? 'above' : 'worse than'} this ${level} (${noun}).`,
      );
  return closed({
    statistic: z
      .enum(STATISTICS, { error: (issue) => statisticMessage(issue.input) })
      .optional()
      .describe('The statistic of each round that is compared and checked against the limits.'),
    regression: relativeOrOff()
      .optional()
      .describe('Fail when the statistic gets worse by more than this relative change, e.g. "10%" (significant changes only); off or null disables.'),
    'critical-regression': relativeOrOff()
      .optional()
      .describe('Critical (rollback is recommended after a merge) when the statistic gets worse by more than this, e.g. "50%"; off or null disables.'),
    warn: limit('warning level', 'Warn'),
    fail: limit('failure level', 'Fail'),
    critical: limit('critical level', 'Critical'),
    gate: z
      .boolean({ error: expecting('true or false') })
      .optional()
      .describe('Whether this metric can fail the check; false reports it only.'),
  })
    .superRefine((rule, ctx) => {
      if (!direction) return;
      // warn <= fail <= critical when smaller is better; the reverse when bigger is better.
      for (let i = 0; i < LIMIT_ORDER.length; i++) {
        for (let j = i + 1; j < LIMIT_ORDER.length; j++) {
          const milder = rule[LIMIT_ORDER[i]!];
          const harsher = rule[LIMIT_ORDER[j]!];
          if (milder === undefined || harsher === undefined) continue;
          if (direction === 'smaller' ? harsher < milder : harsher > milder) {
            ctx.addIssue({
              code: 'custom',
              path: [LIMIT_ORDER[j]!],
              message:
                direction === 'smaller'
                  ? `expected at least ${LIMIT_ORDER[i]} for ${metric} (smaller is better: warn <= fail <= critical)`
                  : `expected at most ${LIMIT_ORDER[i]} for ${metric} (bigger is better: warn >= fail >= critical)`,
            });
          }
        }
      }
    })
    .describe(metric === 'any other' ? 'Thresholds for any other metric, keyed by its name.' : `Thresholds for the ${metric} metric.`);
}

const knownRule = (metric: KnownMetric) =>
  thresholdRule(metric, METRIC_KINDS[metric].expected, METRIC_KINDS[metric].direction).meta({ id: `${metric}-thresholds` });

function statisticMessage(input: unknown): string | undefined {
  if (input === undefined) return undefined;
  const guess = typeof input === 'string' ? suggest(input, STATISTICS) : undefined;
  const hint = guess ? ` (did you mean "${guess}"?)` : '';
  return `expected one of ${STATISTICS.join(', ')}, got ${showValue(input)}${hint}`;
}

/**
 * Threshold rules keyed by metric name. Known metrics have typed limits; any other name is a
 * metric perfgate does not know (from an importer, say) and takes a number in its own unit.
 */
const thresholdsSchema = z
  .object(
    {
      latency: knownRule('latency').optional(),
      throughput: knownRule('throughput').optional(),
      'success-rate': knownRule('success-rate').optional(),
      rss: knownRule('rss').optional(),
    },
    { error: expecting('a mapping of metric name to thresholds') },
  )
  .catchall(thresholdRule('any other', 'any').meta({ id: 'other-metric-thresholds' }))
  .superRefine((rules, ctx) => {
    // A free-form metric name one or two letters away from a known one is a typo, not a new
    // metric: without this check "latncy" would be accepted and never apply.
    for (const name of Object.keys(rules)) {
      if ((KNOWN_METRICS as string[]).includes(name)) continue;
      const guess = suggest(name, KNOWN_METRICS, Math.min(2, Math.floor(name.length / 3)));
      if (guess) ctx.addIssue({ code: 'custom', path: [name], message: `unknown metric, did you mean "${guess}"?` });
    }
  })
  .meta({
    id: 'thresholds',
    description:
      'Thresholds keyed by metric name: latency (limits are times), throughput (rates), success-rate (percentages), rss (sizes), or any other metric (numbers in its own unit).',
  });

const thresholds = (level: string) => thresholdsSchema.describe(`Thresholds ${level}, keyed by metric name.`);

const timeField = (what: string, options: { positive: boolean }) =>
  quantity(options.positive ? positive(parseTime, 'a time') : parseTime, TIME_PATTERN).describe(what);

/** Run settings, shared by `defaults` (with defaults filled in) and each suite (overrides). */
const RUN_DESCRIPTIONS = {
  rounds: 'Fresh processes per run; the rounds, not the samples, set how small a change can be detected. At least 2.',
  time: 'Measuring time per benchmark, spread over the rounds, e.g. "1s".',
  warmup: 'Warm-up time per benchmark in every round, e.g. "50ms".',
  'min-samples': 'Samples per benchmark across all rounds that the runner aims for when the time allows.',
  timeout: 'A round process running longer than this is killed and the suite reported as an error, e.g. "60s".',
} as const;

const runOverrides = {
  rounds: wholeNumber(2).optional().describe(`${RUN_DESCRIPTIONS.rounds} Defaults to defaults.rounds.`),
  time: timeField(`${RUN_DESCRIPTIONS.time} Defaults to defaults.time.`, { positive: true }).optional(),
  warmup: timeField(`${RUN_DESCRIPTIONS.warmup} Defaults to defaults.warmup.`, { positive: false }).optional(),
  'min-samples': wholeNumber(1).optional().describe(`${RUN_DESCRIPTIONS['min-samples']} Defaults to defaults.min-samples.`),
  timeout: timeField(`${RUN_DESCRIPTIONS.timeout} Defaults to defaults.timeout.`, { positive: true }).optional(),
};

const defaultsSchema = closed({
  rounds: wholeNumber(2).default(FILE_DEFAULTS.rounds).describe(RUN_DESCRIPTIONS.rounds),
  time: timeField(RUN_DESCRIPTIONS.time, { positive: true }).prefault(formatTime(FILE_DEFAULTS.timeMs)),
  warmup: timeField(RUN_DESCRIPTIONS.warmup, { positive: false }).prefault(formatTime(FILE_DEFAULTS.warmupMs)),
  'min-samples': wholeNumber(1).default(FILE_DEFAULTS.minSamples).describe(RUN_DESCRIPTIONS['min-samples']),
  timeout: timeField(RUN_DESCRIPTIONS.timeout, { positive: true }).prefault(formatTime(FILE_DEFAULTS.timeoutMs)),
  thresholds: thresholds('for every suite').optional(),
});

const suiteName = z
  .string({ error: expecting('a suite name') })
  .regex(/^[A-Za-z0-9._-]+$/, { error: expecting('a name of letters, digits, ".", "_" and "-"') })
  .describe('Unique name of the suite; benchmark ids are "<suite>/<benchmark>". Letters, digits, ".", "_", "-".');

const extensions = `${SUITE_FILE_EXTENSIONS.slice(0, -1).join(', ')} or ${SUITE_FILE_EXTENSIONS.at(-1)}`;
const suiteFile = z
  .string({ error: expecting(`a path to a ${extensions} file`) })
  .regex(new RegExp(`(${SUITE_FILE_EXTENSIONS.map((e) => e.replace('.', '\\.')).join('|')})$`), {
    error: expecting(`a path to a ${extensions} file`),
  })
  .describe(`The suite file (${extensions}), relative to the repository root (the folder holding .github/ or the config file).`);

const benchmarkOverrides = z
  .record(z.string(), closed({ thresholds: thresholds('for this benchmark') }).describe('Overrides for one benchmark.'), {
    error: expecting('a mapping of benchmark name to overrides'),
  })
  .optional()
  .describe('Per-benchmark overrides, keyed by benchmark name (as the suite file names it).');

const tinybenchSuite = closed({
  name: suiteName,
  type: z.literal('tinybench').describe('Benchmarks written with tinybench, run in fresh Node processes.'),
  file: suiteFile,
  ...runOverrides,
  thresholds: thresholds('for every benchmark of this suite').optional(),
  benchmarks: benchmarkOverrides,
}).describe('A tinybench suite.');

const workingDir = z
  .string({ error: expecting('a folder path') })
  .min(1, { error: expecting('a folder path') })
  .describe('Working directory of the processes the suite starts, relative to the repository root; defaults to the root.');

const envSchema = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String), {
    error: expecting('a mapping of variable name to value'),
  })
  .describe('Environment variables added for the processes the suite starts.');

const shellCommand = (what: string) =>
  z
    .string({ error: expecting('a shell command') })
    .min(1, { error: expecting('a shell command') })
    .describe(what);

const benchmarkName = z.string().regex(/^[^/\s][^/]*$/, { error: 'expected a benchmark name without "/"' });

const commandSuite = closed({
  name: suiteName,
  type: z.literal('command').describe('Shell commands timed as whole processes: wall time, CPU time, peak RSS of the process tree.'),
  command: shellCommand('The command to time (run with sh -c); its benchmark is named after the suite. Use commands for several.').optional(),
  commands: z
    .record(benchmarkName, shellCommand('The command to time (run with sh -c).'), { error: expecting('a mapping of benchmark name to shell command') })
    .optional()
    .describe('Several commands to time, keyed by benchmark name.'),
  prepare: shellCommand('Run before every measured run, untimed, e.g. clearing a cache.').optional(),
  cwd: workingDir.optional(),
  env: envSchema.optional(),
  rounds: wholeNumber(2).optional().describe('Measured runs per command, each a fresh process and one round. Defaults to defaults.rounds.'),
  'warmup-runs': z
    .int({ error: expecting('a whole number of at least 0') })
    .min(0, { error: expecting('a whole number of at least 0') })
    .default(FILE_DEFAULTS.command.warmupRuns)
    .describe('Untimed runs of each command before the measured ones.'),
  timeout: timeField('A run longer than this is killed and the benchmark reported as an error, e.g. "60s". Defaults to defaults.timeout.', { positive: true }).optional(),
  thresholds: thresholds('for every benchmark of this suite').optional(),
  benchmarks: benchmarkOverrides,
})
  .superRefine((s, ctx) => {
    if ((s.command === undefined) === (s.commands === undefined)) {
      ctx.addIssue({ code: 'custom', path: s.command === undefined ? [] : ['commands'], message: 'expected either command (one) or commands (several), not both and not neither' });
    }
  })
  .describe('Shell commands timed as whole processes.');

const STATUS_MESSAGE = 'an HTTP status code (100-599) or a list of them';
const statusCode = z.int({ error: expecting(STATUS_MESSAGE) }).min(100, { error: expecting(STATUS_MESSAGE) }).max(599, { error: expecting(STATUS_MESSAGE) });
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

const httpRequest = closed({
  name: benchmarkName.describe('Benchmark name of this request.'),
  method: z
    .enum(HTTP_METHODS, { error: expecting(`one of ${HTTP_METHODS.join(', ')}`) })
    .default('GET')
    .describe('HTTP method.'),
  path: z
    .string({ error: expecting('a path starting with "/"') })
    .regex(/^\//, { error: expecting('a path starting with "/"') })
    .describe('Path and query on the service, e.g. "/users?limit=10".'),
  headers: z.record(z.string(), z.string(), { error: expecting('a mapping of header name to value') }).default({}).describe('Request headers.'),
  body: z
    .union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())], { error: expecting('a string, or a mapping or list sent as JSON') })
    .optional()
    .describe('Request body; a mapping or list is sent as JSON.'),
  'expect-status': z
    .union([statusCode, z.array(statusCode).min(1)], { error: expecting(STATUS_MESSAGE) })
    .default(200)
    .describe('Status code(s) that count as success; any other answer, an error or a timeout is a failure.'),
}).describe('One request to drive load against; one benchmark.');

const httpLoad = closed({
  connections: wholeNumber(1).default(FILE_DEFAULTS.http.connections).describe('Concurrent connections.'),
  duration: timeField('Measured load per request per round, e.g. "3s".', { positive: true }).prefault(formatTime(FILE_DEFAULTS.http.durationMs)),
  rate: quantity(positive(parseRate, 'a rate'), RATE_PATTERN)
    .optional()
    .describe('A fixed request rate over all connections, e.g. "200/s"; without it each connection sends the next request as soon as the last is answered.'),
}).describe('How the service is loaded.');

const httpSuite = closed({
  name: suiteName,
  type: z.literal('http').describe('An HTTP service started per round and driven with load: latency, throughput, success rate, RSS and CPU.'),
  start: shellCommand('Starts the service in the foreground (run with sh -c); it must listen on 127.0.0.1 at the port in port-env.'),
  cwd: workingDir.optional(),
  env: envSchema.optional(),
  'port-env': z
    .string({ error: expecting('an environment variable name') })
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: expecting('an environment variable name') })
    .default(FILE_DEFAULTS.http.portEnv)
    .describe('Environment variable that tells the service its port.'),
  ready: z
    .string({ error: expecting('a path starting with "/"') })
    .regex(/^\//, { error: expecting('a path starting with "/"') })
    .default(FILE_DEFAULTS.http.readyPath)
    .describe('Readiness path: GET until it answers 2xx.'),
  'ready-timeout': timeField('How long the service may take to become ready, e.g. "30s".', { positive: true }).prefault(formatTime(FILE_DEFAULTS.http.readyTimeoutMs)),
  requests: z.array(httpRequest, { error: expecting('a list of requests') }).min(1, { error: 'expected at least one request, got an empty list' }).describe('The requests; each is one benchmark.'),
  load: httpLoad.prefault({}),
  warmup: timeField('Load before measuring, per request and round, e.g. "1s".', { positive: false }).prefault(formatTime(FILE_DEFAULTS.http.warmupMs)),
  rounds: wholeNumber(2).default(FILE_DEFAULTS.http.rounds).describe('Fresh service processes per side, each one round.'),
  'request-timeout': timeField('A request unanswered after this long is a failure, e.g. "10s".', { positive: true }).prefault(formatTime(FILE_DEFAULTS.http.requestTimeoutMs)),
  'stop-timeout': timeField('After SIGTERM, how long the service may take to stop before it is killed, e.g. "5s".', { positive: true }).prefault(formatTime(FILE_DEFAULTS.http.stopTimeoutMs)),
  thresholds: thresholds('for every request of this suite').optional(),
  benchmarks: benchmarkOverrides,
})
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.requests.forEach((r, i) => {
      if (r.name === 'service') ctx.addIssue({ code: 'custom', path: ['requests', i, 'name'], message: 'expected another name: "service" is the benchmark of the service\'s own RSS and CPU' });
      else if (seen.has(r.name)) ctx.addIssue({ code: 'custom', path: ['requests', i, 'name'], message: `duplicate request name "${r.name}"` });
      seen.add(r.name);
    });
  })
  .describe('An HTTP service under load.');

const importSuite = closed({
  name: suiteName,
  type: z.literal('import').describe("Results of another benchmarking tool, read from its output files."),
  format: z
    .string({ error: expecting('an import format') })
    .superRefine((format, ctx) => {
      const formats = importFormats();
      if (formats.includes(format)) return;
      const guess = suggest(format, formats);
      ctx.addIssue({ code: 'custom', message: `expected one of ${formats.join(', ')}, got ${showValue(format)}${guess ? ` (did you mean "${guess}"?)` : ''}` });
    })
    .describe('The tool and format of the file (see docs/sources/import.md).'),
  file: z
    .string({ error: expecting('a file path or glob') })
    .min(1, { error: expecting('a file path or glob') })
    .describe('The output file, or a glob matching several, relative to cwd.'),
  command: shellCommand('Writes the file(s) first, run with sh -c in cwd; without it the file must exist.').optional(),
  cwd: workingDir.optional(),
  env: envSchema.optional(),
  timeout: timeField('Time limit of the command, e.g. "10m".', { positive: true }).prefault(formatTime(FILE_DEFAULTS.import.timeoutMs)),
  thresholds: thresholds('for every benchmark of this suite').optional(),
  benchmarks: benchmarkOverrides,
}).describe('Results imported from another tool.');

const suite = z.discriminatedUnion('type', [tinybenchSuite, commandSuite, httpSuite, importSuite], {
  error: (issue) => {
    const input = issue.input as Record<string, unknown> | undefined;
    if (issue.code === 'invalid_union' && input && typeof input === 'object') {
      const types = SUITE_TYPES.map((t) => `"${t}"`).join(', ');
      return input.type === undefined ? `required, expected the suite type: ${types}` : `expected a suite type: ${types}, got ${showValue(input.type)}`;
    }
    return issue.input === undefined ? undefined : `expected a suite (a mapping with name and type), got ${showValue(issue.input)}`;
  },
});

const sameRunnerSchema = closed({
  setup: z
    .string({ error: expecting('a shell command') })
    .min(1, { error: expecting('a shell command') })
    .optional()
    .describe('Shell command that prepares the base commit in its own worktree before measuring, e.g. "npm ci && npm run build". Without it the base uses this checkout\'s node_modules.'),
  'setup-timeout': timeField('Time limit of the setup command, e.g. "10m"; past it the comparison falls back to the baseline.', { positive: true }).prefault(
    formatTime(FILE_DEFAULTS.setupTimeoutMs),
  ),
  'confirm-rounds': z
    .int({ error: expecting('a whole number of at least 0') })
    .min(0, { error: expecting('a whole number of at least 0') })
    .default(FILE_DEFAULTS.confirmRounds)
    .describe('Extra rounds, per side, run for suspected regressions only before the verdict is final; 0 disables confirmation.'),
  'confirm-time': timeField('Time budget of the confirmation rounds, e.g. "1m"; no new round starts past it.', { positive: true }).prefault(
    formatTime(FILE_DEFAULTS.confirmTimeMs),
  ),
  'pin-cpu': z
    .union([z.literal(false), z.int().min(0)], { error: expecting('false or a CPU number') })
    .default(false)
    .describe('Run every round process of both sides on this one CPU (Linux, needs taskset); false leaves placement to the OS.'),
});

const percentString = (what: string) =>
  quantity((input: unknown) => {
    const r = parseRelative(input);
    return r.ok && r.value === 0 ? { ok: false as const, message: `expected ${what} greater than 0%, got ${showValue(input)}` } : r;
  }, PERCENT_PATTERN);

const logSchema = closed({
  entries: wholeNumber(1)
    .default(FILE_DEFAULTS.log.entries)
    .describe('How many merges the per-merge log keeps (newest first); older entries are dropped.'),
  artifacts: wholeNumber(1)
    .default(FILE_DEFAULTS.log.artifacts)
    .describe('How many of the newest baseline artifacts a main-branch run reads and unites, so that merges whose runs raced each other all stay in the log.'),
  'change-points': closed({
    'min-shift': percentString('a shift')
      .prefault(FILE_DEFAULTS.log.minShift)
      .describe('Smallest shift between the levels before and after a change point that is reported, e.g. "5%".'),
    alpha: z
      .number({ error: expecting('a number above 0 and below 0.5') })
      .gt(0, { error: expecting('a number above 0 and below 0.5') })
      .lt(0.5, { error: expecting('a number above 0 and below 0.5') })
      .default(FILE_DEFAULTS.log.changePointAlpha)
      .describe('Significance level of the permutation test of each change point.'),
  })
    .prefault({})
    .describe('Change-point detection over each benchmark\'s history on the base branch (E-divisive means).'),
})
  .prefault({})
  .describe('The per-merge log that main-branch runs keep in the baseline artifact.');

const handle = z
  .string({ error: expecting('a user or team, e.g. "@octocat" or "@org/team"') })
  .regex(/^@[A-Za-z0-9][A-Za-z0-9-]*(\/[A-Za-z0-9._-]+)?$/, { error: expecting('a user or team, e.g. "@octocat" or "@org/team"') });

const rollbackSchema = closed({
  enabled: z.boolean({ error: expecting('true or false') }).default(true).describe('Recommend reverting a merge that breaches a critical limit.'),
  regression: relativeOrOff()
    .prefault(FILE_DEFAULTS.rollback.regression)
    .describe('A merge whose confirmed (significant, failing) regression is beyond this is recommended for rollback even without a critical limit, e.g. "50%"; off disables.'),
  comment: z.boolean({ error: expecting('true or false') }).default(true).describe('Comment the recommendation on the merged pull request.'),
  issue: z
    .boolean({ error: expecting('true or false') })
    .default(true)
    .describe('Open one issue per incident (updated, not duplicated, when the run is repeated); needs "permissions: issues: write".'),
  labels: z
    .array(z.string({ error: expecting('a label name') }).min(1, { error: expecting('a label name') }), { error: expecting('a list of label names') })
    .default([...FILE_DEFAULTS.rollback.labels])
    .describe('Labels of the incident issue.'),
  mentions: z.array(handle, { error: expecting('a list of users or teams') }).default([]).describe('Users or teams mentioned in the incident issue and comment.'),
})
  .prefault({})
  .describe('Rollback recommendations after a merge to the base branch.');

const acceptSchema = closed({
  label: z
    .union([z.string().min(1), z.literal(false)], { error: expecting('a label name, or false') })
    .default(FILE_DEFAULTS.accept.label)
    .describe('A pull request label that accepts every failing benchmark of the pull request; false disables it. Labels need triage or write access to set, and who set it is shown.'),
  command: z
    .union([z.string().regex(/^\/\S+( \S+)*$/), z.literal(false)], { error: expecting('a command starting with "/", e.g. "/perfgate accept", or false') })
    .default(FILE_DEFAULTS.accept.command)
    .describe('The comment command that accepts named failures: "<command> <benchmark or all> <reason>". Only users with write access can accept; others get a reply saying why. false disables it.'),
})
  .prefault({})
  .describe('Accepting an intended regression on a pull request.');

export const perfgateConfigSchema = closed({
  version: z
    .literal(CONFIG_VERSION, {
      error: (issue) => (issue.input === undefined ? `required, add "version: ${CONFIG_VERSION}"` : `expected ${CONFIG_VERSION}, got ${showValue(issue.input)}`),
    })
    .describe('Format version of this file; 1 is the only one so far.'),
  baseline: closed({
    source: z
      .enum(BASELINE_SOURCES, { error: expecting(`one of ${BASELINE_SOURCES.join(', ')}`) })
      .default(FILE_DEFAULTS.baseline.source)
      .describe('Where the base numbers come from when the base commit cannot be run on the same machine: file (the committed baseline), artifact (the main-branch artifact), auto (artifact, else file).'),
    path: z
      .string({ error: expecting('a path') })
      .min(1, { error: expecting('a path') })
      .default(FILE_DEFAULTS.baseline.path)
      .describe('The committed baseline file, relative to the repository root.'),
  })
    .prefault({})
    .describe('Where the baseline comes from.'),
  compare: z
    .enum(COMPARE_METHODS, { error: expecting(`one of ${COMPARE_METHODS.join(', ')}`) })
    .default(FILE_DEFAULTS.compare)
    .describe(
      'How a pull request is compared: same-runner (the base commit is built and run on this machine, interleaved with the head), artifact (the stored baseline), auto (same-runner when the base can be built, else the baseline).',
    ),
  'same-runner': sameRunnerSchema.prefault({}).describe('Settings of same-runner comparisons.'),
  log: logSchema,
  rollback: rollbackSchema,
  accept: acceptSchema,
  alpha: z
    .number({ error: expecting('a number above 0 and at most 0.5') })
    .gt(0, { error: expecting('a number above 0 and at most 0.5') })
    .lte(0.5, { error: expecting('a number above 0 and at most 0.5') })
    .default(FILE_DEFAULTS.alpha)
    .describe('False-alarm rate for the whole suite (Holm) and false-discovery rate for reporting (Benjamini–Hochberg); above 0, at most 0.5.'),
  power: z
    .number({ error: expecting('a number between 0 and 1') })
    .gt(0, { error: expecting('a number between 0 and 1') })
    .lt(1, { error: expecting('a number between 0 and 1') })
    .default(FILE_DEFAULTS.power)
    .describe('Power used for the "needs more rounds" advice; between 0 and 1.'),
  defaults: defaultsSchema.prefault({}).describe('Run settings and thresholds for every suite; suites may override them.'),
  suites: z
    .array(suite, { error: expecting('a list of suites') })
    .min(1, { error: 'expected at least one suite, got an empty list' })
    .superRefine((suites, ctx) => {
      const seen = new Map<string, number>();
      suites.forEach((s, i) => {
        const first = seen.get(s.name);
        if (first === undefined) seen.set(s.name, i);
        else ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate suite name "${s.name}" (also suites[${first}].name)` });
      });
    })
    .describe('The benchmark suites to run; at least one.'),
}).describe('perfgate configuration (perfgate.yml).');

/** The file as written (what editors validate). */
export type PerfgateConfigInput = z.input<typeof perfgateConfigSchema>;
/** The file after validation: defaults filled in, quantities in canonical units. */
export type PerfgateConfig = z.output<typeof perfgateConfigSchema>;
export type ThresholdRuleConfig = NonNullable<PerfgateConfig['defaults']['thresholds']>[string];

/** Validates parsed YAML; issue messages follow the "expected X, got Y" style throughout. */
export function validateConfig(data: unknown) {
  return perfgateConfigSchema.safeParse(data, { error: configErrorMap });
}
