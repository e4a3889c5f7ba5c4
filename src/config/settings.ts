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

export type SuiteSettings = TinybenchSuiteSettings;
