/**
 * A throw-away git repository whose HEAD~1 runs the workload at factor 1 and whose HEAD runs it at
 * the level's factor: the only difference between base and head is a known amount of work.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { workloadSource } from './workload.js';

export const SUITE_FILE = 'bench/workload.bench.mjs';

export const PERFGATE_YML = `version: 1
defaults:
  thresholds:
    latency:
      regression: 3%
suites:
  - name: w
    type: tinybench
    file: ${SUITE_FILE}
`;

/** Fixed identity and no hooks or signing from the user's git configuration. */
const GIT_FLAGS = ['-c', 'user.name=perfgate accuracy', '-c', 'user.email=accuracy@perfgate.invalid', '-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null'];

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', [...GIT_FLAGS, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Creates the repository under the system's temporary folder and returns its path. */
export function createScratchRepo(headFactor: number, parent: string = os.tmpdir()): string {
  const dir = mkdtempSync(path.join(parent, 'perfgate-accuracy-repo-'));
  try {
    fillRepo(dir, headFactor);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return dir;
}

function fillRepo(dir: string, headFactor: number): void {
  mkdirSync(path.join(dir, 'bench'));
  writeFileSync(path.join(dir, 'perfgate.yml'), PERFGATE_YML);
  // perfgate writes its output elsewhere, but a stray .perfgate/ must not make the tree dirty.
  writeFileSync(path.join(dir, '.gitignore'), '.perfgate/\nnode_modules/\n');
  git(dir, 'init', '--quiet', '--initial-branch=main');
  writeFileSync(path.join(dir, SUITE_FILE), workloadSource(1));
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', 'base: every factor 1');
  writeFileSync(path.join(dir, SUITE_FILE), workloadSource(headFactor));
  // No change leaves the tree as it was: HEAD is then an empty commit on top of identical code.
  git(dir, 'commit', '--quiet', '--allow-empty', '-am', `head: every factor ${headFactor}`);
}
