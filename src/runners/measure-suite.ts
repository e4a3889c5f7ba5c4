import { pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';
import { describeError } from './error-text.js';
import type { RoundOutcome, RoundStatus, TaskOutcome } from './round-protocol.js';
import { collectionBudgetMs, heapGrowthPerIteration, probeIterations } from './heap-probe.js';
import { createSampleRecorder, type SampleRecorder } from './sample-recorder.js';

/**
 * Measures every task of one suite inside the current process: the body of one round.
 *
 * Suite contract (a .js/.mjs/.ts file, loaded with `import()`, no build step):
 *
 *   export default (bench) => {            // or an async function
 *     bench.add('JSON.parse small', () => JSON.parse('{"a":1}'));
 *   };
 *
 * `bench` is a tinybench 6 Bench that perfgate built; the function adds tasks (with any tinybench
 * task options and hooks) and must not run the bench: perfgate runs the tasks one at a time,
 * warm-up then measurement, with the time budget of the suite's settings, and records each
 * iteration's duration in time order. A default export that is an already-built tinybench Bench
 * is also accepted; its time/iterations/warm-up settings are overridden by perfgate's, and since
 * tinybench keeps samples only sorted (and only with `retainSamples: true`) the round's time
 * order is lost: the outcome then carries a warning that suggests the function form.
 */
export interface MeasureOptions {
  suiteFile: string;
  timePerTaskMs: number;
  warmupMs: number;
  minIterations: number;
  skipTasks?: readonly string[];
  onlyTasks?: readonly string[];
  /** The heap probe's budget in rounds' shares; 0: no probe this round. Absent: 1. */
  heapProbeScale?: number;
  onStatus?: (status: RoundStatus) => void;
}

/** The settings of a Bench that tasks read at run time; public fields, typed readonly. */
interface Knobs {
  time: number;
  iterations: number;
  warmupTime: number;
  warmupIterations: number;
}

/** What perfgate needs of a task, whichever tinybench copy built it. */
interface DrivableTask {
  readonly name: string;
  warmup(): Promise<void>;
  run(): Promise<unknown>;
  reset(emit?: boolean): void;
  readonly result: { state: string; error?: unknown; latency?: { samples?: number[]; p50?: number } };
}

interface BenchLike extends Knobs {
  readonly tasks: DrivableTask[];
}

const FUNCTION_FORM = 'export a function instead: export default (bench) => { bench.add(...) }';

export async function measureSuite(options: MeasureOptions): Promise<RoundOutcome> {
  const warnings: string[] = [];
  let exported: unknown;
  try {
    const module = (await import(/* webpackIgnore: true */ pathToFileURL(options.suiteFile).href)) as { default?: unknown };
    exported = module.default;
  } catch (error) {
    return { tasks: [], warnings, error: `the suite failed to load: ${describeError(error)}` };
  }

  const recorder = createSampleRecorder();
  const bodies = new Map<string, TaskBody>();
  let bench: BenchLike;
  let form: 'function' | 'instance';
  if (typeof exported === 'function') {
    form = 'function';
    const built = new Bench({ timestampProvider: recorder.provider, retainSamples: true, throws: true });
    captureTaskFunctions(built, bodies);
    // tinybench's bench.now() goes through toMs too: keep a user's calls out of the samples.
    (built as unknown as { now: () => number }).now = () => Number(process.hrtime.bigint()) / 1e6;
    try {
      await (exported as (bench: Bench) => unknown)(built);
    } catch (error) {
      return { tasks: [], warnings, error: `the suite function threw: ${describeError(error)}` };
    }
    bench = built as unknown as BenchLike;
    if (bench.tasks.some((task) => task.result.state !== 'not-started')) {
      warnings.push('the suite function ran the bench itself; perfgate runs it, so remove the run() call');
    }
  } else if (isBenchLike(exported)) {
    form = 'instance';
    bench = exported;
  } else {
    const got = exported === undefined ? 'no default export' : `a default export of type ${typeof exported}`;
    return { tasks: [], warnings, error: `the suite must export default a function (bench) => { ... } or a tinybench Bench; got ${got}` };
  }

  if (bench.tasks.length === 0) return { tasks: [], warnings, error: 'the suite added no tasks' };
  const skip = new Set(options.skipTasks ?? []);
  const only = options.onlyTasks ? new Set(options.onlyTasks) : null;
  const tasks = bench.tasks.filter((task) => !skip.has(task.name) && (only === null || only.has(task.name)));
  const names = tasks.map((task) => task.name);
  options.onStatus?.({ tasks: names });

  const outcomes: TaskOutcome[] = [];
  // Heap probes wait until every task is timed: their forced collections and extra iterations
  // would otherwise change the heap and JIT state the next task is timed in, and only in the
  // rounds where a probe fits, which adds round-to-round noise to every later task.
  const probes: Array<{ outcome: TaskOutcome; probe: () => Promise<void> }> = [];
  let lostOrder = false;
  let onlyMedians = false;
  for (const task of tasks) {
    options.onStatus?.({ tasks: names, current: task.name });
    task.reset(false);
    try {
      if (form === 'function') {
        const { outcome, probe } = await measureRecorded(bench, task, recorder, options, warnings, bodies.get(task.name));
        outcomes.push(outcome);
        if (probe) probes.push({ outcome, probe });
      } else {
        const { outcome, medianOnly } = await measureForeign(bench, task, options);
        outcomes.push(outcome);
        lostOrder = true;
        onlyMedians ||= medianOnly;
      }
    } catch (error) {
      outcomes.push({ name: task.name, samples: [], error: describeError(error) });
    } finally {
      recorder.recordInto(null);
      task.reset(false); // drops tinybench's copy of the samples before the next task runs
    }
  }
  for (const { outcome, probe } of probes) {
    options.onStatus?.({ tasks: names, current: outcome.name });
    await probe();
  }
  if (onlyMedians) {
    warnings.push(`the suite exports a Bench built without retainSamples: true, so each round reports only its median; ${FUNCTION_FORM}`);
  } else if (lostOrder) {
    warnings.push(`the suite exports a Bench instance, whose samples tinybench keeps only sorted: their time order is lost; ${FUNCTION_FORM}`);
  }
  return { tasks: outcomes, warnings, heapUsedBytes: process.memoryUsage().heapUsed };
}

/** Function form: perfgate's own Bench, every measured iteration recorded as it happens. */
async function measureRecorded(
  bench: BenchLike,
  task: DrivableTask,
  recorder: SampleRecorder,
  options: MeasureOptions,
  warnings: string[],
  body: TaskBody | undefined,
): Promise<{ outcome: TaskOutcome; probe?: () => Promise<void> }> {
  Object.assign(bench, { time: options.timePerTaskMs, warmupTime: options.warmupMs, warmupIterations: 1, iterations: 1 } satisfies Knobs);
  const warm: number[] = [];
  recorder.recordInto(warm);
  await task.warmup();
  const failedWarmup = failure(task);
  if (failedWarmup) return { outcome: failedWarmup };

  bench.iterations = iterationsWithinBudget(options, meanOfLaterHalf(warm));
  const samples: number[] = [];
  recorder.recordInto(samples);
  await task.run();
  recorder.recordInto(null);
  const failedRun = failure(task);
  if (failedRun) return { outcome: failedRun };

  const kept = task.result.latency?.samples;
  task.reset(false); // tinybench's copy of the samples must not count as the task's memory
  const probeTimeMs = options.timePerTaskMs * (options.heapProbeScale ?? 1);
  const n = body && probeTimeMs > 0 ? probeIterations(probeTimeMs, samples.reduce((sum, d) => sum + d, 0) / samples.length) : null;
  let outcome: TaskOutcome = { name: task.name, samples };
  if (kept && !sameSamples(samples, kept)) {
    // A task that returns `overriddenDuration` replaces the measured time with its own.
    warnings.push(`${task.name}: tinybench's samples differ from the measured durations (overriddenDuration?); using tinybench's, whose time order is lost`);
    outcome = { name: task.name, samples: [...kept] };
  }
  if (!body || n === null) return { outcome };
  const probe = async () => {
    Object.assign(outcome, await probeHeap(body, n, collectionBudgetMs(probeTimeMs)));
  };
  return { outcome, probe };
}

/** The function and hooks a task was added with; tinybench keeps them private. */
interface TaskBody {
  fn: (...args: unknown[]) => unknown;
  options: { beforeAll?: Hook; beforeEach?: Hook; afterEach?: Hook; afterAll?: Hook };
}
type Hook = (this: unknown, mode: 'run') => unknown;

function captureTaskFunctions(bench: Bench, bodies: Map<string, TaskBody>): void {
  const add = bench.add.bind(bench);
  (bench as unknown as { add: (...args: unknown[]) => unknown }).add = (name: unknown, fn: unknown, fnOpts?: unknown) => {
    if (typeof name === 'string' && typeof fn === 'function') bodies.set(name, { fn: fn as TaskBody['fn'], options: (fnOpts ?? {}) as TaskBody['options'] });
    return add(name as string, fn as () => void, fnOpts as undefined);
  };
}

/** Extra, unrecorded iterations after the measured ones, to see whether the task keeps memory. */
async function probeHeap(body: TaskBody, iterations: number, budgetMs: number): Promise<{ heapGrowthBytes?: number }> {
  const { beforeAll, beforeEach, afterEach, afterAll } = body.options;
  try {
    await beforeAll?.call(body, 'run');
    const growth = await heapGrowthPerIteration(async (n) => {
      for (let i = 0; i < n; i++) {
        await beforeEach?.call(body, 'run');
        const result = body.fn();
        if (result instanceof Promise) await result;
        await afterEach?.call(body, 'run');
      }
    }, iterations, budgetMs);
    await afterAll?.call(body, 'run');
    return growth === null ? {} : { heapGrowthBytes: growth };
  } catch {
    // The measured iterations passed; a probe that fails says nothing about memory.
    return {};
  }
}

/** Instance form: a Bench the user built, its samples read back from tinybench (sorted). */
async function measureForeign(bench: BenchLike, task: DrivableTask, options: MeasureOptions): Promise<{ outcome: TaskOutcome; medianOnly: boolean }> {
  Object.assign(bench, { time: options.timePerTaskMs, warmupTime: options.warmupMs, warmupIterations: 1, iterations: 1 } satisfies Knobs);
  await task.warmup();
  // No recorder here: time one more warm-up iteration to learn what an iteration costs.
  Object.assign(bench, { warmupTime: 0, warmupIterations: 1 });
  const start = performance.now();
  await task.warmup();
  const estimate = performance.now() - start;
  const failedWarmup = failure(task);
  if (failedWarmup) return { outcome: failedWarmup, medianOnly: false };

  bench.iterations = iterationsWithinBudget(options, estimate);
  await task.run();
  const failedRun = failure(task);
  if (failedRun) return { outcome: failedRun, medianOnly: false };
  const latency = task.result.latency;
  if (latency?.samples) return { outcome: { name: task.name, samples: [...latency.samples] }, medianOnly: false };
  if (latency?.p50 !== undefined) return { outcome: { name: task.name, samples: [latency.p50] }, medianOnly: true };
  return { outcome: { name: task.name, samples: [], error: 'tinybench reported no samples' }, medianOnly: false };
}

/**
 * tinybench runs until BOTH the time and the iteration count are reached, so a slow task with a
 * high iteration count would overrun the budget: aim for minIterations only where it fits.
 */
export function iterationsWithinBudget(options: Pick<MeasureOptions, 'minIterations' | 'timePerTaskMs'>, estimateMs: number): number {
  const fit = estimateMs > 0 ? Math.floor(options.timePerTaskMs / estimateMs) : options.minIterations;
  return Math.max(1, Math.min(options.minIterations, fit));
}

/** The first warm-up iterations run cold (interpreter, JIT); the later ones predict the run. */
function meanOfLaterHalf(durations: number[]): number {
  const later = durations.slice(Math.floor(durations.length / 2));
  return later.length === 0 ? 0 : later.reduce((sum, d) => sum + d, 0) / later.length;
}

function failure(task: DrivableTask): TaskOutcome | undefined {
  return task.result.state === 'errored' ? { name: task.name, samples: [], error: describeError(task.result.error) } : undefined;
}

function sameSamples(recorded: number[], sortedByTinybench: number[]): boolean {
  if (recorded.length !== sortedByTinybench.length) return false;
  const sorted = Float64Array.from(recorded).sort();
  return sorted.every((value, i) => value === sortedByTinybench[i]);
}

/** Duck-typed: the suite's tinybench may be another copy than the one bundled with perfgate. */
function isBenchLike(value: unknown): value is BenchLike {
  const bench = value as Partial<BenchLike> & { add?: unknown } | null;
  return typeof bench === 'object' && bench !== null && typeof bench.add === 'function' && Array.isArray(bench.tasks);
}
