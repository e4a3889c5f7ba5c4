import * as core from '@actions/core';
import path from 'node:path';
import { loadBaselineFile } from '../cli/baseline-file.js';
import { writeFileAtomic, writeHistory, writeReport } from '../cli/output-files.js';
import { logChangePoints } from '../core/change-points.js';
import { evaluate } from '../core/evaluate.js';
import { historyPoint, mainReference, mergeHistories } from '../core/history.js';
import { createMergeEntry, logSeries, mergeLogs, MERGE_LOG_SCHEMA_ID, type MergeLogEntry } from '../core/merge-log.js';
import type { HistoryPoint, Report, Results } from '../core/model.js';
import { renderMarkdown } from '../core/render/markdown.js';
import { renderMergeLogMarkdown } from '../core/render/merge-log-markdown.js';
import { recommendRollback } from '../core/rollback.js';
import { loadBaselineSet, type BaselineSet } from '../github/artifact-baseline.js';
import { identifyMerge, type IdentifiedMerge } from '../github/merged-pull-request.js';
import { publishRollback } from './rollback-sinks.js';
import { acceptRegressions } from './accept-regressions.js';
import { uploadBaseline } from './baseline-upload.js';
import type { MeasuredRun } from './measured-run.js';

/** The runner drops a step summary over 1 MiB; the report and the log share what is under it. */
const SUMMARY_LIMIT = 900_000;

export interface MainBranchRun extends MeasuredRun {
  baseBranch: string;
}

export async function writeMergeLog(outDir: string, entries: MergeLogEntry[]): Promise<string> {
  const file = path.join(outDir, 'merge-log.json');
  await writeFileAtomic(file, `${JSON.stringify({ schema: MERGE_LOG_SCHEMA_ID, version: 1, entries })}\n`);
  return file;
}

async function readSet(run: MainBranchRun): Promise<BaselineSet> {
  const { client, inputs, ctx, settings, deadline } = run;
  try {
    return await deadline.run('reading the baseline artifacts', () =>
      loadBaselineSet(client, {
        owner: ctx.owner,
        repo: ctx.repo,
        name: inputs.baselineArtifact,
        baseBranch: run.baseBranch,
        count: settings.log.artifacts,
        ...(ctx.push?.before ? { baseSha: ctx.push.before } : {}),
        ...(ctx.repositoryId !== undefined ? { repositoryId: ctx.repositoryId } : {}),
        debug: (line: string) => core.debug(line),
      }),
    );
  } catch (error) {
    return { baseline: null, histories: [], logs: [], read: 0, unreadable: 0, warnings: [`${(error as Error).message}; the per-merge log starts afresh from this run`] };
  }
}

async function decide(run: MainBranchRun, set: BaselineSet, warnings: string[]): Promise<Report> {
  if (run.sameRunner) {
    const report = { ...run.sameRunner, warnings: [...run.sameRunner.warnings, ...warnings] };
    return set.baseline ? { ...report, main: mainReference(report, set.baseline.results, set.baseline.info, set.baseline.history) } : report;
  }
  if (set.baseline) {
    const used = set.baseline.info.commit;
    const parent = run.ctx.push?.before;
    // Only when the artifact decides does it matter that it was made from another commit.
    if (parent && used && used !== parent) warnings.push(`no readable baseline artifact was made from the first parent ${parent.slice(0, 7)}; comparing with the one from ${used.slice(0, 7)}, which may include other changes`);
    return evaluate({ head: run.head, base: set.baseline.results, baseline: set.baseline.info, policy: run.policy, warnings, history: set.baseline.history });
  }
  const committed = await loadBaselineFile(run.settings.baseline.path, run.settings.rootDir, 'committed');
  for (const line of committed.warnings) core.warning(line);
  return evaluate({ head: run.head, base: committed.results, baseline: committed.info, policy: run.policy, warnings: [...warnings, ...committed.warnings] });
}

async function identify(run: MainBranchRun): Promise<IdentifiedMerge> {
  const { client, ctx, deadline } = run;
  try {
    return await deadline.run('looking up the merged pull request', () =>
      identifyMerge(client, {
        owner: ctx.owner,
        repo: ctx.repo,
        sha: ctx.sha,
        baseBranch: run.baseBranch,
        ...(ctx.push ? { push: ctx.push } : {}),
      }),
    );
  } catch (error) {
    const commits = ctx.push?.commits.length ? ctx.push.commits : [ctx.sha];
    return { pr: null, mergeMethod: 'direct', commits, parent: ctx.push?.before || null, mergeCommit: false, warnings: [`${(error as Error).message}; logged as a direct push`] };
  }
}

/** What main carries forward: this run first, then every copy's points (a race loses none). */
function nextHistory(head: Results, set: BaselineSet): HistoryPoint[] {
  const copies = set.histories.some((h) => h.length > 0) ? set.histories : set.baseline ? [[historyPoint(set.baseline.results)]] : [];
  return mergeHistories([[historyPoint(head)], ...copies]);
}

/**
 * A run on the base branch: compare with the previous main, append this merge to the per-merge log
 * (pushes only), recommend a rollback on a critical breach, and upload the new baseline artifact
 * with results, history and log. Files reach the disk before each network step.
 */
export async function recordOnBaseBranch(run: MainBranchRun): Promise<{ report: Report; files: { json: string; markdown: string } }> {
  const { ctx, settings, outDir } = run;
  const set = await readSet(run);
  for (const line of set.warnings) core.warning(line);
  const isMerge = ctx.eventName === 'push';
  const identified = isMerge ? await identify(run) : null;
  for (const line of identified?.warnings ?? []) core.warning(line);
  let report = await decide(run, set, [...run.warnings, ...set.warnings, ...(identified?.warnings ?? [])]);
  // What was accepted on the pull request is not a reason to revert it; the log records who accepted it.
  if (identified?.pr) {
    report = await acceptRegressions(report, { client: run.client, owner: ctx.owner, repo: ctx.repo, pullNumber: identified.pr.number, settings: settings.accept, deadline: run.deadline, reply: false });
  }
  const files = await writeReport(outDir, report);

  let entry: MergeLogEntry | null = null;
  if (identified) {
    const rollback = settings.rollback.enabled
      ? recommendRollback(report, { regression: settings.rollback.regression, alpha: settings.alpha }, identified.mergeCommit ? 'merge' : identified.mergeMethod, ctx.sha, identified.commits)
      : null;
    const recorded = new Date().toISOString();
    entry = createMergeEntry({
      report,
      commit: ctx.sha,
      parent: identified.parent,
      time: identified.time ?? recorded,
      recorded,
      pr: identified.pr,
      mergeMethod: identified.mergeMethod,
      commits: identified.commits,
      rollback,
      run: { id: ctx.runId, ...(ctx.runUrl ? { url: ctx.runUrl } : {}) },
    });
    const pr = identified.pr ? `#${identified.pr.number} by ${identified.pr.author} (${identified.mergeMethod})` : 'a direct push';
    core.info(`per-merge log: ${ctx.sha.slice(0, 7)} is ${pr}, ${report.verdict}`);
  }
  const log = mergeLogs([entry ? [entry] : [], ...set.logs], settings.log.entries);
  const historyFile = await writeHistory(outDir, nextHistory(run.head, set));
  let logFile = await writeMergeLog(outDir, log);

  const changePoints = logChangePoints(logSeries(log), settings.log.changePoints);
  const reportPart = renderMarkdown(report, { maxLength: SUMMARY_LIMIT / 2 });
  await core.summary.addRaw(`${reportPart}\n\n${renderMergeLogMarkdown(log, changePoints, { charts: true })}`).write();

  if (entry?.rollback) {
    core.warning(`perfgate recommends reverting ${ctx.sha.slice(0, 7)}: ${entry.rollback.reasons.join('; ')} — ${entry.rollback.revert}`);
    const issue = await publishRollback(run, entry, report);
    if (issue) {
      entry.rollback.issue = issue;
      logFile = await writeMergeLog(outDir, log);
    }
  }
  await uploadBaseline(run.inputs, ctx, run.client, [run.resultsFile, historyFile, logFile], run.deadline);
  return { report, files };
}
