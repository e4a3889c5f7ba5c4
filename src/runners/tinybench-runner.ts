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
  /** Only these tasks, by suite name (confirmation rounds); suites not named run every task. */
  onlyTasks?: ReadonlyMap<string, readonly string[]>;
  /** Wraps each round process's command, e.g. ['taskset', '-c', '1'] to pin it to one CPU. */
  wrapper?: readonly string[];
  /** Names the rounds in progress lines; confirmation rounds say so. */
  roundLabel?: (round: number, rounds: number) => string;
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

/** One side of an A/B run: its label ('base', 'head') and its suites, whose files are in its tree. */
export interface RunSide {
  label: string;
  suites: TinybenchSuiteSettings[];
}

interface SuiteState {
  suite: TinybenchSuiteSettings;
  label: string;
  key: string;
  flags: string[];
  /** By task name, in the order the suite added them. */
  tasks: Map<string, TaskRecord>;
  warnings: Set<string>;
  error?: string;
}

export async function runTinybenchSuites(suites: TinybenchSuiteSettings[], options: TinybenchRunOptions = {}): Promise<TinybenchRun> {
  const [run] = await runTinybenchSides([{ label: '', suites }], options);
  return run as TinybenchRun;
}

/**
 * Same-runner A/B: the sides' suites (matched by name) run in the same rounds on this machine.
 * Each round visits the suites in a random order and, per suite, the sides in a random order, one
 * fresh process each, so round i of base and round i of head are measured moments apart and a
 * paired comparison cancels whatever the machine did meanwhile. Returns one run per side.
 */
export async function runTinybenchSides(sides: RunSide[], options: TinybenchRunOptions = {}): Promise<TinybenchRun[]> {
  const names: string[] = [];
  for (const side of sides) for (const suite of side.suites) if (!names.includes(suite.name)) names.push(suite.name);
  const states: SuiteState[][] = sides.map((side, s) =>
    side.suites.map((suite, i) => ({ suite, label: side.label, key: `side${s}-suite${i}`, flags: [], tasks: new Map(), warnings: new Set<string>() })),
  );
  const all = states.flat();
  let script: RoundScript | undefined;
  try {
    script = options.roundScript ?? locateRoundScript();
  } catch (error) {
    for (const state of all) state.error = describeError(error);
  }
  for (const state of all) {
    const flags = nodeFlagsForSuite(state.suite.file);
    if ('error' in flags) state.error ??= flags.error;
    else state.flags = flags.flags;
    if (state.error) options.onProgress?.(`${prefixOf(state)}${state.suite.name}: ${state.error}`);
  }

  const random = mulberry32(options.seed ?? Math.floor(Math.random() * 2 ** 32));
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'perfgate-'));
  const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true });
  const forget = cleanUpOnInterrupt(removeWorkDir);
  try {
    const most = Math.max(0, ...all.map((state) => state.suite.rounds));
    for (let round = 1; round <= most && script; round++) {
      for (const name of shuffled(names, random)) {
        const due = states.flatMap((side) => side.filter((state) => state.suite.name === name && state.error === undefined && round <= state.suite.rounds));
        for (const state of shuffled(due, random)) await runSuiteRound(state, round, script, workDir, options);
      }
    }
  } finally {
    forget();
    removeWorkDir();
  }
  return states.map((side) => ({
    benchmarks: side.flatMap(toBenchmarks),
    warnings: side.flatMap((s) => [...s.warnings].map((w) => `${s.suite.name}: ${w}`)),
  }));
}

function prefixOf(state: SuiteState): string {
  return state.label ? `${state.label} ` : '';
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
    ...(options.onlyTasks?.has(suite.name) ? { onlyTasks: [...options.onlyTasks.get(suite.name)!] } : {}),
  };
  let result: RoundProcessResult;
  try {
    result = await runRoundProcess({
      script,
      flags: state.flags,
      job,
      jobPath: file('job'),
      timeoutMs: suite.timeoutMs,
      signal: options.signal,
      ...(options.wrapper ? { wrapper: options.wrapper } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    result = { ok: false, reason: `could not run: ${describeError(error)}`, elapsedMs: 0 };
  }
  const label = options.roundLabel?.(round, suite.rounds) ?? `round ${round}/${suite.rounds}`;
  const prefix = `${label}  ${prefixOf(state)}${suite.name}`;

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
