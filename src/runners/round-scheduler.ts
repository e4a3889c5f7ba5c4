import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchmarkResult, Metric, NonEmpty } from '../core/model.js';
import { thinSamples } from '../core/stats.js';
import { describeError } from './error-text.js';
import { cleanUpOnInterrupt } from './process-tree.js';
import { mulberry32, shuffled } from './shuffle.js';
import type { RoundContext, SuiteRound } from './suite-round.js';

/**
 * Rounds, the way DESIGN.md's "the process is the unit of replication" asks: every round runs
 * each suite once per side in fresh processes, suites in a seeded random order per round and, per
 * suite, the sides in a random order, so round i of base and round i of head are measured moments
 * apart and a paired comparison cancels whatever the machine did meanwhile. What a suite runs in a
 * round (a tinybench process, timed commands, a service under load) is its own business.
 */
export interface ScheduledSuite {
  name: string;
  rounds: number;
  /** Set when the suite cannot run at all (no round script, bad flags): it is reported, not run. */
  error?: string;
  runRound(context: RoundContext): Promise<SuiteRound>;
}

export interface ScheduleSide {
  /** 'base', 'head', or '' for a plain run. */
  label: string;
  suites: ScheduledSuite[];
}

export interface ScheduleOptions {
  onProgress?: (line: string) => void;
  /** Only these benchmarks, by suite name (confirmation rounds); suites not named run all. */
  onlyTasks?: ReadonlyMap<string, readonly string[]>;
  wrapper?: readonly string[];
  /** Names the rounds in progress lines; confirmation rounds say so. */
  roundLabel?: (round: number, rounds: number) => string;
  /** Seeds the round order; random when left out. */
  seed?: number;
  /** Aborting stops the running round and rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface SuitesRun {
  benchmarks: BenchmarkResult[];
  warnings: string[];
  /** Suite name -> ms its rounds took on this side, for balancing shards later. */
  durations?: Record<string, number>;
}

interface MetricRecord {
  unit: string;
  direction: Metric['direction'];
  rounds: NonEmpty<number>[];
}

interface BenchmarkRecord {
  metrics: Map<string, MetricRecord>;
  error?: string;
}

interface SuiteState {
  suite: ScheduledSuite;
  label: string;
  /** By benchmark name, in the order the suite first reported them. */
  benchmarks: Map<string, BenchmarkRecord>;
  warnings: Set<string>;
  error?: string;
  /** Wall time of this side's rounds of the suite, ms. */
  elapsedMs: number;
}

export async function runScheduled(sides: ScheduleSide[], options: ScheduleOptions = {}): Promise<SuitesRun[]> {
  const names: string[] = [];
  for (const side of sides) for (const suite of side.suites) if (!names.includes(suite.name)) names.push(suite.name);
  const states: SuiteState[][] = sides.map((side) =>
    side.suites.map((suite) => ({ suite, label: side.label, benchmarks: new Map(), warnings: new Set<string>(), elapsedMs: 0, ...(suite.error ? { error: suite.error } : {}) })),
  );
  for (const state of states.flat()) if (state.error) options.onProgress?.(`${prefixOf(state)}${state.suite.name}: ${state.error}`);

  const random = mulberry32(options.seed ?? Math.floor(Math.random() * 2 ** 32));
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'perfgate-'));
  const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true });
  const forget = cleanUpOnInterrupt(removeWorkDir);
  try {
    const most = Math.max(0, ...states.flat().map((state) => state.suite.rounds));
    for (let round = 1; round <= most; round++) {
      for (const name of shuffled(names, random)) {
        const due = states.flatMap((side) => side.filter((s) => s.suite.name === name && s.error === undefined && round <= s.suite.rounds));
        for (const state of shuffled(due, random)) await runOneRound(state, round, workDir, options);
      }
    }
  } finally {
    forget();
    removeWorkDir();
  }
  return states.map((side) => ({
    benchmarks: side.flatMap(toBenchmarks),
    warnings: side.flatMap((s) => [...s.warnings].map((w) => `${s.suite.name}: ${w}`)),
    durations: Object.fromEntries(side.map((s) => [s.suite.name, Math.round(s.elapsedMs)])),
  }));
}

function prefixOf(state: SuiteState): string {
  return state.label ? `${state.label} ` : '';
}

async function runOneRound(state: SuiteState, round: number, workDir: string, options: ScheduleOptions): Promise<void> {
  const { suite } = state;
  const only = options.onlyTasks?.get(suite.name);
  const context: RoundContext = {
    round,
    rounds: suite.rounds,
    side: state.label,
    workDir,
    skipTasks: [...state.benchmarks].filter(([, b]) => b.error !== undefined).map(([name]) => name),
    ...(only ? { onlyTasks: only } : {}),
    ...(options.wrapper ? { wrapper: options.wrapper } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  const started = performance.now();
  let result: SuiteRound;
  try {
    result = await suite.runRound(context);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    result = { benchmarks: [], warnings: [], error: `round ${round} could not run: ${describeError(error)}` };
  }
  state.elapsedMs += performance.now() - started;
  const label = options.roundLabel?.(round, suite.rounds) ?? `round ${round}/${suite.rounds}`;
  const prefix = `${label}  ${prefixOf(state)}${suite.name}`;
  for (const warning of result.warnings) state.warnings.add(warning);
  if (result.error !== undefined) {
    state.error = result.error.startsWith('round ') ? result.error : `round ${round}: ${result.error}`;
    for (const b of result.benchmarks) record(state, b.name);
    options.onProgress?.(`${prefix} error: ${state.error}`);
    return;
  }
  for (const b of result.benchmarks) {
    const r = record(state, b.name);
    if (b.error !== undefined) {
      r.error ??= `round ${round}: ${b.error}`;
      continue;
    }
    for (const m of b.metrics) {
      let metric = r.metrics.get(m.name);
      if (!metric) r.metrics.set(m.name, (metric = { unit: m.unit, direction: m.direction, rounds: [] }));
      metric.rounds.push(thinSamples(m.samples));
    }
  }
  const count = result.benchmarks.length;
  options.onProgress?.(`${prefix} (${count} benchmark${count === 1 ? '' : 's'}) ${Math.round(performance.now() - started)} ms`);
}

function record(state: SuiteState, name: string): BenchmarkRecord {
  let r = state.benchmarks.get(name);
  if (!r) state.benchmarks.set(name, (r = { metrics: new Map() }));
  return r;
}

function toBenchmarks(state: SuiteState): BenchmarkResult[] {
  const { name } = state.suite;
  if (state.benchmarks.size === 0) {
    return state.error === undefined ? [] : [{ id: `${name}/*`, suite: name, name: '*', metrics: [], error: state.error }];
  }
  return [...state.benchmarks].map(([benchmark, r]): BenchmarkResult => {
    const base = { id: `${name}/${benchmark}`, suite: name, name: benchmark };
    // Half a benchmark is not a measurement: an error drops the rounds that did complete.
    const error = r.error ?? state.error ?? (r.metrics.size === 0 ? 'no samples' : undefined);
    if (error !== undefined) return { ...base, metrics: [], error };
    return { ...base, metrics: [...r.metrics].map(([metric, m]) => ({ name: metric, unit: m.unit, direction: m.direction, rounds: m.rounds })) };
  });
}
