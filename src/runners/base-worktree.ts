import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { killProcessTree, trackProcessTree, waitForProcessTreeExit } from './process-tree.js';

/**
 * The base side of a same-runner comparison: the base commit checked out into its own git worktree
 * (the user's checkout is never touched), prepared by the configured setup command.
 */
export interface BaseWorktree {
  /** The worktree folder: the repository root of the base commit. */
  dir: string;
  commit: string;
  /** The root of the checkout it was made from: suite paths map from there to `dir`. */
  headRoot: string;
  /** Removes the worktree; safe to call twice. */
  remove(): Promise<void>;
}

/** Why the base side could not be prepared, in words that quote the failing step. */
export class BaseSetupError extends Error {
  override name = 'BaseSetupError';
}

export interface WorktreeOptions {
  /** Any folder inside the repository. */
  cwd: string;
  /** A commit-ish: HEAD~1, a branch, a sha. */
  ref: string;
  /** Fetch `ref` from origin when the clone lacks it (a shallow CI checkout). */
  fetchIfMissing?: boolean;
  /** Shell command run in the worktree before measuring, e.g. "npm ci && npm run build". */
  setup?: string;
  setupTimeoutMs: number;
  /** Where the setup command's output goes (folded into a group by the action). */
  log: (line: string) => void;
}

/** How much of the setup's output is kept to explain a failure. */
const OUTPUT_TAIL_LINES = 5;

function git(cwd: string, args: string[], timeoutMs = 60_000): Promise<{ ok: true; out: string } | { ok: false; message: string }> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const why = stderr.trim().split('\n').filter(Boolean).at(-1) ?? error.message.split('\n')[0] ?? 'failed';
        resolve({ ok: false, message: `git ${args.join(' ')}: ${why}` });
      } else resolve({ ok: true, out: stdout.trim() });
    });
  });
}

/** The merge base of `ref` and HEAD: what the pull request's changes were made on. */
export async function mergeBase(cwd: string, ref: string): Promise<string | undefined> {
  const result = await git(cwd, ['merge-base', ref, 'HEAD']);
  return result.ok && result.out ? result.out : undefined;
}

export async function createBaseWorktree(options: WorktreeOptions): Promise<BaseWorktree> {
  const top = await git(options.cwd, ['rev-parse', '--show-toplevel']);
  if (!top.ok) throw new BaseSetupError(`not a git repository (${top.message})`);
  const resolve = () => git(options.cwd, ['rev-parse', '--verify', '--quiet', `${options.ref}^{commit}`]);
  let commit = await resolve();
  if ((!commit.ok || !commit.out) && options.fetchIfMissing) {
    options.log(`fetching the base commit ${options.ref}`);
    await git(options.cwd, ['fetch', '--no-tags', '--depth=1', 'origin', options.ref], 300_000);
    commit = await resolve();
  }
  if (!commit.ok || !commit.out) {
    throw new BaseSetupError(`the base commit ${options.ref} is not in this clone (fetch it, e.g. actions/checkout with fetch-depth: 0)`);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'perfgate-base-'));
  const added = await git(options.cwd, ['worktree', 'add', '--detach', '--force', dir, commit.out], 300_000);
  if (!added.ok) {
    rmSync(dir, { recursive: true, force: true });
    throw new BaseSetupError(`could not check out the base commit: ${added.message}`);
  }
  let removed = false;
  const worktree: BaseWorktree = {
    dir,
    commit: commit.out,
    headRoot: top.out,
    remove: async () => {
      if (removed) return;
      removed = true;
      await git(options.cwd, ['worktree', 'remove', '--force', dir]);
      rmSync(dir, { recursive: true, force: true });
      await git(options.cwd, ['worktree', 'prune']);
    },
  };
  try {
    if (options.setup) {
      await runSetup(options.setup, dir, options.setupTimeoutMs, options.log);
    } else {
      // Without a setup command the base borrows head's installed packages, so suites that import
      // tinybench or a TypeScript loader still resolve them.
      const modules = path.join(top.out, 'node_modules');
      if (existsSync(modules) && !existsSync(path.join(dir, 'node_modules'))) {
        symlinkSync(modules, path.join(dir, 'node_modules'), 'dir');
        options.log(`no same-runner setup command: the base uses this checkout's node_modules`);
      }
    }
  } catch (error) {
    await worktree.remove();
    throw error;
  }
  return worktree;
}

/** Runs the setup command in its own process group, so a time-out stops everything it started. */
function runSetup(command: string, cwd: string, timeoutMs: number, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    log(`$ ${command}`);
    const child = spawn(command, { cwd, shell: true, detached: process.platform !== 'win32', stdio: ['ignore', 'pipe', 'pipe'] });
    const untrack = trackProcessTree(child);
    const tail: string[] = [];
    let partial = '';
    const take = (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        log(line);
        if (line.trim()) tail.push(line.trim());
        if (tail.length > OUTPUT_TAIL_LINES) tail.shift();
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killProcessTree(child);
    }, timeoutMs);
    const finish = async (failure: string | null) => {
      clearTimeout(timer);
      killProcessTree(child);
      await waitForProcessTreeExit(child);
      untrack();
      if (partial.trim()) tail.push(partial.trim());
      if (failure === null) resolve();
      else {
        const last = tail.at(-1);
        reject(new BaseSetupError(`the setup command "${command}" ${failure}${last ? `: ${last}` : ''}`));
      }
    };
    child.once('error', (error) => void finish(`could not start (${error.message})`));
    const closed = new Promise<void>((done) => child.once('close', () => done()));
    child.once('exit', (code, signal) => {
      // A daemon the setup left behind may hold the pipes open: give the output a moment, not forever.
      void Promise.race([closed, new Promise((done) => setTimeout(done, 1000))]).then(() => {
        if (timedOut) void finish(`timed out after ${Math.round(timeoutMs / 1000)} s`);
        else if (code === 0) void finish(null);
        else void finish(signal ? `was killed by ${signal}` : `failed with exit code ${code}`);
      });
    });
  });
}
