import { z } from 'zod';
import { MERGE_LOG_SCHEMA_ID } from '../core/merge-log.js';

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const nullableNumber = finite.nullable();
const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 time');
const statistic = z.enum(['mean', 'median', 'p95', 'p99', 'max', 'min']);
const verdict = z.enum(['critical', 'fail', 'error', 'warn', 'unstable', 'accepted', 'missing', 'new', 'improved', 'pass']);

const delta = z
  .object({
    id: z.string(),
    metric: z.string(),
    unit: z.string(),
    direction: z.enum(['smaller', 'bigger']),
    statistic,
    base: nullableNumber,
    head: nullableNumber,
    ratio: nullableNumber,
    ci: z.tuple([finite, finite]).nullable(),
    verdict,
  })
  .strict()
  .describe('one metric of one benchmark: the gated statistic on the first parent and on the merge');

const entry = z
  .object({
    commit: z.string().min(1),
    parent: z.string().nullable(),
    time: isoTime,
    recorded: isoTime,
    pr: z
      .object({ number: z.int().positive(), title: z.string(), author: z.string(), url: z.string().optional() })
      .strict()
      .nullable()
      .describe('the merged pull request; null for a direct push'),
    mergeMethod: z.enum(['merge', 'squash', 'rebase', 'direct']),
    commits: z.array(z.string()).describe('the commits the push brought, oldest first'),
    method: z.enum(['same-runner', 'artifact', 'committed', 'file', 'none']),
    verdict,
    deltas: z.array(delta),
    rollback: z
      .object({
        reasons: z.array(z.string()),
        revert: z.string(),
        issue: z.object({ number: z.int().positive(), url: z.string() }).strict().optional(),
      })
      .strict()
      .optional(),
    accepted: z
      .array(z.object({ id: z.string(), by: z.string(), reason: z.string() }).strict())
      .optional()
      .describe('regressions of the pull request that someone with write access accepted, and why'),
    run: z.object({ id: z.int(), url: z.string().optional() }).strict().optional(),
  })
  .strict();

/** merge-log.json of a baseline artifact: one entry per push to the base branch, newest first. */
export const mergeLogSchema = z
  .object({
    schema: z.literal(MERGE_LOG_SCHEMA_ID),
    version: z.literal(1),
    entries: z.array(entry).describe('one entry per merge, newest first'),
  })
  .strict();
