import * as core from '@actions/core';
import type { Report } from '../core/model.js';
import { renderMarkdown } from '../core/render/markdown.js';
import { notableRows, reportRows } from '../core/render/rows.js';
import { OUTPUTS } from './constants.js';

/** The runner drops a step summary over 1 MiB; stay well under it. */
const SUMMARY_LIMIT = 900_000;
/** GitHub shows at most 10 error annotations per step. */
const MAX_ANNOTATIONS = 10;

export async function writeJobSummary(report: Report): Promise<void> {
  await core.summary.addRaw(renderMarkdown(report, { maxLength: SUMMARY_LIMIT })).write();
}

export function setReportOutputs(report: Report, files: { json: string; markdown: string }, commentUrl: string): void {
  const count = (verdicts: string[]) => report.benchmarks.filter((b) => verdicts.includes(b.verdict)).length;
  core.setOutput(OUTPUTS.verdict, report.verdict);
  core.setOutput(OUTPUTS.regressions, count(['fail', 'critical']));
  core.setOutput(OUTPUTS.improvements, count(['improved']));
  core.setOutput(OUTPUTS.reportJson, files.json);
  core.setOutput(OUTPUTS.reportMarkdown, files.markdown);
  core.setOutput(OUTPUTS.commentUrl, commentUrl);
  core.setOutput(OUTPUTS.baselineSource, `${report.baseline.method}: ${report.baseline.source}`);
}

/** One annotation per worst regression, worst first, within GitHub's per-step limit. */
export function annotateRegressions(report: Report): number {
  const rows = notableRows(reportRows(report)).filter((r) => r.verdict === 'critical' || r.verdict === 'fail' || r.verdict === 'error');
  for (const row of rows.slice(0, MAX_ANNOTATIONS)) {
    core.error(`${row.benchmark} ${row.metric}: ${row.change} — ${row.reasons.join('; ')}`, { title: `perfgate: ${row.verdict}` });
  }
  return Math.min(rows.length, MAX_ANNOTATIONS);
}
