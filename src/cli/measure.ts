import type { Results } from '../core/model.js';
import { RESULTS_SCHEMA_ID, RESULTS_VERSION } from '../core/model.js';
import type { Settings, SuiteSettings } from '../config/settings.js';
import { readFingerprint } from '../runners/fingerprint.js';
import { runSuites, type SuitesRun } from '../runners/run-suites.js';
import { TOOL } from '../version.js';
import { UsageError } from './exit-codes.js';
import { readGitInfo } from './git-info.js';
import type { CliIo } from './io.js';

/** The configured suites, or only the ones named (an unknown name is a usage error). */
export function selectSuites(settings: Settings, only: readonly string[]): SuiteSettings[] {
  const unknown = only.filter((name) => !settings.suites.some((s) => s.name === name));
  if (unknown.length > 0) {
    throw new UsageError(`--suite ${unknown[0]}: no such suite; expected one of ${settings.suites.map((s) => s.name).join(', ')}`);
  }
  return only.length > 0 ? settings.suites.filter((s) => only.includes(s.name)) : settings.suites;
}

/** Wraps what a run measured as Results with the metadata of this machine. */
export function toResults(run: SuitesRun, meta: { commit?: string; branch?: string; time: string }): Results {
  return {
    schema: RESULTS_SCHEMA_ID,
    version: RESULTS_VERSION,
    meta: { ...meta, tool: TOOL, runner: readFingerprint(), ...(run.durations && Object.keys(run.durations).length > 0 ? { durations: run.durations } : {}) },
    benchmarks: run.benchmarks,
    warnings: run.warnings,
  };
}

/** Runs the configured suites (optionally only some) and wraps what they measured as Results. */
export async function measure(settings: Settings, io: CliIo, only: string[] = []): Promise<Results> {
  const suites = selectSuites(settings, only);
  const time = new Date().toISOString();
  const git = await readGitInfo(settings.rootDir);
  const run = await runSuites(suites, { root: settings.rootDir, onProgress: (line) => io.stderr(line) });
  return toResults(run, { ...git, time });
}
