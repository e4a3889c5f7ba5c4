import { markdownTable } from 'markdown-table';
import type { MergeLogEntry } from '../merge-log.js';
import type { Report } from '../model.js';
import { escapeMarkdownText } from './escape.js';
import { methodText, notableRows, reportRows, VERDICT_ICONS } from './rows.js';

/**
 * The rollback recommendation, as a comment on the merged pull request and as the body of the
 * incident issue. Both carry the numbers, the evidence and the exact revert command.
 */

export interface RollbackText {
  /** Users or teams to notify (already validated handles such as "@org/team"). */
  mentions?: readonly string[];
  /** The workflow run that measured it. */
  runUrl?: string;
}

const MERGE_WORDS: Record<MergeLogEntry['mergeMethod'], string> = {
  merge: 'merge commit',
  squash: 'squash merge',
  rebase: 'rebase merge',
  direct: 'direct push',
};

function whatMerged(entry: MergeLogEntry): string {
  const sha = `\`${entry.commit.slice(0, 12)}\``;
  if (!entry.pr) return `The ${MERGE_WORDS.direct} ${sha}`;
  return `Pull request #${entry.pr.number} (${escapeMarkdownText(entry.pr.title)}, by ${escapeMarkdownText(entry.pr.author)}), merged as ${sha} by ${MERGE_WORDS[entry.mergeMethod]},`;
}

export function rollbackTitle(entry: MergeLogEntry): string {
  const what = entry.pr ? `#${entry.pr.number} ${entry.pr.title}` : `direct push ${entry.commit.slice(0, 7)}`;
  const title = `perfgate: revert ${what} (${entry.commit.slice(0, 7)})`;
  return title.length > 200 ? `${title.slice(0, 197)}...` : title;
}

function evidenceTable(report: Report): string[] {
  const rows = notableRows(reportRows(report)).filter((r) => r.verdict === 'critical' || r.verdict === 'fail');
  if (rows.length === 0) return [];
  const table = markdownTable(
    [
      ['Benchmark', 'Metric', 'Before (first parent)', 'After (merge)', 'Change with 95% CI', 'Verdict'],
      ...rows.map((r) => [r.benchmark, r.metric, r.baseline, r.head, r.change].map(escapeMarkdownText).concat(`${VERDICT_ICONS[r.verdict]} ${r.verdict}`)),
    ],
    { align: ['l', 'l', 'r', 'r', 'r', 'l'], alignDelimiters: false },
  );
  return [table, ''];
}

/** Markdown for the merged pull request's comment and the incident issue (the same evidence). */
export function renderRollback(entry: MergeLogEntry, report: Report, text: RollbackText = {}): string {
  const rollback = entry.rollback;
  if (!rollback) throw new Error(`merge ${entry.commit} carries no rollback recommendation`);
  const lines = [
    `### 🚨 perfgate recommends reverting this merge`,
    '',
    `${whatMerged(entry)} breached a critical limit on the base branch:`,
    '',
    ...rollback.reasons.map((r) => `- ${escapeMarkdownText(r)}`),
    '',
    `Evidence: compared with the ${escapeMarkdownText(methodText(report))}${entry.parent && report.baseline.method !== 'same-runner' ? `; the tip before the merge was \`${entry.parent.slice(0, 12)}\`` : ''}.`,
    '',
    ...evidenceTable(report),
    'To revert it:',
    '',
    '```sh',
    rollback.revert,
    '```',
    '',
  ];
  if (text.runUrl) lines.push(`Measured in ${text.runUrl}.`, '');
  if (text.mentions && text.mentions.length > 0) lines.push(`cc ${text.mentions.join(' ')}`, '');
  return lines.join('\n');
}
