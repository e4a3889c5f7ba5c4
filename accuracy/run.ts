/**
 * `npm run accuracy`: how often perfgate's same-runner verdicts are right, measured end to end on
 * throw-away repositories with a known change. Progress goes to stderr, the document to stdout.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runHarness } from './harness.js';
import { ArgsError, HELP, parseHarnessArgs, type HarnessArgs } from './options.js';
import { planLevels } from './plan.js';
import { renderAccuracy } from './render.js';
import { loadRuns, type AccuracyRun } from './saved-runs.js';

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** The harness needs same-runner mode; an older build would compare with a committed baseline instead. */
function checkCli(cli: string): string | null {
  try {
    const help = execFileSync(process.execPath, [cli, 'run', '--help'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return help.includes('--base') ? null : `${cli} has no "run --base": rebuild dist/ (npm run build) or pass --cli`;
  } catch (error) {
    return `cannot run ${cli}: ${(error as Error).message.split('\n')[0]}`;
  }
}

async function measure(args: HarnessArgs): Promise<AccuracyRun> {
  const problem = checkCli(args.cli);
  if (problem) throw new ArgsError(problem);
  const folder = args.keep ?? (await mkdtemp(path.join(os.tmpdir(), 'perfgate-accuracy-')));
  await mkdir(folder, { recursive: true });
  const saveFile = path.join(folder, 'runs.json');
  const total = planLevels(args).length;
  log(`accuracy: ${total} runs (${args.noChangeRuns} no change, ${args.runsPerLevel} per other level), seed ${args.seed}; saving to ${saveFile}`);

  const abort = new AbortController();
  const interrupt = () => {
    log('accuracy: interrupted; stopping the current run (the runs so far stay saved)');
    abort.abort();
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const run = await runHarness({ ...args, saveFile, progress: log, signal: abort.signal });
    log(`accuracy: saved ${saveFile} (re-render with --from)`);
    return run;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}

async function main(argv: string[]): Promise<number> {
  const args = parseHarnessArgs(argv, process.cwd());
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const run = args.from ? await loadRuns(args.from) : await measure(args);
  const text = renderAccuracy(run);
  process.stdout.write(text);
  if (args.write) {
    await mkdir(path.dirname(args.write), { recursive: true });
    await writeFile(args.write, text);
    log(`accuracy: wrote ${args.write}`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    log(`accuracy: ${error instanceof ArgsError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 2;
  },
);
