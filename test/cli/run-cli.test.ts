import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'perfgate-run-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SUITES = path.join(ROOT, 'test', 'fixtures', 'suites');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function project(name: string, suites: string[], extra = ''): string {
  const root = path.join(dir, name);
  mkdirSync(path.join(root, 'bench'), { recursive: true });
  for (const file of suites) cpSync(path.join(SUITES, file), path.join(root, 'bench', file));
  const entries = suites.map((file) => `  - name: ${file.replace(/\.bench\.m?[jt]s$/, '')}\n    type: tinybench\n    file: bench/${file}\n`).join('');
  writeFileSync(path.join(root, 'perfgate.yml'), `version: 1\ndefaults:\n  rounds: 3\n  time: 150ms\n  timeout: 3s\n${extra}suites:\n${entries}`);
  return root;
}

describe('perfgate run (built CLI)', () => {
  it('reports a throwing, an exiting and a hanging suite as errors, the others still report, nothing survives', () => {
    const root = project('failing', ['ok.bench.mjs', 'throws-at-import.bench.mjs', 'exits.bench.mjs', 'hangs.bench.mjs']);
    const pidFile = path.join(dir, 'grandchild.pid');
    const run = runCli(['run'], root, { PERFGATE_TEST_PIDFILE: pidFile });
    expect(run.status, run.stderr).toBe(3);
    const report = JSON.parse(readFileSync(path.join(root, '.perfgate', 'report.json'), 'utf8'));
    const verdicts = Object.fromEntries(report.benchmarks.map((b: { id: string; verdict: string }) => [b.id, b.verdict]));
    expect(Object.entries(verdicts).filter(([id]) => id.startsWith('ok/')).every(([, v]) => v === 'new')).toBe(true);
    const errors = report.benchmarks.filter((b: { verdict: string }) => b.verdict === 'error');
    const reason = (suite: string) => errors.find((b: { suite: string }) => b.suite === suite)?.error as string;
    expect(reason('throws-at-import')).toMatch(/^round 1: the suite failed to load: Error: .* at bench\/throws-at-import.bench.mjs:2:7$/);
    expect(reason('exits')).toMatch(/^round 1/);
    expect(reason('hangs')).toMatch(/^round 1 timed out after 3000 ms/);
    expect(run.stdout).toMatch(/error/);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(isAlive(pid)).toBe(false);
  });

  it('records results, then compares the next run with the saved baseline', () => {
    const root = project('cycle', ['ok.bench.mjs']);
    const first = runCli(['run'], root);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/results recorded, no baseline to compare with/);
    expect(existsSync(path.join(root, '.perfgate', 'results.json'))).toBe(true);
    const save = runCli(['baseline', 'save', '--from', '.perfgate/results.json'], root);
    expect(save.status, save.stderr).toBe(0);
    expect(existsSync(path.join(root, 'baselines', 'perfgate.json'))).toBe(true);
    const second = runCli(['run', '--out', 'out2'], root);
    expect([0, 1]).toContain(second.status);
    const report = JSON.parse(readFileSync(path.join(root, 'out2', 'report.json'), 'utf8'));
    expect(report.baseline.method).toBe('committed');
    expect(report.benchmarks.every((b: { metrics: { ratio: number | null }[] }) => b.metrics[0]!.ratio !== null)).toBe(true);
  });

  it('names a missing configuration in one line', () => {
    const empty = path.join(dir, 'empty');
    mkdirSync(empty, { recursive: true });
    const run = runCli(['run'], empty);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/no perfgate\.yml found/);
  });
});
