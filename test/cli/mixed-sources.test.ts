import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'perfgate-mixed-'));
afterAll(() => (process.env.KEEP_MIXED ? undefined : rmSync(dir, { recursive: true, force: true })));
const FIXTURES = path.join(ROOT, 'test', 'fixtures');

/** Every kind of source in one configuration, with short budgets. */
const CONFIG = `version: 1
defaults:
  rounds: 3
  time: 150ms
suites:
  - name: js
    type: tinybench
    file: bench/ok.bench.mjs
  - name: cli
    type: command
    commands:
      node-start: node -e ""
      list: ls -la
  - name: api
    type: http
    start: node server.mjs
    cwd: service
    ready: /health
    requests:
      - name: work
        path: /work
    load: { connections: 4, duration: 300ms }
    warmup: 100ms
    rounds: 3
  - name: hyperfine
    type: import
    format: hyperfine
    file: imported/two-commands.json
  - name: go
    type: import
    format: go
    file: imported/bench-count5.txt
  - name: pytest
    type: import
    format: pytest-benchmark
    file: imported/*.json
    cwd: py
`;

function project(): string {
  const root = path.join(dir, 'project');
  mkdirSync(path.join(root, 'bench'), { recursive: true });
  mkdirSync(path.join(root, 'imported'));
  mkdirSync(path.join(root, 'py', 'imported'), { recursive: true });
  cpSync(path.join(FIXTURES, 'suites', 'ok.bench.mjs'), path.join(root, 'bench', 'ok.bench.mjs'));
  cpSync(path.join(ROOT, 'examples', 'http-service'), path.join(root, 'service'), { recursive: true, filter: (f) => !f.endsWith('.yml') });
  cpSync(path.join(FIXTURES, 'importers', 'hyperfine', 'two-commands.json'), path.join(root, 'imported', 'two-commands.json'));
  cpSync(path.join(FIXTURES, 'importers', 'go', 'bench-count5.txt'), path.join(root, 'imported', 'bench-count5.txt'));
  cpSync(path.join(FIXTURES, 'importers', 'pytest-benchmark', 'benchmark-json.json'), path.join(root, 'py', 'imported', 'benchmark-json.json'));
  writeFileSync(path.join(root, 'perfgate.yml'), CONFIG);
  return root;
}

describe('a configuration with every kind of source', () => {
  it('gives one report and one table: tinybench, command, http and three imported formats', () => {
    const root = project();
    const first = runCli(['run'], root);
    expect(first.status, first.stderr).toBe(0);
    const save = runCli(['baseline', 'save', '--from', '.perfgate/results.json'], root);
    expect(save.status, save.stderr).toBe(0);

    const second = runCli(['run', '--all'], root);
    expect([0, 1], second.stderr).toContain(second.status);
    const report = JSON.parse(readFileSync(path.join(root, '.perfgate', 'report.json'), 'utf8')) as {
      benchmarks: { id: string; suite: string; verdict: string; metrics: { metric: string; test: string }[] }[];
    };
    expect([...new Set(report.benchmarks.map((b) => b.suite))]).toEqual(['js', 'cli', 'api', 'hyperfine', 'go', 'pytest']);
    expect(report.benchmarks.filter((b) => b.verdict === 'error')).toEqual([]);
    const metrics = (id: string) => report.benchmarks.find((b) => b.id === id)?.metrics.map((m) => m.metric);
    expect(metrics('cli/node-start')).toEqual(['latency', 'cpu-user', 'cpu-system', 'rss']);
    expect(metrics('api/work')).toEqual(['latency', 'throughput', 'success-rate']);
    expect(metrics('api/service')).toEqual(['rss', 'cpu']);
    // heap-growth too, in the rounds where the heap probe fitted in the time (docs/sources/tinybench.md).
    expect(metrics('js/sum 1..100')?.[0]).toBe('latency');
    // Imported samples are compared as replicates; hyperfine's CPU means only as summaries.
    const hyperfine = report.benchmarks.find((b) => b.suite === 'hyperfine')!;
    expect(hyperfine.metrics.map((m) => [m.metric, m.test])).toContainEqual(['cpu-user', 'summaries']);

    const markdown = readFileSync(path.join(root, '.perfgate', 'report.md'), 'utf8');
    const tableHeads = markdown.split('\n').filter((line) => line.startsWith('| Benchmark |'));
    // The table of what changed (if anything did) and the table of all measurements: one table, shown once or twice.
    expect(tableHeads.length).toBeGreaterThanOrEqual(1);
    expect(new Set(tableHeads).size).toBe(1);
    for (const suite of ['js/', 'cli/', 'api/', 'hyperfine/', 'go/', 'pytest/']) expect(markdown).toContain(`| ${suite}`);
  });
});
