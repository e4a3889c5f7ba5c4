import path from 'node:path';
import type { TinybenchSuiteSettings } from '../config/settings.js';
import { describeError } from './error-text.js';
import { heapProbeScale } from './heap-probe.js';
import { nodeFlagsForSuite } from './node-flags.js';
import type { ScheduledSuite } from './round-scheduler.js';
import type { RoundJob } from './round-protocol.js';
import { runRoundProcess, type RoundProcessResult } from './round-process.js';
import { locateRoundScript, type RoundScript } from './round-script.js';
import type { RoundBenchmark, RoundContext, RoundMetric, SuiteRound } from './suite-round.js';

/**
 * A tinybench suite as the scheduler sees it: each round is one fresh Node process that measures
 * every task (details in measure-suite.ts). A suite that crashes, exits early, fails to load or
 * outlives `timeoutMs` fails the round; its benchmarks are then reported as errors.
 */
export function tinybenchSuite(suite: TinybenchSuiteSettings, key: string, script: RoundScript | { error: string }): ScheduledSuite {
  const flags = nodeFlagsForSuite(suite.file);
  const error = 'error' in script ? script.error : 'error' in flags ? flags.error : undefined;
  return {
    name: suite.name,
    rounds: suite.rounds,
    ...(error !== undefined ? { error } : {}),
    runRound: (context) => runTinybenchRound(suite, key, script as RoundScript, 'flags' in flags ? flags.flags : [], context),
  };
}

/** The round script, or why there is none (then every tinybench suite reports it). */
export function findRoundScript(given?: RoundScript): RoundScript | { error: string } {
  if (given) return given;
  try {
    return locateRoundScript();
  } catch (error) {
    return { error: describeError(error) };
  }
}

async function runTinybenchRound(suite: TinybenchSuiteSettings, key: string, script: RoundScript, flags: string[], context: RoundContext): Promise<SuiteRound> {
  const file = (what: string) => path.join(context.workDir, `${key}-round${context.round}.${what}.json`);
  const job: RoundJob = {
    suiteFile: suite.file,
    timePerTaskMs: suite.timeMs / suite.rounds,
    warmupMs: suite.warmupMs,
    minIterations: Math.ceil(suite.minSamples / suite.rounds),
    resultPath: file('result'),
    statusPath: file('status'),
    skipTasks: [...context.skipTasks],
    ...(context.onlyTasks ? { onlyTasks: [...context.onlyTasks] } : {}),
    heapProbeScale: heapProbeScale(context.round, context.rounds),
  };
  const result: RoundProcessResult = await runRoundProcess({
    script,
    flags,
    job,
    jobPath: file('job'),
    timeoutMs: suite.timeoutMs,
    signal: context.signal,
    ...(context.wrapper ? { wrapper: context.wrapper } : {}),
  });
  if (!result.ok) {
    return { benchmarks: (result.status?.tasks ?? []).map((name) => ({ name, metrics: [] })), warnings: [], error: `round ${context.round} ${result.reason}` };
  }
  const { outcome } = result;
  if (outcome.error !== undefined) return { benchmarks: [], warnings: outcome.warnings, error: outcome.error };
  return {
    warnings: outcome.warnings,
    benchmarks: outcome.tasks.map((task): RoundBenchmark => {
      const [first, ...rest] = task.samples;
      if (task.error !== undefined) return { name: task.name, metrics: [], error: task.error };
      if (first === undefined) return { name: task.name, metrics: [], error: 'no samples' };
      const metrics: RoundMetric[] = [{ name: 'latency', unit: 'ms', direction: 'smaller', samples: [first, ...rest] }];
      if (task.heapGrowthBytes !== undefined) metrics.push({ name: 'heap-growth', unit: 'B', direction: 'smaller', samples: [task.heapGrowthBytes] });
      return { name: task.name, metrics };
    }),
  };
}
