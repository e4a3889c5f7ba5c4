/** The harness's command line. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_NO_CHANGE_RUNS, DEFAULT_RUNS_PER_LEVEL } from './plan.js';

export const HELP = `Usage: npm run accuracy -- [options]

Creates throw-away git repositories whose HEAD does a known amount more (or less) work than
HEAD~1, runs \`perfgate run --base HEAD~1\` in each, and prints how often the verdicts were right.
Everything it generates goes under the system's temporary folder.

Options:
  --no-change-runs N    runs where head equals base (default ${DEFAULT_NO_CHANGE_RUNS})
  --runs-per-level N    runs per level +2%, +5%, +10%, +20%, -5% (default ${DEFAULT_RUNS_PER_LEVEL})
  --seed N              seeds the order of the levels (default 1)
  --write FILE          also write the document there, e.g. docs/accuracy.md
  --keep DIR            keep every run's perfgate output and log under DIR (outside this repository)
  --cli FILE            the perfgate CLI to run (default: dist/cli/index.js of this repository)
  --from RUNS.json      only render the tables from a saved run (its path is printed at the start)
  -h, --help            this help`;

/** This repository: generated data must never land inside it. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface HarnessArgs {
  noChangeRuns: number;
  runsPerLevel: number;
  seed: number;
  write?: string;
  keep?: string;
  cli: string;
  from?: string;
  help: boolean;
}

export class ArgsError extends Error {
  override name = 'ArgsError';
}

function count(value: string | undefined, flag: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new ArgsError(`${flag} expects a whole number ≥ ${min}, got "${value}"`);
  return n;
}

export function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export function parseHarnessArgs(argv: string[], cwd: string): HarnessArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'no-change-runs': { type: 'string' },
        'runs-per-level': { type: 'string' },
        seed: { type: 'string' },
        write: { type: 'string' },
        keep: { type: 'string' },
        cli: { type: 'string' },
        from: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ArgsError((error as Error).message);
  }
  const keep = values.keep === undefined ? undefined : path.resolve(cwd, values.keep);
  if (keep && isInside(REPO_ROOT, keep)) throw new ArgsError(`--keep ${values.keep} is inside the repository; keep run outputs outside it (e.g. under ${'$'}TMPDIR)`);
  const args: HarnessArgs = {
    noChangeRuns: count(values['no-change-runs'], '--no-change-runs', DEFAULT_NO_CHANGE_RUNS, 0),
    runsPerLevel: count(values['runs-per-level'], '--runs-per-level', DEFAULT_RUNS_PER_LEVEL, 0),
    seed: count(values.seed, '--seed', 1, 0),
    cli: path.resolve(cwd, values.cli ?? path.join(REPO_ROOT, 'dist', 'cli', 'index.js')),
    help: values.help ?? false,
  };
  if (values.write !== undefined) args.write = path.resolve(cwd, values.write);
  if (keep !== undefined) args.keep = keep;
  if (values.from !== undefined) args.from = path.resolve(cwd, values.from);
  if (args.noChangeRuns + args.runsPerLevel === 0) throw new ArgsError('nothing to run: both --no-change-runs and --runs-per-level are 0');
  return args;
}
