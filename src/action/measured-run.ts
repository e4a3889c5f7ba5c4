import type { Settings } from '../config/settings.js';
import type { Policy, Report, Results } from '../core/model.js';
import type { GitHubClient } from '../github/octokit-client.js';
import type { Deadline } from './deadline.js';
import type { RunContext } from './github-context.js';
import type { ActionInputs } from './inputs.js';

/**
 * What every way of ending a job starts from once the measuring is done: a pull request run, a
 * push to the base branch, a shard, a merge of shards. One shape, so that the endings cannot
 * disagree on what they were handed.
 */
export interface MeasuredRun {
  client: GitHubClient;
  inputs: ActionInputs;
  ctx: RunContext;
  /** The whole configuration (a shard's too, not its slice). */
  settings: Settings;
  policy: Policy;
  deadline: Deadline;
  outDir: string;
  /** What was measured (here, or by the shards of this run), already written to `resultsFile`. */
  head: Results;
  resultsFile: string;
  /** Set when base and head ran side by side and that comparison decides (base-results.json is then in outDir). */
  sameRunner?: Report;
  /** Why the same-runner comparison could not decide, or what else went differently. */
  warnings: string[];
}
