import { z } from 'zod';
import { parseJsonWith } from './parse-results.js';

export const SHARD_SCHEMA_ID = 'perfgate/shard';

const MAX_SHARDS = 256;
const suiteName = z.string().min(1).max(500);
const suiteList = z.array(suiteName).max(10_000);

/**
 * shard.json of a shard's results artifact: which slice of the suites this shard measured and how
 * it compared them, so that the merge job can check that the shards together ran every suite
 * once and decide the verdict over all of them as a single job would.
 */
export const shardRecordSchema = z
  .object({
    schema: z.literal(SHARD_SCHEMA_ID),
    version: z.literal(1),
    index: z.number().int().min(1).max(MAX_SHARDS).describe('this shard, from 1'),
    count: z.number().int().min(1).max(MAX_SHARDS).describe('how many shards the run has'),
    suites: suiteList.describe('the suites this shard measured, in configuration order'),
    plan: z.array(suiteList).max(MAX_SHARDS).describe("every shard's suites as this shard planned them"),
    balance: z.enum(['durations', 'round-robin']).describe('how the plan was made: recorded suite durations, or round-robin without any'),
    durationsFrom: z.string().max(500).optional().describe('the baseline whose durations balanced the plan'),
    method: z.enum(['same-runner', 'artifact', 'committed', 'file', 'none']).describe("how this shard compared its slice; same-runner: base-results.json holds the base's rounds"),
    baseline: z
      .object({ method: z.enum(['same-runner', 'artifact', 'committed', 'file', 'none']), source: z.string().max(1000), commit: z.string().max(100).optional() })
      .strict()
      .optional()
      .describe('the base a same-runner shard re-ran'),
    warnings: z.array(z.string().max(2000)).max(100).optional().describe("what went differently in this shard's run (a same-runner comparison that fell back ...)"),
    confirmation: z
      .object({
        rounds: z.number().int().min(0).max(10_000),
        benchmarks: z.array(z.string().min(1).max(1000)).max(10_000),
        stopped: z.string().max(1000).optional(),
      })
      .strict()
      .optional()
      .describe('the extra same-runner rounds suspected regressions of this shard got'),
  })
  .strict()
  .refine((s) => s.index <= s.count, { message: 'expected index <= count', path: ['index'] });

export type ShardRecord = z.infer<typeof shardRecordSchema>;

export function parseShardRecord(text: string, file: string): ShardRecord {
  return parseJsonWith(shardRecordSchema, text, file, `the ${SHARD_SCHEMA_ID} format`, true);
}
