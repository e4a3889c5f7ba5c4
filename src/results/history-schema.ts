import { z } from 'zod';

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const statistics = z
  .object({ mean: finite, median: finite, p95: finite, p99: finite, min: finite, max: finite })
  .partial()
  .strict()
  .describe('the statistics of one metric in one run');

export const HISTORY_SCHEMA_ID = 'perfgate/history';

/** history.json of a baseline artifact: main's recent runs, reduced, newest first. */
export const historySchema = z
  .object({
    schema: z.literal(HISTORY_SCHEMA_ID),
    version: z.literal(1),
    points: z
      .array(
        z
          .object({
            commit: z.string().optional(),
            time: z.string().optional(),
            values: z.record(z.string(), z.record(z.string(), statistics)).describe('benchmark id -> metric name -> statistics'),
          })
          .strict(),
      )
      .describe('one entry per run of main, newest first'),
  })
  .strict();
