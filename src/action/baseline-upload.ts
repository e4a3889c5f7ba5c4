import * as core from '@actions/core';
import path from 'node:path';
import type { ActionInputs } from './inputs.js';
import type { Deadline } from './deadline.js';
import type { RunContext } from './github-context.js';
import { uploadBaselineArtifact } from '../github/artifact-baseline.js';
import type { GitHubClient } from '../github/octokit-client.js';

/** Uploads the new baseline; a failure is a warning, since the measurements are already on disk. */
export async function uploadBaseline(inputs: ActionInputs, ctx: RunContext, client: GitHubClient, files: string[], deadline: Deadline): Promise<void> {
  try {
    const uploaded = await deadline.run('uploading the baseline artifact', () =>
      uploadBaselineArtifact({
        name: inputs.baselineArtifact,
        files,
        rootDirectory: path.dirname(files[0]!),
        ...(inputs.retentionDays !== undefined ? { retentionDays: inputs.retentionDays } : {}),
        client,
        owner: ctx.owner,
        repo: ctx.repo,
        runId: ctx.runId,
      }),
    );
    core.info(`uploaded the baseline artifact ${inputs.baselineArtifact} (#${uploaded.id}, ${uploaded.size} bytes)`);
  } catch (error) {
    core.warning(`the baseline artifact was not uploaded: ${(error as Error).message}`);
  }
}
