import { z } from 'zod';
import { parseJsonWith } from './parse-results.js';

export const PULL_REQUEST_SCHEMA_ID = 'perfgate/pull-request';

const sha = z.string().regex(/^[0-9a-f]{40}$/, 'expected a full commit SHA (40 lowercase hex digits)');
const id = z.string().min(1).max(500);

/**
 * pull-request.json of a results artifact: which pull request an unprivileged run measured. It is
 * written by a run that may execute a fork's code, so a report job reads it as a claim to check,
 * never as a fact; the bounds keep a hostile file from costing more than it is worth.
 */
export const pullRequestClaimSchema = z
  .object({
    schema: z.literal(PULL_REQUEST_SCHEMA_ID),
    version: z.literal(1),
    number: z.number().int().min(1).max(2 ** 31 - 1).describe('the pull request the results are for'),
    headSha: sha.describe('the head commit that was measured'),
    baseSha: sha.describe('the base commit of the pull request when it was measured'),
    baseRef: z.string().min(1).max(255).describe('the base branch'),
    warnings: z
      .array(z.string().max(1000))
      .max(20)
      .optional()
      .describe("what went differently in the measuring run (a same-runner comparison that fell back ...), for the report's warnings"),
    confirmation: z
      .object({
        rounds: z.number().int().min(0).max(10_000),
        benchmarks: z.array(id).max(10_000),
        stopped: z.string().max(500).optional(),
      })
      .strict()
      .optional()
      .describe('the extra same-runner rounds suspected regressions got; confirmed and cleared are recomputed by the reader'),
  })
  .strict();

export type PullRequestClaim = z.infer<typeof pullRequestClaimSchema>;

export function parsePullRequestClaim(text: string, file: string): PullRequestClaim {
  return parseJsonWith(pullRequestClaimSchema, text, file, `the ${PULL_REQUEST_SCHEMA_ID} format`, true);
}
