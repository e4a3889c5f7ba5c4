/**
 * Everything the tables are computed from, saved after every run (outside the repository) so that
 * an interrupted harness keeps what it measured and `--from` can re-render without re-running.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Machine } from './machine.js';
import type { RunRecord } from './tally.js';

export interface AccuracyRun {
  schema: 'perfgate/accuracy-runs';
  machine: Machine;
  seed: number;
  noChangeRuns: number;
  runsPerLevel: number;
  /** ISO 8601. */
  startedAt: string;
  /** ISO 8601, updated after every run. */
  finishedAt: string;
  records: RunRecord[];
}

export async function saveRuns(file: string, run: AccuracyRun): Promise<void> {
  const temporary = `${file}.tmp`;
  await writeFile(temporary, `${JSON.stringify(run)}\n`);
  await rename(temporary, file);
}

export async function loadRuns(file: string): Promise<AccuracyRun> {
  const data = JSON.parse(await readFile(file, 'utf8')) as Partial<AccuracyRun>;
  if (data.schema !== 'perfgate/accuracy-runs' || !Array.isArray(data.records)) {
    throw new Error(`${file} is not a saved accuracy run (expected schema "perfgate/accuracy-runs")`);
  }
  return data as AccuracyRun;
}
