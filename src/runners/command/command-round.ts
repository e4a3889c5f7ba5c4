import type { CommandSuiteSettings } from '../../config/settings.js';
import type { ScheduledSuite } from '../round-scheduler.js';
import type { RoundBenchmark, RoundContext, RoundMetric, SuiteRound } from '../suite-round.js';
import { timedRun } from './timed-run.js';

/**
 * A command suite as the scheduler sees it: each round runs every command once (after its
 * prepare command), so a round of base and a round of head alternate run by run. The first round
 * of each side also runs the warm-up runs, untimed, to fill the file cache and compile caches.
 */
export function commandSuite(suite: CommandSuiteSettings): ScheduledSuite {
  return { name: suite.name, rounds: suite.rounds, runRound: (context) => runCommandRound(suite, context) };
}

async function runCommandRound(suite: CommandSuiteSettings, context: RoundContext): Promise<SuiteRound> {
  const benchmarks: RoundBenchmark[] = [];
  for (const [name, command] of Object.entries(suite.commands)) {
    if (context.skipTasks.includes(name) || (context.onlyTasks && !context.onlyTasks.includes(name))) continue;
    benchmarks.push(await measureCommand(suite, name, command, context));
  }
  return { benchmarks, warnings: [] };
}

async function measureCommand(suite: CommandSuiteSettings, name: string, command: string, context: RoundContext): Promise<RoundBenchmark> {
  const common = {
    cwd: suite.cwd,
    env: suite.env,
    timeoutMs: suite.timeoutMs,
    ...(context.wrapper ? { wrapper: context.wrapper } : {}),
    ...(context.signal ? { signal: context.signal } : {}),
  };
  const warmups = context.round === 1 ? suite.warmupRuns : 0;
  for (let i = 0; i < warmups; i++) {
    const prepared = await prepare(suite, common);
    if (prepared) return { name, metrics: [], error: prepared };
    const warm = await timedRun({ ...common, command });
    if (!warm.ok) return { name, metrics: [], error: `warm-up run ${warm.reason}` };
  }
  const prepared = await prepare(suite, common);
  if (prepared) return { name, metrics: [], error: prepared };
  const run = await timedRun({ ...common, command, measureMemory: true });
  if (!run.ok) return { name, metrics: [], error: `the command ${run.reason}` };
  const metrics: RoundMetric[] = [{ name: 'latency', unit: 'ms', direction: 'smaller', samples: [run.wallMs] }];
  if (run.userMs !== null) metrics.push({ name: 'cpu-user', unit: 'ms', direction: 'smaller', samples: [run.userMs] });
  if (run.systemMs !== null) metrics.push({ name: 'cpu-system', unit: 'ms', direction: 'smaller', samples: [run.systemMs] });
  if (run.peakRssBytes !== null) metrics.push({ name: 'rss', unit: 'B', direction: 'smaller', samples: [run.peakRssBytes] });
  return { name, metrics };
}

async function prepare(suite: CommandSuiteSettings, common: Omit<Parameters<typeof timedRun>[0], 'command'>): Promise<string | undefined> {
  if (suite.prepare === undefined) return undefined;
  const run = await timedRun({ ...common, command: suite.prepare });
  return run.ok ? undefined : `the prepare command ${run.reason}`;
}
