import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/stats.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'perfgate-compare-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** n latency samples around `center` ms with relative Gaussian noise `noise`, from a seed. */
function draw(seed: number, n: number, center: number, noise: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => {
    const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return center * (1 + noise * gaussian);
  });
}

function minimal(file: string, samples: number[]): string {
  const full = path.join(dir, file);
  writeFileSync(full, JSON.stringify({ benchmarks: [{ name: 'startup', unit: 'ms', samples }] }));
  return full;
}

describe('perfgate compare (built CLI)', () => {
  it('fails a 20% slowdown with 3% noise, with an interval around 1.20, and exits 1', () => {
    const base = minimal('base.json', draw(1, 30, 100, 0.03));
    const head = minimal('slow.json', draw(2, 30, 120, 0.03));
    const out = path.join(dir, 'out');
    const run = runCli(['compare', base, head, '--out', out], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^perfgate FAIL: 1 fail/);
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
    const m = report.benchmarks[0].metrics[0];
    expect(m.verdict).toBe('fail');
    expect(m.ci[0]).toBeLessThan(1.2);
    expect(m.ci[1]).toBeGreaterThan(1.2);
    expect(m.ci[1] - m.ci[0]).toBeLessThan(0.06);
    expect(readFileSync(path.join(out, 'report.md'), 'utf8')).toMatch(/❌ perfgate: fail/);
  });

  it('passes two draws of the same distribution and exits 0', () => {
    for (const seed of [3, 5, 7, 9, 11]) {
      const base = minimal('a.json', draw(seed, 30, 100, 0.03));
      const head = minimal('b.json', draw(seed + 100, 30, 100, 0.03));
      const run = runCli(['compare', base, head], dir);
      expect(run.status, run.stdout).toBe(0);
    }
  });

  it('lets --threshold tighten the gate for a quick check', () => {
    const base = minimal('base5.json', draw(21, 30, 100, 0.01));
    const head = minimal('head5.json', draw(22, 30, 107, 0.01));
    expect(runCli(['compare', base, head], dir).status).toBe(0);
    expect(runCli(['compare', base, head, '--threshold', '5%'], dir).status).toBe(1);
    const bad = runCli(['compare', base, head, '--threshold', 'five'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe('perfgate: --threshold: expected a relative change like "10%", got "five"');
  });

  it('answers usage mistakes with exit 2 and one line', () => {
    for (const args of [['compare', 'only-one.json'], ['compare', '--bogus', 'a', 'b'], ['frobnicate'], []]) {
      const run = runCli(args, dir);
      expect(run.status, args.join(' ')).toBe(2);
    }
    expect(runCli(['compare', 'missing-a.json', 'missing-b.json'], dir).stderr.trim()).toMatch(/^perfgate: missing-[ab]\.json: \(file\): expected a readable results file: no such file$/);
  });

  it('prints help for every command with exit 0', () => {
    for (const args of [['--help'], ['run', '--help'], ['compare', '--help'], ['baseline', '--help'], ['baseline', 'save', '--help']]) {
      const run = runCli(args, dir);
      expect(run.status, args.join(' ')).toBe(0);
      expect(run.stdout).toMatch(/Usage: perfgate/);
    }
  });
});
