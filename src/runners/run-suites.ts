import type { SuiteSettings } from '../config/settings.js';
import { commandSuite } from './command/command-round.js';
import { runHttpRound } from './http/http-round.js';
import { runImportSuite } from './import/import-suite.js';
import { runScheduled, type ScheduledSuite, type ScheduleOptions, type SuitesRun } from './round-scheduler.js';
import type { RoundScript } from './round-script.js';
import { mulberry32, shuffled } from './shuffle.js';
import { findRoundScript, tinybenchSuite } from './tinybench-round.js';

export type { SuitesRun } from './round-scheduler.js';

/**
 * Runs configured suites of every type, once for a plain run or side by side for a same-runner
 * comparison. Tinybench, command and HTTP suites run in interleaved rounds (round-scheduler.ts);
 * import suites run their tool once per side, base and head back to back.
 */
export interface SuitesRunOptions extends ScheduleOptions {
  /** Defaults to locateRoundScript(); tests pass a bundled one. */
  roundScript?: RoundScript;
}

/** One side of a run: its label ('base', 'head', or '') and its suites, whose paths are in its tree. */
export interface RunSide {
  label: string;
  /** The side's tree: imported file names in messages are relative to it (default: the working directory). */
  root?: string;
  suites: SuiteSettings[];
}

export async function runSuites(suites: SuiteSettings[], options: SuitesRunOptions & { root?: string } = {}): Promise<SuitesRun> {
  const { root, ...rest } = options;
  const [run] = await runSuiteSides([{ label: '', suites, ...(root !== undefined ? { root } : {}) }], rest);
  return run!;
}

export async function runSuiteSides(sides: RunSide[], options: SuitesRunOptions = {}): Promise<SuitesRun[]> {
  const script = sides.some((side) => side.suites.some((s) => s.type === 'tinybench')) ? findRoundScript(options.roundScript) : { error: 'unused' };
  const scheduled = await runScheduled(
    sides.map((side, s) => ({ label: side.label, suites: side.suites.flatMap((suite, i) => (suite.type === 'import' ? [] : [scheduledSuite(suite, `side${s}-suite${i}`, script)])) })),
    options,
  );
  const imported = sides.map((): SuitesRun[] => []);
  const random = mulberry32((options.seed ?? Math.floor(Math.random() * 2 ** 32)) ^ 0x5bd1e995);
  const names = [...new Set(sides.flatMap((side) => side.suites.filter((s) => s.type === 'import').map((s) => s.name)))];
  for (const name of names) {
    for (const s of shuffled(sides.map((_, i) => i), random)) {
      const side = sides[s]!;
      const suite = side.suites.find((x) => x.name === name);
      if (suite?.type !== 'import') continue;
      const started = performance.now();
      const run = await runImportSuite(suite, {
        root: side.root ?? process.cwd(),
        ...(options.wrapper ? { wrapper: options.wrapper } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress ? { onProgress: (line: string) => options.onProgress!(side.label ? `${side.label} ${line}` : line) } : {}),
      });
      imported[s]!.push({ ...run, durations: { [name]: Math.round(performance.now() - started) } });
    }
  }
  // Benchmarks in the order of the configuration, whichever way their suite ran.
  return sides.map((side, s) => {
    const all = [scheduled[s]!, ...imported[s]!];
    const order = new Map(side.suites.map((suite, i) => [suite.name, i]));
    return {
      benchmarks: all.flatMap((run) => run.benchmarks).sort((a, b) => (order.get(a.suite) ?? 0) - (order.get(b.suite) ?? 0)),
      warnings: all.flatMap((run) => run.warnings),
      durations: Object.assign({}, ...all.map((run) => run.durations ?? {})) as Record<string, number>,
    };
  });
}

function scheduledSuite(suite: Exclude<SuiteSettings, { type: 'import' }>, key: string, script: ReturnType<typeof findRoundScript>): ScheduledSuite {
  switch (suite.type) {
    case 'tinybench':
      return tinybenchSuite(suite, key, script);
    case 'command':
      return commandSuite(suite);
    case 'http':
      return { name: suite.name, rounds: suite.rounds, runRound: (context) => runHttpRound(suite, context) };
  }
}
