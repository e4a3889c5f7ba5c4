import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git } from '../helpers/git-repo.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'perfgate-command-ab-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONFIG = `version: 1
same-runner:
  confirm-rounds: 4
suites:
  - name: cli
    type: command
    commands:
      hash: node tool/hash.mjs
      steady: node tool/steady.mjs
    cwd: .
    rounds: 12
    warmup-runs: 1
`;

/** A command whose work is a fixed number of hashing steps, read from its own file. */
const tool = (steps: number) => `import { createHash } from 'node:crypto';
let d = Buffer.alloc(64);
for (let i = 0; i < ${steps}; i++) d = createHash('sha256').update(d).digest();
`;

describe('command suites, same-runner (built CLI)', () => {
  it('fails the command HEAD made slower, in the base worktree and the checkout in turns, and passes the other', () => {
    const root = path.join(dir, 'repo');
    mkdirSync(path.join(root, 'tool'), { recursive: true });
    writeFileSync(path.join(root, 'perfgate.yml'), CONFIG);
    writeFileSync(path.join(root, 'tool', 'hash.mjs'), tool(150_000));
    writeFileSync(path.join(root, 'tool', 'steady.mjs'), tool(150_000));
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'base');
    // Node's start-up (~40 ms) is common to both sides: doubling the hashing makes the run clearly slower.
    writeFileSync(path.join(root, 'tool', 'hash.mjs'), tool(450_000));
    git(root, 'commit', '-qam', 'head');

    const run = runCli(['run', '--base', 'HEAD~1'], root);
    expect(run.status, run.stdout + run.stderr).toBe(1);
    const report = JSON.parse(readFileSync(path.join(root, '.perfgate', 'report.json'), 'utf8')) as {
      baseline: { method: string };
      benchmarks: { id: string; verdict: string; metrics: { metric: string; verdict: string; test: string; ratio: number }[] }[];
    };
    expect(report.baseline.method).toBe('same-runner');
    const byId = Object.fromEntries(report.benchmarks.map((b) => [b.id, b]));
    const hash = byId['cli/hash']!.metrics.find((m) => m.metric === 'latency')!;
    expect([hash.verdict, hash.test]).toEqual(['fail', 'signed-rank']);
    expect(hash.ratio).toBeGreaterThan(1.3);
    expect(byId['cli/steady']!.metrics.find((m) => m.metric === 'latency')!.verdict).not.toBe('fail');
    expect(run.stdout).toMatch(/cli\/hash\s+latency \(median\).*fail/);
  }, 240_000);
});
