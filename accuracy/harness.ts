/**
 * The runs themselves: per planned level, a scratch repository, one end-to-end `perfgate run
 * --base HEAD~1`, and the observations of every method, saved after each run.
 */
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readSettings } from '../src/config/load-settings.js';
import { createPolicy } from '../src/config/resolve-policy.js';
import { historyPoint } from '../src/core/history.js';
import type { HistoryPoint, Policy, Results } from '../src/core/model.js';
import { formatSeconds } from './format.js';
import { describeMachine } from './machine.js';
import { artifactReport, GAB_RULES, gabObservations, reportObservations, withRoundCv } from './observations.js';
import { readOutputs, runPerfgate, type CliOutputs, type CliRun } from './perfgate-cli.js';
import { formatLevel, planLevels } from './plan.js';
import { saveRuns, type AccuracyRun } from './saved-runs.js';
import { createScratchRepo } from './scratch-repo.js';
import { isFail, type Observation, type RunRecord } from './tally.js';

export interface HarnessOptions {
  cli: string;
  noChangeRuns: number;
  runsPerLevel: number;
  seed: number;
  /** Where runs.json is saved after every run. */
  saveFile: string;
  /** Keep each run's perfgate output folder under here. */
  keep?: string;
  progress: (line: string) => void;
  signal?: AbortSignal;
}

/** A base measured by an earlier run: what a main-branch artifact and its history would hold. */
interface EarlierBase {
  index: number;
  results: Results;
  point: HistoryPoint;
}

/** Artifact mode learns noise bands from main's recent runs: this many, like a short history file. */
const HISTORY_RUNS = 10;

export async function runHarness(options: HarnessOptions): Promise<AccuracyRun> {
  const levels = planLevels(options);
  const run: AccuracyRun = {
    schema: 'perfgate/accuracy-runs',
    machine: describeMachine(),
    seed: options.seed,
    noChangeRuns: options.noChangeRuns,
    runsPerLevel: options.runsPerLevel,
    startedAt: new Date().toISOString(),
    finishedAt: new Date().toISOString(),
    records: [],
  };
  /** Base results of earlier runs, newest first, with the run they came from. */
  const earlierBases: EarlierBase[] = [];
  let policy: Policy | undefined;

  for (const [index, level] of levels.entries()) {
    if (options.signal?.aborted) break;
    const repo = createScratchRepo(1 + level);
    const outDir = options.keep ? path.join(options.keep, `run-${String(index).padStart(3, '0')}`) : await mkdtemp(path.join(os.tmpdir(), 'perfgate-accuracy-out-'));
    try {
      await mkdir(outDir, { recursive: true });
      const cli = await runPerfgate(options.cli, ['run', '--base', 'HEAD~1', '-o', outDir], repo, path.join(outDir, 'perfgate.log'), options.signal);
      const outputs = await readOutputs(outDir);
      policy ??= createPolicy(await readSettings({ cwd: repo }));
      const record = buildRecord(index, level, cli, outputs, earlierBases, policy);
      run.records.push(record);
      run.finishedAt = new Date().toISOString();
      await saveRuns(options.saveFile, run);
      if (outputs.base) {
        earlierBases.unshift({ index, results: outputs.base, point: historyPoint(outputs.base) });
        earlierBases.length = Math.min(earlierBases.length, HISTORY_RUNS);
      }
      options.progress(progressLine(record, levels.length, run));
      if (options.keep) await cp(path.join(repo, 'bench'), path.join(outDir, 'bench'), { recursive: true });
    } finally {
      await rm(repo, { recursive: true, force: true });
      if (!options.keep) await rm(outDir, { recursive: true, force: true });
    }
  }
  return run;
}

function buildRecord(
  index: number,
  level: number,
  cli: CliRun,
  outputs: CliOutputs,
  earlierBases: readonly EarlierBase[],
  policy: Policy,
): RunRecord {
  const record: RunRecord = { index, level, seconds: cli.seconds, exitCode: cli.exitCode, observations: {} };
  const { head, report } = outputs;
  const sameRunner = report ? reportObservations(report, level) : [];
  if (report) record.observations['same-runner'] = sameRunner;

  const stored = earlierBases[0];
  if (head && stored) {
    const artifact = artifactReport({
      head,
      base: stored.results,
      source: `run ${stored.index}`,
      history: earlierBases.map((b) => b.point),
      policy,
    });
    record.observations.artifact = withRoundCv(reportObservations(artifact, level), sameRunner);
    for (const rule of GAB_RULES) {
      record.observations[rule.method] = withRoundCv(gabObservations(head, stored.results, level, rule.limit), sameRunner);
    }
  }

  const why = runError(cli, outputs, sameRunner);
  if (why !== undefined) record.error = why;
  return record;
}

/** Exit 2/3, a crash or a kill, missing output, or a benchmark that could not run: not counted. */
function runError(cli: CliRun, outputs: CliOutputs, sameRunner: readonly Observation[]): string | undefined {
  if (cli.signal) return `perfgate was killed (${cli.signal}): ${cli.stderrTail}`;
  if (cli.exitCode !== 0 && cli.exitCode !== 1) return `perfgate exited with ${cli.exitCode ?? 'no status'}: ${cli.stderrTail}`;
  if (outputs.problems.length > 0) return `unreadable output (${outputs.problems.join('; ')}): ${cli.stderrTail}`;
  // perfgate falls back to a baseline file when the base cannot be checked out: not what is measured here.
  const method = outputs.report?.baseline.method;
  if (method !== 'same-runner') return `compared with a ${method ?? 'missing'} baseline instead of same-runner: ${outputs.report?.warnings.join('; ') ?? ''}`;
  const errored = sameRunner.filter((o) => o.verdict === 'error').map((o) => o.id);
  if (errored.length > 0) return `benchmarks could not run: ${errored.join(', ')}`;
  return undefined;
}

function progressLine(record: RunRecord, total: number, run: AccuracyRun): string {
  const fails = (method: keyof RunRecord['observations']) => {
    const observations = record.observations[method];
    return observations ? `${observations.filter((o) => isFail(o.verdict)).length}/${observations.length}` : '—';
  };
  const done = run.records.length;
  const mean = run.records.reduce((a, r) => a + r.seconds, 0) / done;
  const parts = [
    `[${done}/${total}]`,
    `run ${record.index}`,
    formatLevel(record.level).padStart(5),
    formatSeconds(record.seconds),
    `exit ${record.exitCode ?? '-'}`,
    `fails: same-runner ${fails('same-runner')}, artifact ${fails('artifact')}, gab 110% ${fails('gab-1.10')}`,
  ];
  if (record.error) parts.push(`ERRORED: ${record.error.split('\n')[0]}`);
  if (done < total) parts.push(`about ${formatSeconds(mean * (total - done))} left`);
  return parts.join('  ');
}
