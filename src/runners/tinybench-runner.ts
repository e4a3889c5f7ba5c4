import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchmarkResult, NonEmpty } from '../core/model.js';
import type { TinybenchSuiteSettings } from '../config/settings.js';
import { describeError } from './error-text.js';
import { nodeFlagsForSuite } from './node-flags.js';
import { cleanUpOnInterrupt } from './process-tree.js';
import type { RoundJob } from './round-protocol.js';
import { runRoundProcess, type RoundProcessResult } from './round-process.js';
import { locateRoundScript, type RoundScript } from './round-script.js';
import { mulberry32, shuffled } from './shuffle.js';

/**
 * Runs tinybench suites the way DESIGN.md's "the process is the unit of replication" asks: every
 * round is a fresh Node process per suite, suites in a seeded random order per round, and each
 * benchmark's samples of one round kept as one array, in time order.
 *
 * Suite contract (details in measure-suite.ts), e.g. bench/parse.bench.mjs:
 *
 *   export default (bench) => {          // may be async; bench is a tinybench Bench perfgate built
 *     bench.add('JSON.parse small', () => JSON.parse('{"a":1}'));
 *   };
 *
 * A default export that is a ready tinybench Bench also works, without time order (a warning
 * says so). A suite that crashes, exits early, fails to load or outlives `timeoutMs` gets `error`
 * on each of its benchmarks (or on `suite/*` if it never listed them) and runs no more rounds;
 * other suites go on. Nothing a suite starts survives its round.
 */
export interface TinybenchRunOptions {
  onProgress?: (line: string) => void;
  /** Defaults to locateRoundScript(); tests pass a bundled one. */
  roundScript?: RoundScript;
  /** Seeds the round order; random when left out. */
  seed?: number;
  /** Aborting kills the running round and rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface TinybenchRun {
  benchmarks: BenchmarkResult[];
  warnings: string[];
}

interface TaskRecord {
  rounds: NonEmpty<number>[];
  error?: string;
}

interface SuiteState {
  suite: TinybenchSuiteSettings;
  key: string;
  flags: string[];
  /** By task name, in the order the suite added them. */
  tasks: Map<string, TaskRecord>;
  warnings: Set<string>;
  error?: string;
}

export async function runTinybenchSuites(suites: TinybenchSuiteSettings[], options: TinybenchRunOptions = {}): Promise<TinybenchRun> {
  const states: SuiteState[] = suites.map((suite, i) => ({ suite, key: `suite${i}`, flags: [], tasks: new Map(), warnings: new Set() }));
  let script: RoundScript | undefined;
  try {
    script = options.roundScript ?? locateRoundScript();
  } catch (error) {
    for (const state of states) state.error = describeError(error);
  }
  for (const state of states) {
    const flags = nodeFlagsForSuite(state.suite.file);
    if ('error' in flags) state.error ??= flags.error;
    else state.flags = flags.flags;
    if (state.error) options.onProgress?.(`${state.suite.name}: ${state.error}`);
  }

  const random = mulberry32(options.seed ?? Math.floor(Math.random() * 2 ** 32));
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'perfgate-'));
  const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true });
  const forget = cleanUpOnInterrupt(removeWorkDir);
  try {
    const most = Math.max(0, ...suites.map((suite) => suite.rounds));
    for (let round = 1; round <= most && script; round++) {
      const due = states.filter((state) => state.error === undefined && round <= state.suite.rounds);
      for (const state of shuffled(due, random)) await runSuiteRound(state, round, script, workDir, options);
    }
  } finally {
    forget();
    removeWorkDir();
  }
  return { benchmarks: states.flatMap(toBenchmarks), warnings: states.flatMap((s) => [...s.warnings].map((w) => `${s.suite.name}: ${w}`)) };
}

async function runSuiteRound(state: SuiteState, round: number, script: RoundScript, workDir: string, options: TinybenchRunOptions): Promise<void> {
  const { suite } = state;
  const file = (what: string) => path.join(workDir, `${state.key}-round${round}.${what}.json`);
  const job: RoundJob = {
    suiteFile: suite.file,
    timePerTaskMs: suite.timeMs / suite.rounds,
    warmupMs: suite.warmupMs,
    minIterations: Math.ceil(suite.minSamples / suite.rounds),
    resultPath: file('result'),
    statusPath: file('status'),
    skipTasks: [...state.tasks].filter(([, task]) => task.error !== undefined).map(([name]) => name),
  };
  let result: RoundProcessResult;
  try {
    result = await runRoundProcess({ script, flags: state.flags, job, jobPath: file('job'), timeoutMs: suite.timeoutMs, signal: options.signal });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    result = { ok: false, reason: `could not run: ${describeError(error)}`, elapsedMs: 0 };
  }
  const prefix = `round ${round}/${suite.rounds}  ${suite.name}`;

  if (!result.ok || result.outcome.error !== undefined) {
    state.error = result.ok ? `round ${round}: ${result.outcome.error}` : `round ${round} ${result.reason}`;
    for (const name of result.ok ? [] : (result.status?.tasks ?? [])) taskRecord(state, name);
    options.onProgress?.(`${prefix} error: ${state.error}`);
    return;
  }
  for (const task of result.outcome.tasks) {
    const record = taskRecord(state, task.name);
    const [first, ...rest] = task.samples;
    if (task.error !== undefined) record.error ??= `round ${round}: ${task.error}`;
    else if (first === undefined) record.error ??= `round ${round}: no samples`;
    else record.rounds.push([first, ...rest]);
  }
  for (const warning of result.outcome.warnings) state.warnings.add(warning);
  const count = result.outcome.tasks.length;
  options.onProgress?.(`${prefix} (${count} benchmark${count === 1 ? '' : 's'}) ${result.elapsedMs} ms`);
}

function taskRecord(state: SuiteState, name: string): TaskRecord {
  let record = state.tasks.get(name);
  if (!record) state.tasks.set(name, (record = { rounds: [] }));
  return record;
}

function toBenchmarks(state: SuiteState): BenchmarkResult[] {
  const { suite } = state;
  if (state.tasks.size === 0) {
    return state.error === undefined ? [] : [{ id: `${suite.name}/*`, suite: suite.name, name: '*', metrics: [], error: state.error }];
  }
  return [...state.tasks].map(([name, record]): BenchmarkResult => {
    const base = { id: `${suite.name}/${name}`, suite: suite.name, name };
    // Half a benchmark is not a measurement: an error drops the rounds that did complete.
    const error = record.error ?? state.error ?? (record.rounds.length === 0 ? 'no samples' : undefined);
    if (error !== undefined) return { ...base, metrics: [], error };
    return { ...base, metrics: [{ name: 'latency', unit: 'ms', direction: 'smaller', rounds: record.rounds }] };
  });
}
