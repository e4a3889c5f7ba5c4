import * as core from '@actions/core';
import { writeResults } from '../cli/output-files.js';
import type { Settings } from '../config/settings.js';
import type { Policy, Report, Results } from '../core/model.js';
import { mergeConfirmations, mergeShardResults, runnerSpreadWarning, shardCoverageProblem } from '../core/shard-merge.js';
import type { GitHubClient } from '../github/octokit-client.js';
import { readShardArtifacts, ShardMergeError, type ShardUpload } from '../github/shard-artifacts.js';
import type { Deadline } from './deadline.js';
import { finishRun } from './finish-run.js';
import type { RunContext } from './github-context.js';
import type { ActionInputs } from './inputs.js';
import { sameRunnerReport } from './recomputed-report.js';

export interface MergeModeOptions {
  client: GitHubClient;
  ctx: RunContext;
  inputs: ActionInputs;
  settings: Settings;
  policy: Policy;
  deadline: Deadline;
  outDir: string;
}

export interface CombinedShards {
  head: Results;
  /** The base rounds, when every shard with suites compared on its own runner. */
  base: Results | null;
  /** The same-runner verdict over all benchmarks at once; absent when the baseline decides. */
  sameRunner?: Report;
  warnings: string[];
}

function combine<T>(what: () => T): T {
  try {
    return what();
  } catch (error) {
    throw new ShardMergeError((error as Error).message);
  }
}

/**
 * The shards' measurements as one run: checks that they measured every configured suite once,
 * unites their results and, when all of them compared on their own runner, decides the paired
 * verdict over all benchmarks at once, so that Holm and Benjamini–Hochberg see the whole suite as
 * in a single job. Throws ShardMergeError when the shards do not fit together.
 */
export function combineShards(shards: readonly ShardUpload[], settings: Settings, policy: Policy): CombinedShards {
  const configured = settings.suites.map((s) => s.name);
  const problem = shardCoverageProblem(configured, shards.map((s) => s.record));
  if (problem) throw new ShardMergeError(problem);
  const head = combine(() => mergeShardResults(shards.map((s) => ({ index: s.record.index, results: s.head })), configured));
  const warnings = [...new Set(shards.flatMap((s) => s.record.warnings ?? []))];

  // A shard without suites measured nothing, so how it would have compared does not matter.
  const measuring = shards.filter((s) => s.record.suites.length > 0);
  const paired = measuring.filter((s) => s.record.method === 'same-runner' && s.base !== null);
  if (measuring.length === 0 || paired.length < measuring.length) {
    if (paired.length > 0) {
      const others = measuring.filter((s) => !paired.includes(s)).map((s) => s.record.index);
      const which = others.length === 1 ? `shard ${others[0]} could not compare on its own runner` : `shards ${others.join(', ')} could not compare on their own runners`;
      warnings.push(`${which}, so every shard is compared with the baseline instead of its base re-run`);
    }
    const spread = runnerSpreadWarning(shards.map((s) => ({ index: s.record.index, results: s.head })));
    if (spread) warnings.push(spread);
    return { head, base: null, warnings };
  }

  const base = combine(() => mergeShardResults(paired.map((s) => ({ index: s.record.index, results: s.base! })), configured));
  const commits = new Set(paired.map((s) => s.record.baseline?.commit ?? ''));
  if (commits.size > 1) throw new ShardMergeError(`the shards re-ran different base commits (${[...commits].map((c) => c.slice(0, 12) || 'unknown').join(', ')}): they must be one run of one pull request`);
  const baseline = paired[0]!.record.baseline;
  const confirmation = mergeConfirmations(
    paired.map((s) => ({ index: s.record.index, confirmation: s.record.confirmation })),
    head.benchmarks.map((b) => b.id),
  );
  const report = sameRunnerReport({
    head,
    base,
    baseSha: baseline?.commit ?? base.meta.commit ?? '',
    suites: settings.suites,
    policy,
    warnings,
    ...(confirmation ? { confirmation } : {}),
  });
  // The base as the shards named it, word for word what a single job would have said.
  return { head, base, sameRunner: baseline ? { ...report, baseline } : report, warnings };
}

/**
 * A job with "mode: merge": reads the shard artifacts of this workflow run, unites them, and ends
 * like a job that measured everything itself (one report, one comment, one verdict). A missing or
 * unfitting shard fails the check with a message that names it, and nothing is posted.
 */
export async function runMergeMode(options: MergeModeOptions): Promise<Report | null> {
  const { client, ctx, inputs, settings, policy, deadline, outDir } = options;
  let combined: CombinedShards;
  try {
    const shards = await deadline
      .run('reading the shard artifacts', () =>
        readShardArtifacts(client, { owner: ctx.owner, repo: ctx.repo, runId: ctx.runId, runAttempt: ctx.runAttempt, prefix: inputs.resultsArtifact }),
      )
      .catch((error: Error) => {
        throw error instanceof ShardMergeError ? error : new ShardMergeError(error.message);
      });
    combined = combineShards(shards, settings, policy);
    const count = shards[0]!.record.count;
    core.info(`merged ${count} shard${count === 1 ? '' : 's'}: ${combined.head.benchmarks.length} benchmarks of ${settings.suites.length} suites${combined.sameRunner ? ', each compared with its base re-run on the same runner' : ''}`);
  } catch (error) {
    if (!(error instanceof ShardMergeError)) throw error;
    core.setFailed(error.message);
    return null;
  }
  for (const warning of combined.warnings) core.warning(warning);
  // Results reach the disk before any further network call, as in a job that measured.
  const resultsFile = await writeResults(outDir, combined.head);
  if (combined.base) await writeResults(outDir, combined.base, 'base-results.json');
  return finishRun({
    client, inputs, ctx, settings, policy, deadline, outDir,
    head: combined.head,
    resultsFile,
    // The same-runner report carries the shards' warnings already.
    ...(combined.sameRunner ? { sameRunner: combined.sameRunner, warnings: [] } : { warnings: combined.warnings }),
  });
}
