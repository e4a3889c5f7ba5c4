import { z } from 'zod';

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const round = z.array(finite).min(1, 'expected a non-empty array of numbers');

const metric = z
  .object({
    name: z.string().min(1).describe('latency, throughput, success-rate, rss or any other name'),
    unit: z.string().describe("canonical unit: 'ms', 'ops/s', '%', 'B' or free text"),
    direction: z.enum(['smaller', 'bigger']).describe('which way is better'),
    rounds: z.array(round).min(1).optional().describe('raw samples in time order, one array per round (process); perfgate keeps at most 1,000 per round, evenly spaced in time'),
    value: finite.optional().describe('a single value, for sources that only give a summary'),
    spread: finite.optional().describe('standard deviation that goes with value'),
  })
  .strict()
  .refine((m) => m.rounds !== undefined || m.value !== undefined, 'expected "rounds" or "value"');

const fingerprint = z
  .object({
    cpu: z.string(),
    cores: z.number().int(),
    memoryBytes: z.number(),
    os: z.string(),
    arch: z.string(),
    node: z.string(),
  })
  .strict();

/** The full results file perfgate writes (results.json, the baseline, artifacts). */
export const resultsSchema = z
  .object({
    $schema: z.string().optional(),
    schema: z.literal('perfgate/results'),
    version: z.literal(1),
    meta: z
      .object({
        commit: z.string().optional(),
        branch: z.string().optional(),
        time: z.string().optional(),
        tool: z.object({ name: z.string(), version: z.string() }).strict().optional(),
        runner: fingerprint.optional(),
        durations: z
          .record(z.string(), finite.refine((v) => v >= 0, 'expected a duration >= 0'))
          .optional()
          .describe('suite name -> milliseconds spent measuring it, all rounds, this side only; balances matrix shards'),
      })
      .strict(),
    benchmarks: z.array(
      z
        .object({
          id: z.string().min(1),
          suite: z.string(),
          name: z.string().min(1),
          metrics: z.array(metric),
          error: z.string().optional(),
        })
        .strict(),
    ),
    warnings: z.array(z.string()),
  })
  .strict()
  .describe('perfgate results: what one run measured');

/** The minimal form `perfgate compare` accepts: latency samples, each an independent replicate. */
export const minimalResultsSchema = z
  .object({
    benchmarks: z
      .array(
        z
          .object({
            name: z.string().min(1, 'expected a non-empty name'),
            unit: z.enum(['ns', 'us', 'µs', 'ms', 's'], { error: 'expected a time unit: ns, us, ms or s' }),
            samples: z.array(finite.refine((v) => v >= 0, 'expected a latency >= 0')).min(1, 'expected a non-empty array of numbers'),
          })
          .strict(),
      )
      .min(1, 'expected at least one benchmark'),
  })
  .strict()
  .describe('minimal results: latency samples per benchmark');
