import type { Limits, Statistic } from '../core/model.js';

/**
 * What perfgate.yml says, validated, with defaults filled in and every quantity in canonical
 * units (times in ms, rates in ops/s, relative thresholds as fractions: '10%' -> 0.1).
 */
export interface Settings {
  /** Absolute path of the configuration file that was read, or null when defaults were used. */
  configPath: string | null;
  /** Folder that relative paths in the file are resolved against (the repository root). */
  rootDir: string;
  baseline: BaselineSettings;
  compare: CompareSettings;
  log: LogSettings;
  rollback: RollbackSettings;
  accept: AcceptSettings;
  /** Family-wise alpha for failing; also the FDR level for reporting. */
  alpha: number;
  /** Power for the "needs more rounds" advice. */
  power: number;
  /** Threshold rules from `defaults.thresholds`, keyed by metric name. */
  thresholds: Record<string, ThresholdRule>;
  suites: SuiteSettings[];
}

export interface BaselineSettings {
  /** 'file' reads the committed baseline; the action adds 'artifact' and 'auto' later. */
  source: 'file' | 'artifact' | 'auto';
  /** Committed baseline file, absolute. */
  path: string;
}

export interface CompareSettings {
  /** same-runner: re-run the base commit here; artifact: the stored baseline; auto: same-runner when possible. */
  method: 'auto' | 'same-runner' | 'artifact';
  /** Prepares the base worktree; absent: the base borrows this checkout's node_modules. */
  setup?: string;
  setupTimeoutMs: number;
  /** Extra rounds per side for suspected regressions; 0 disables confirmation. */
  confirmRounds: number;
  confirmTimeMs: number;
  /** CPU that every round process is pinned to, or null. */
  pinCpu: number | null;
}

export interface LogSettings {
  /** Most merges the log keeps. */
  entries: number;
  /** Newest baseline artifacts whose logs are united. */
  artifacts: number;
  changePoints: { minShift: number; alpha: number };
}

export interface AcceptSettings {
  /** The label that accepts every failure of a pull request, or null when disabled. */
  label: string | null;
  /** The comment command prefix, e.g. "/perfgate accept", or null when disabled. */
  command: string | null;
}

export interface RollbackSettings {
  enabled: boolean;
  /** A failing regression beyond this recommends rollback; null: only critical limits do. */
  regression: number | null;
  comment: boolean;
  issue: boolean;
  labels: string[];
  mentions: string[];
}

/** Partial rule: anything left out is inherited from the less specific level. */
export interface ThresholdRule {
  statistic?: Statistic;
  regression?: number | null;
  criticalRegression?: number | null;
  limits?: Limits;
  gate?: boolean;
}

export interface SuiteCommon {
  name: string;
  /** Threshold rules for every benchmark of the suite, keyed by metric name. */
  thresholds: Record<string, ThresholdRule>;
  /** Per-benchmark overrides: benchmark name -> metric name -> rule. */
  benchmarks: Record<string, { thresholds: Record<string, ThresholdRule> }>;
}

export interface TinybenchSuiteSettings extends SuiteCommon {
  type: 'tinybench';
  /** The suite file, absolute. */
  file: string;
  /** Fresh processes per run. */
  rounds: number;
  /** Measuring time per benchmark across all rounds, ms. */
  timeMs: number;
  /** Warm-up time per benchmark per round, ms. */
  warmupMs: number;
  /** Samples per benchmark across all rounds that the runner aims for when the budget allows. */
  minSamples: number;
  /** A round process that runs longer than this is killed and the suite reported as error, ms. */
  timeoutMs: number;
}

/** Environment variables a suite adds for the processes it starts. */
export type SuiteEnv = Record<string, string>;

/** Shell commands timed as whole processes (wall, CPU, peak RSS of the process tree). */
export interface CommandSuiteSettings extends SuiteCommon {
  type: 'command';
  /** Benchmarks by name: the shell command each runs (with `sh -c`). */
  commands: Record<string, string>;
  /** Run (untimed) before every measured run of each command, e.g. clearing a cache. */
  prepare?: string;
  /** Working directory, absolute; in a same-runner run it maps into the base worktree. */
  cwd: string;
  env: SuiteEnv;
  /** Measured runs per command; each is one round. */
  rounds: number;
  /** Untimed runs per command before the measured ones, per side. */
  warmupRuns: number;
  /** A run longer than this is killed and the benchmark reported as an error, ms. */
  timeoutMs: number;
}

export interface HttpRequestSettings {
  /** Benchmark name. */
  name: string;
  method: string;
  /** Path and query on the service, e.g. "/users?limit=10". */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Status codes that count as success. */
  expectStatus: number[];
}

/** Fixed concurrency for a duration, or a fixed request rate (with enough connections to keep it). */
export type HttpLoad =
  | { mode: 'concurrency'; connections: number; durationMs: number }
  | { mode: 'rate'; requestsPerSecond: number; connections: number; durationMs: number };

/** A service started per round and driven with HTTP load; one benchmark per request. */
export interface HttpSuiteSettings extends SuiteCommon {
  type: 'http';
  /** Shell command that starts the service in the foreground. */
  start: string;
  cwd: string;
  env: SuiteEnv;
  /** Environment variable that carries the port the service must listen on (127.0.0.1). */
  portEnv: string;
  /** Readiness: GET this path until it answers 2xx, for at most `readyTimeoutMs`. */
  readyPath: string;
  readyTimeoutMs: number;
  requests: HttpRequestSettings[];
  load: HttpLoad;
  /** Load before measuring, per request per round, ms. */
  warmupMs: number;
  /** Fresh service processes per side; each is one round. */
  rounds: number;
  /** A request without an answer after this long counts as a failure, ms. */
  requestTimeoutMs: number;
  /** After SIGTERM, how long the service may take to stop before SIGKILL, ms. */
  stopTimeoutMs: number;
}

/** Results of another tool, read from files (optionally written by a command first). */
export interface ImportSuiteSettings extends SuiteCommon {
  type: 'import';
  /** An importer's format name (src/importers/registry.ts). */
  format: string;
  /** File or glob, relative to `cwd`. */
  file: string;
  /** Writes the file(s) first, run with `sh -c` in `cwd`. */
  command?: string;
  cwd: string;
  env: SuiteEnv;
  timeoutMs: number;
}

export type SuiteSettings = TinybenchSuiteSettings | CommandSuiteSettings | HttpSuiteSettings | ImportSuiteSettings;
