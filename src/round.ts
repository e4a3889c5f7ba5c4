/**
 * One benchmark round: a fresh process that measures one suite and exits. Started by
 * runners/round-process.ts as `node [flags] round.js <job.json>`; bundled on its own into
 * dist/round/index.js. Data goes through files (see runners/round-protocol.ts), never stdout,
 * so whatever the suite prints cannot corrupt it.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { measureSuite } from './runners/measure-suite.js';
import type { RoundJob } from './runners/round-protocol.js';

/** Write-then-rename: the parent never reads half a file, even if this process is killed. */
function writeAtomically(file: string, value: unknown): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(value));
  renameSync(temporary, file);
}

async function main(): Promise<void> {
  const jobPath = process.argv[2];
  if (!jobPath) throw new Error('usage: round <job.json>');
  const job = JSON.parse(readFileSync(jobPath, 'utf8')) as RoundJob;
  const outcome = await measureSuite({
    ...job,
    onStatus: job.statusPath ? (status) => writeAtomically(job.statusPath!, status) : undefined,
  });
  writeAtomically(job.resultPath, outcome);
  // The suite may leave timers, sockets or servers open; the round is over all the same.
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`perfgate round failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(70);
});
