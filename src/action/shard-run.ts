import * as core from '@actions/core';
import path from 'node:path';
import type { LoadedBaseline } from '../cli/baseline-file.js';
import { writeFileAtomic, writeReport } from '../cli/output-files.js';
import type { Settings } from '../config/settings.js';
import { evaluate } from '../core/evaluate.js';
import type { Report } from '../core/model.js';
import { renderMarkdown } from '../core/render/markdown.js';
import { onlySuites } from '../core/shard-merge.js';
import { planShards, shardMethod, type ShardMethod } from '../core/shard-plan.js';
import { uploadBaselineArtifact, type ArtifactUploader } from '../github/artifact-upload.js';
import type { GitHubClient } from '../github/octokit-client.js';
import { resultsArtifactName } from '../github/results-files.js';
import { shardArtifactName } from '../github/shard-artifacts.js';
import { SHARD_SCHEMA_ID, type ShardRecord } from '../results/shard-schema.js';
import { resolveBaseBranch } from './base-branch.js';
import { findBaseline } from './baseline-lookup.js';
import type { Deadline } from './deadline.js';
import type { RunContext } from './github-context.js';
import type { ActionInputs } from './inputs.js';
import { setReportOutputs } from './report-sinks.js';
import type { MeasuredRun } from './measured-run.js';

/** The runner drops a step summary over 1 MiB; stay well under it. */
const SUMMARY_LIMIT = 900_000;

export interface ShardPlan {
  index: number;
  count: number;
  /** This shard's suites, in configuration order. */
  suites: string[];
  /** Every shard's suites: the merge job tells a plan that differs between shards from a lost shard. */
  plan: string[][];
  balance: ShardMethod;
  /** The baseline whose recorded durations balanced the plan. */
  durationsFrom?: string;
  /** The settings to measure with: only this shard's suites. */
  settings: Settings;
}

export interface BaselineDurations {
  /** Suite name -> ms, from the baseline's results; absent when it recorded none. */
  durations?: Record<string, number>;
  from?: string;
  /** The baseline itself, so that the shard compares with the one it planned by. */
  baseline: LoadedBaseline | null;
}

/**
 * The recorded suite durations of the baseline this run compares with (artifact first, then the
 * committed file, as the comparison itself looks it up). Never throws: without a baseline the
 * suites are dealt round-robin, which every shard then does alike.
 */
export async function readBaselineDurations(client: GitHubClient, inputs: ActionInputs, ctx: RunContext, settings: Settings, baseBranch: string, deadline: Deadline): Promise<BaselineDurations> {
  try {
    const baseline = await findBaseline(client, inputs, ctx, settings, baseBranch, deadline);
    for (const line of baseline.warnings) core.info(`shard plan: ${line}`);
    const durations = baseline.results?.meta.durations;
    return { ...(durations ? { durations, from: `${baseline.info.method}: ${baseline.info.source}` } : {}), baseline };
  } catch (error) {
    core.warning(`no baseline to balance the shards by (${(error as Error).message}): the suites are dealt round-robin`);
    return { baseline: null };
  }
}

/**
 * This shard's slice of the configured suites. A shard with nothing to run (more shards than
 * suites) measures nothing and builds no base commit; it still uploads, so that the merge job
 * can tell it from a shard that was lost.
 */
export function shardSuites(settings: Settings, shard: { index: number; count: number }, durations: Record<string, number> | undefined, durationsFrom?: string): ShardPlan {
  const names = settings.suites.map((s) => s.name);
  const plan = planShards(names, durations, shard.count);
  const suites = plan[shard.index - 1] ?? [];
  const balance = shardMethod(names, durations);
  const mine = new Set(suites);
  const sliced: Settings = {
    ...settings,
    suites: settings.suites.filter((s) => mine.has(s.name)),
    ...(suites.length === 0 ? { compare: { ...settings.compare, method: 'artifact' as const } } : {}),
  };
  return { index: shard.index, count: shard.count, suites, plan, balance, ...(balance === 'durations' && durationsFrom ? { durationsFrom } : {}), settings: sliced };
}

/** Reads the baseline's durations and plans this shard's slice; call before measuring. */
export async function planShard(options: {
  client: GitHubClient;
  inputs: ActionInputs;
  ctx: RunContext;
  settings: Settings;
  deadline: Deadline;
  shard: { index: number; count: number };
}): Promise<ShardPlan & { baseline: LoadedBaseline | null }> {
  const { client, inputs, ctx, settings, deadline, shard } = options;
  const baseBranch = await resolveBaseBranch(client, inputs, ctx, deadline);
  const found = await readBaselineDurations(client, inputs, ctx, settings, baseBranch, deadline);
  const plan = shardSuites(settings, shard, found.durations, found.from);
  const how = plan.balance === 'durations' ? `balanced by the durations recorded in ${plan.durationsFrom}` : 'dealt round-robin: the baseline recorded no durations';
  if (plan.suites.length === 0) core.info(`perfgate shard ${shard.index} of ${shard.count}: no suite to run (${settings.suites.length} configured for ${shard.count} shards)`);
  else core.info(`perfgate shard ${shard.index} of ${shard.count}: ${plan.suites.join(', ')} (${how})`);
  return { ...plan, baseline: found.baseline };
}

export interface FinishShardOptions extends MeasuredRun {
  plan: ShardPlan & { baseline: LoadedBaseline | null };
  upload?: ArtifactUploader;
}

/**
 * The end of a shard job: its slice's report (for whoever downloads it; the merge job decides the
 * verdict again over all shards), then the shard artifact. It comments nothing and passes the
 * check whatever its slice shows; only an artifact that could not be uploaded fails it, since the
 * merge job would then miss this shard.
 */
export async function finishShard(options: FinishShardOptions): Promise<Report> {
  const { client, inputs, ctx, settings, policy, deadline, outDir, plan, head } = options;
  let report: Report;
  let runWarnings: string[];
  if (options.sameRunner) {
    report = options.sameRunner;
    // What the same-runner run itself noticed (pinning ...); the results carry their own.
    runWarnings = report.warnings.filter((w) => !head.warnings.includes(w));
  } else {
    const baseline = plan.baseline ?? (await findBaseline(client, inputs, ctx, settings, await resolveBaseBranch(client, inputs, ctx, deadline), deadline));
    for (const warning of baseline.warnings) core.warning(warning);
    report = evaluate({
      head,
      base: baseline.results ? onlySuites(baseline.results, plan.suites) : null,
      baseline: baseline.info,
      policy,
      warnings: [...options.warnings, ...baseline.warnings],
      ...(baseline.history ? { history: baseline.history } : {}),
    });
    runWarnings = options.warnings;
  }
  const files = await writeReport(outDir, report);
  const record: ShardRecord = {
    schema: SHARD_SCHEMA_ID,
    version: 1,
    index: plan.index,
    count: plan.count,
    suites: plan.suites,
    plan: plan.plan,
    balance: plan.balance,
    ...(plan.durationsFrom ? { durationsFrom: plan.durationsFrom.slice(0, 500) } : {}),
    method: report.baseline.method,
    ...(options.sameRunner ? { baseline: { ...report.baseline, source: report.baseline.source.slice(0, 1000) } } : {}),
    ...(runWarnings.length > 0 ? { warnings: runWarnings.slice(0, 100).map((w) => w.slice(0, 2000)) } : {}),
    ...(report.confirmation
      ? {
          confirmation: {
            rounds: report.confirmation.rounds,
            benchmarks: report.confirmation.benchmarks,
            ...(report.confirmation.stopped ? { stopped: report.confirmation.stopped.slice(0, 1000) } : {}),
          },
        }
      : {}),
  };
  const shardFile = path.join(outDir, 'shard.json');
  await writeFileAtomic(shardFile, `${JSON.stringify(record, null, 2)}\n`);

  const slice = `perfgate shard ${plan.index} of ${plan.count}`;
  const suites = plan.suites.length > 0 ? plan.suites.join(', ') : 'no suite';
  await core.summary
    .addRaw(`**${slice}** measured ${suites}. The job with "mode: merge" decides the verdict over all shards; this slice alone:\n\n`)
    .addRaw(renderMarkdown(report, { maxLength: SUMMARY_LIMIT }))
    .write();
  setReportOutputs(report, files, '');

  const name = resultsArtifactName(shardArtifactName(inputs.resultsArtifact, plan.index, plan.count), ctx.runAttempt);
  const baseFile = options.sameRunner ? [path.join(outDir, 'base-results.json')] : [];
  try {
    const uploaded = await deadline.run('uploading the shard artifact', () =>
      uploadBaselineArtifact({
        name,
        files: [options.resultsFile, ...baseFile, files.json, shardFile],
        rootDirectory: outDir,
        ...(inputs.retentionDays !== undefined ? { retentionDays: inputs.retentionDays } : {}),
        client,
        owner: ctx.owner,
        repo: ctx.repo,
        runId: ctx.runId,
        ...(options.upload ? { upload: options.upload } : {}),
      }),
    );
    core.info(`${slice}: uploaded ${name} (#${uploaded.id}, ${uploaded.size} bytes); this slice alone: ${report.verdict}, the merge job decides`);
  } catch (error) {
    core.setFailed(`${slice}: the artifact ${name} was not uploaded, so the merge job cannot include this shard: ${(error as Error).message}`);
  }
  return report;
}
