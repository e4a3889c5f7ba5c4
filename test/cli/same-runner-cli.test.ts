import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report, Results } from '../../src/core/model.js';
import { git, twoCommitRepository } from '../helpers/git-repo.js';
import { runCli, type CliRun } from './run-cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'perfgate-same-runner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function repository(name: string, config: string, base: Record<string, number>, head: Record<string, number>): string {
  return twoCommitRepository(path.join(dir, name), config, base, head);
}

// alpha 0.01: the interval that must contain 1.25 is a 99% one, so that the test itself is
// wrong about once in a hundred runs, not once in twenty.
const CONFIG = `version: 1
alpha: 0.01
defaults:
  rounds: 8
  time: 400ms
  warmup: 20ms
same-runner:
  confirm-rounds: 6
suites:
  - name: work
    type: tinybench
    file: bench/work.bench.mjs
`;

describe('perfgate run --base (same-runner, built CLI)', () => {
  let root: string;
  let run: CliRun;
  let report: Report;

  beforeAll(() => {
    root = repository('slower', CONFIG, { 'loop x1.25': 1, 'loop same': 1, 'loop same 2': 1 }, { 'loop x1.25': 1.25, 'loop same': 1, 'loop same 2': 1 });
    run = runCli(['run', '--base', 'HEAD~1'], root);
    report = JSON.parse(readFileSync(path.join(root, '.perfgate', 'report.json'), 'utf8')) as Report;
  }, 120_000);

  it('fails exactly the benchmark that got 25% slower, with an interval that contains 1.25', () => {
    expect(run.status, run.stderr).toBe(1);
    expect(report.baseline.method).toBe('same-runner');
    const failing = report.benchmarks.filter((b) => b.verdict === 'fail' || b.verdict === 'critical').map((b) => b.id);
    expect(failing).toEqual(['work/loop x1.25']);
    const metric = report.benchmarks.find((b) => b.id === 'work/loop x1.25')!.metrics[0]!;
    expect(metric.test).toBe('signed-rank');
    expect(metric.ci![0]).toBeLessThanOrEqual(1.25);
    expect(metric.ci![1]).toBeGreaterThanOrEqual(1.25);
  });

  it('confirms the suspected failure with extra paired rounds and says so', () => {
    expect(report.confirmation!.benchmarks).toContain('work/loop x1.25');
    expect(report.confirmation!.confirmed).toEqual(['work/loop x1.25']);
    expect(report.confirmation!.rounds).toBeGreaterThan(0);
    const base = JSON.parse(readFileSync(path.join(root, '.perfgate', 'base-results.json'), 'utf8')) as Results;
    const head = JSON.parse(readFileSync(path.join(root, '.perfgate', 'results.json'), 'utf8')) as Results;
    const rounds = (r: Results, id: string) => r.benchmarks.find((b) => b.id === id)!.metrics[0]!.rounds!.length;
    // Only suspects got the extra rounds, on both sides alike, so the pairs stay aligned.
    for (const id of ['work/loop x1.25', 'work/loop same', 'work/loop same 2']) {
      const expected = 8 + (report.confirmation!.benchmarks.includes(id) ? report.confirmation!.rounds : 0);
      expect(rounds(base, id), id).toBe(expected);
      expect(rounds(head, id), id).toBe(expected);
    }
    expect(run.stdout).toMatch(/compared with the base commit [0-9a-f]{12} \(HEAD~1\) re-run on this runner/);
    expect(run.stdout).toMatch(/Confirmation: \d+ extra rounds? per side for \d suspected regressions?: failing work\/loop x1\.25[.;]/);
    expect(base.meta.commit).toBe(git(root, 'rev-parse', 'HEAD~1').trim());
  });

  it('leaves no worktree behind', () => {
    expect(git(root, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
  });
});

describe('perfgate run --base when the base cannot be prepared', () => {
  it('falls back to the baseline file with a warning that quotes the failing setup step', () => {
    const config = CONFIG.replace('same-runner:\n', `same-runner:\n  setup: 'echo preparing && echo "npm ERR! missing script: build" >&2 && exit 3'\n`);
    const root = repository('broken-setup', config, { 'loop a': 1 }, { 'loop a': 1 });
    const run = runCli(['run', '--base', 'HEAD~1'], root);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(path.join(root, '.perfgate', 'report.json'), 'utf8')) as Report;
    expect(report.baseline.method).toBe('none');
    const warning = report.warnings.find((w) => w.startsWith('same-runner comparison impossible'));
    expect(warning).toContain('failed with exit code 3: npm ERR! missing script: build');
    expect(warning).toContain('the setup command "echo preparing');
    expect(existsSync(path.join(root, '.perfgate', 'base-results.json'))).toBe(false);
    expect(git(root, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
  }, 120_000);

  it('names a commit that is not in the clone', () => {
    const root = repository('no-such-commit', CONFIG, { 'loop a': 1 }, { 'loop a': 1 });
    const run = runCli(['run', '--base', 'deadbeef', '--suite', 'work'], root);
    expect(run.stderr).toContain('the base commit deadbeef is not in this clone');
  }, 120_000);
});
