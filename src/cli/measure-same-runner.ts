import { spawnSync } from 'node:child_process';
import { evaluate } from '../core/evaluate.js';
import { suspectedRegressions } from '../core/suspects.js';
import type { Policy, Report, Results } from '../core/model.js';
import type { Settings } from '../config/settings.js';
import { interleavedSuites, runAb } from '../runners/ab-run.js';
import { createBaseWorktree } from '../runners/base-worktree.js';
import { readGitInfo } from './git-info.js';
import type { CliIo } from './io.js';
import { selectSuites, toResults } from './measure.js';

export interface SameRunnerOptions {
  /** The base commit-ish (the merge base of a pull request, HEAD~1 ...). */
  ref: string;
  only?: string[];
  policy: Policy;
  /** Where the setup command's output goes; the action folds it into a log group. */
  foldSetup?: (body: () => Promise<void>) => Promise<void>;
  /** Warnings to carry into the report (baseline lookup, ...). */
  warnings?: string[];
  /** Head's commit when the checkout is not it (a pull request's test merge). */
  headCommit?: string;
  /** Fetch the base commit from origin when the clone lacks it. */
  fetchIfMissing?: boolean;
}

export interface SameRunnerMeasurement {
  base: Results;
  head: Results;
  report: Report;
}

/**
 * Builds the base commit in its own worktree, runs base and head interleaved on this machine,
 * confirms suspected failures with extra rounds, and returns the paired verdict. Throws
 * BaseSetupError (quoting the failing step) when the base cannot be prepared.
 */
export async function measureSameRunner(settings: Settings, io: CliIo, options: SameRunnerOptions): Promise<SameRunnerMeasurement> {
  const suites = selectSuites(settings, options.only ?? []);
  const time = new Date().toISOString();
  const git = await readGitInfo(settings.rootDir);
  const fold = options.foldSetup ?? (async (body) => body());
  let worktree!: Awaited<ReturnType<typeof createBaseWorktree>>;
  await fold(async () => {
    worktree = await createBaseWorktree({
      cwd: settings.rootDir,
      ref: options.ref,
      ...(options.fetchIfMissing ? { fetchIfMissing: true } : {}),
      ...(settings.compare.setup ? { setup: settings.compare.setup } : {}),
      setupTimeoutMs: settings.compare.setupTimeoutMs,
      log: (line) => io.stderr(line),
    });
  });
  const warnings = [...(options.warnings ?? [])];
  const wrapper = pinningWrapper(settings.compare.pinCpu, warnings);
  const short = worktree.commit.slice(0, 12);
  io.stderr(`same-runner: base ${short} (${options.ref}) in ${worktree.dir}, interleaved with the head`);
  try {
    const run = await runAb({
      suites,
      headRoot: worktree.headRoot,
      baseRoot: worktree.dir,
      confirmRounds: settings.compare.confirmRounds,
      confirmTimeMs: settings.compare.confirmTimeMs,
      ...(wrapper ? { wrapper } : {}),
      onProgress: (line) => io.stderr(line),
      toResults: (measured, side) =>
        toResults(measured, side === 'base' ? { commit: worktree.commit, time } : { ...git, ...(options.headCommit ? { commit: options.headCommit } : {}), time }),
      suspects: (report) => suspectedRegressions(report, options.policy),
      judge: (base, head) =>
        evaluate({
          head,
          base,
          baseline: { method: 'same-runner', source: `commit ${short} (${options.ref})`, commit: worktree.commit },
          policy: options.policy,
          paired: interleavedSuites(suites),
          warnings,
        }),
    });
    return { base: run.base, head: run.head, report: run.report };
  } finally {
    await worktree.remove();
  }
}

/** taskset pins both sides to one CPU; where it is missing the run goes on unpinned, with a warning. */
function pinningWrapper(cpu: number | null, warnings: string[]): string[] | undefined {
  if (cpu === null) return undefined;
  const probe = spawnSync('taskset', ['-c', String(cpu), 'true'], { stdio: 'ignore' });
  if (probe.status === 0) return ['taskset', '-c', String(cpu)];
  warnings.push(`same-runner.pin-cpu: ${cpu}: taskset could not pin to CPU ${cpu} here, so the rounds ran unpinned`);
  return undefined;
}
