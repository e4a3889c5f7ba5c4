import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, runCli, type CliRun } from './run-cli.js';

export const LOG_FIXTURE = path.join(ROOT, 'test', 'fixtures', 'merge-log', 'merge-log.json');

/**
 * `perfgate ...` as a user runs it: the built CLI, or with PERFGATE_CLI_FROM_SOURCE=1 the sources
 * through tsx, so that the command can be tried before dist/ is rebuilt.
 */
export function runPerfgate(args: string[], cwd: string = ROOT): CliRun {
  if (process.env.PERFGATE_CLI_FROM_SOURCE !== '1') return runCli(args, cwd);
  const loader = pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const result = spawnSync(process.execPath, ['--import', loader, path.join(ROOT, 'src', 'cli.ts'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
