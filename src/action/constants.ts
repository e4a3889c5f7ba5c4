/** Input and output names in one place, as action.yml declares them. */
export const INPUTS = {
  config: 'config',
  token: 'token',
  baselineArtifact: 'baseline-artifact',
  baseBranch: 'base-branch',
  comment: 'comment',
  commentId: 'comment-id',
  failOn: 'fail-on',
  workingDirectory: 'working-directory',
  retentionDays: 'retention-days',
  outputDirectory: 'output-directory',
  networkTimeout: 'network-timeout',
  mode: 'mode',
  shard: 'shard',
  resultsArtifact: 'results-artifact',
} as const;

export const OUTPUTS = {
  verdict: 'verdict',
  regressions: 'regressions',
  improvements: 'improvements',
  reportJson: 'report-json',
  reportMarkdown: 'report-markdown',
  commentUrl: 'comment-url',
  baselineSource: 'baseline-source',
} as const;

export const COMMENT_MODES = ['always', 'on-change', 'on-failure', 'never'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

export const FAIL_ON = ['fail', 'critical', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/**
 * run: measure here and report; report: post what an unprivileged pull request run measured (a
 * workflow_run job, fork-safe); merge: combine the shards of this workflow run into one report.
 */
export const MODES = ['run', 'report', 'merge'] as const;
export type Mode = (typeof MODES)[number];
