import { existsSync } from 'node:fs';
import path from 'node:path';
import type { SuiteSettings } from '../config/settings.js';
import type { BenchmarkResult, Confirmation, Report, Results } from '../core/model.js';
import { runSuiteSides, type SuitesRun, type SuitesRunOptions } from './run-suites.js';

/**
 * Same-runner A/B: base and head suites interleaved round by round on this machine, then, for the
 * benchmarks that look like failures, extra paired rounds before the verdict is final. The verdict
 * itself comes from the caller (`judge`), so this module only schedules and measures.
 */
export interface AbRunOptions extends Pick<SuitesRunOptions, 'onProgress' | 'roundScript' | 'seed' | 'signal' | 'wrapper'> {
  /** Head's suites, paths in head's tree. */
  suites: SuiteSettings[];
  /** Head's repository root and the base worktree's: suite files map from one to the other. */
  headRoot: string;
  baseRoot: string;
  confirmRounds: number;
  confirmTimeMs: number;
  /** Wraps measured benchmarks as Results, per side. */
  toResults: (run: SuitesRun, side: 'base' | 'head') => Results;
  /** The paired verdict on the results so far. */
  judge: (base: Results, head: Results) => Report;
  /** The benchmarks of a report that deserve confirmation rounds (see core/suspects.ts). */
  suspects: (report: Report) => string[];
  /** Monotonic milliseconds, for the confirmation budget. */
  now?: () => number;
}

export interface AbRun {
  base: Results;
  head: Results;
  report: Report;
  confirmation?: Confirmation;
}

const FAILING: ReadonlySet<string> = new Set(['fail', 'critical']);

/** Head's suites with their paths moved into the base tree; a suite whose file or folder the base lacks is new. */
export function baseSuites(suites: readonly SuiteSettings[], headRoot: string, baseRoot: string): { suites: SuiteSettings[]; warnings: string[] } {
  const found: SuiteSettings[] = [];
  const warnings: string[] = [];
  const moved = (p: string) => path.join(baseRoot, path.relative(headRoot, p));
  for (const suite of suites) {
    const own = suite.type === 'tinybench' ? suite.file : suite.cwd;
    if (existsSync(moved(own))) found.push(suite.type === 'tinybench' ? { ...suite, file: moved(suite.file) } : { ...suite, cwd: moved(suite.cwd) });
    else warnings.push(`suite ${suite.name}: ${path.relative(headRoot, own) || '.'} does not exist at the base commit, so its benchmarks are new`);
  }
  return { suites: found, warnings };
}

/** The suites whose rounds base and head take in turns (all but imported tools, which run once a side). */
export function interleavedSuites(suites: readonly SuiteSettings[]): Set<string> {
  return new Set(suites.filter((s) => s.type !== 'import').map((s) => s.name));
}

/** One more round of a suite, like the first ones (tinybench keeps its per-round budget). */
function oneMoreRound(suite: SuiteSettings): SuiteSettings[] {
  switch (suite.type) {
    case 'tinybench':
      return [{ ...suite, rounds: 1, timeMs: suite.timeMs / suite.rounds, minSamples: Math.ceil(suite.minSamples / suite.rounds) }];
    case 'command':
      return [{ ...suite, rounds: 1, warmupRuns: 0 }];
    case 'http':
      return [{ ...suite, rounds: 1 }];
    case 'import':
      return [];
  }
}

export async function runAb(options: AbRunOptions): Promise<AbRun> {
  const base = baseSuites(options.suites, options.headRoot, options.baseRoot);
  const run = (sides: [SuiteSettings[], SuiteSettings[]], extra: Partial<SuitesRunOptions> = {}) =>
    runSuiteSides(
      [
        { label: 'base', root: options.baseRoot, suites: sides[0] },
        { label: 'head', root: options.headRoot, suites: sides[1] },
      ],
      { ...pick(options), ...extra },
    );
  const [baseRun, headRun] = (await run([base.suites, options.suites])) as [SuitesRun, SuitesRun];
  baseRun.warnings.push(...base.warnings);
  let baseResults = options.toResults(baseRun, 'base');
  let headResults = options.toResults(headRun, 'head');
  let report = options.judge(baseResults, headResults);

  const suspects = options.suspects(report);
  if (suspects.length === 0 || options.confirmRounds === 0) return { base: baseResults, head: headResults, report };

  const now = options.now ?? (() => performance.now());
  const started = now();
  const only = new Map<string, string[]>();
  for (const id of suspects) {
    const b = headResults.benchmarks.find((x) => x.id === id)!;
    only.set(b.suite, [...(only.get(b.suite) ?? []), b.name]);
  }
  // One round per call, so that the time budget is checked between rounds; each keeps the
  // per-round budget of the first rounds, so confirmation rounds are like the others.
  const oneRound = (suites: SuiteSettings[]) => suites.filter((s) => only.has(s.name)).flatMap(oneMoreRound);
  let rounds = 0;
  const problems: string[] = [];
  while (rounds < options.confirmRounds && now() - started < options.confirmTimeMs) {
    const [b, h] = (await run([oneRound(base.suites), oneRound(options.suites)], {
      onlyTasks: only,
      roundLabel: () => `confirmation round ${rounds + 1}/${options.confirmRounds}`,
      ...(options.seed !== undefined ? { seed: options.seed + rounds + 1 } : {}),
    })) as [
      SuitesRun,
      SuitesRun,
    ];
    const failed = [...b.benchmarks, ...h.benchmarks].find((x) => x.error !== undefined);
    if (failed) {
      problems.push(`${failed.id}: ${failed.error}`);
      break;
    }
    baseResults = appendRounds(baseResults, b.benchmarks);
    headResults = appendRounds(headResults, h.benchmarks);
    rounds++;
  }
  if (rounds > 0) report = options.judge(baseResults, headResults);
  const still = new Set(report.benchmarks.filter((b) => FAILING.has(b.verdict)).map((b) => b.id));
  const confirmation: Confirmation = {
    rounds,
    benchmarks: suspects,
    confirmed: suspects.filter((id) => still.has(id)),
    cleared: suspects.filter((id) => !still.has(id)),
    ...(rounds < options.confirmRounds ? { stopped: problems[0] ?? `the ${Math.round(options.confirmTimeMs / 1000)} s confirmation budget ran out` } : {}),
  };
  return { base: baseResults, head: headResults, report: { ...report, confirmation }, confirmation };
}

function pick(options: AbRunOptions): SuitesRunOptions {
  const { onProgress, roundScript, seed, signal, wrapper } = options;
  return {
    ...(onProgress ? { onProgress } : {}),
    ...(roundScript ? { roundScript } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(signal ? { signal } : {}),
    ...(wrapper ? { wrapper } : {}),
  };
}

/** Adds each benchmark's new rounds after its old ones: round i still pairs base i with head i. */
function appendRounds(results: Results, extra: readonly BenchmarkResult[]): Results {
  const byId = new Map(extra.map((b) => [b.id, b]));
  return {
    ...results,
    benchmarks: results.benchmarks.map((b) => {
      const more = byId.get(b.id);
      if (!more) return b;
      return {
        ...b,
        metrics: b.metrics.map((m) => {
          const added = more.metrics.find((x) => x.name === m.name)?.rounds ?? [];
          return m.rounds ? { ...m, rounds: [...m.rounds, ...added] } : m;
        }),
      };
    }),
  };
}
