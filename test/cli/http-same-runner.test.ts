import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyExampleService, processesUnder, setServiceKnob } from '../helpers/example-service.js';
import { git } from '../helpers/git-repo.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'perfgate-http-ab-'));
afterAll(() => (process.env.KEEP_HTTP ? undefined : rmSync(dir, { recursive: true, force: true })));

// A fixed request rate, well under what the service can answer: each request's latency is then its
// own service time plus the queue it meets, so 30% more work shows in the p95. At a fixed concurrency
// on two cores, the p95 of a round jumps between one and two queue lengths (client and service
// falling in and out of step), and 3 runs in 14 could not decide. Many short rounds rather
// than a few long ones: a slow spell of the machine lasts seconds and spoils one or two pairs of 18.
const CONFIG = `version: 1
same-runner:
  confirm-rounds: 4
suites:
  - name: api
    type: http
    start: node server.mjs
    cwd: service
    ready: /health
    requests:
      - name: work
        path: /work
    load: { rate: 150/s, connections: 4, duration: 1s }
    warmup: 500ms
    rounds: 14
`;

/** The example service in a repository whose HEAD changes one knob of examples/http-service/config.mjs. */
function repository(name: string, knob: 'WORK_FACTOR' | 'ERROR_RATE', value: number): string {
  const root = path.join(dir, name);
  copyExampleService(root);
  writeFileSync(path.join(root, 'perfgate.yml'), CONFIG);
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'base');
  setServiceKnob(root, knob, value);
  git(root, 'commit', '-qam', 'head');
  return root;
}

interface ReportJson {
  baseline: { method: string };
  benchmarks: { id: string; verdict: string; metrics: { metric: string; statistic: string; verdict: string; ratio: number; ci: [number, number] }[] }[];
}

const report = (root: string) => JSON.parse(readFileSync(path.join(root, '.perfgate', 'report.json'), 'utf8')) as ReportJson;

describe.skipIf(process.platform !== 'linux')('http suites, same-runner (built CLI)', { timeout: 150_000 }, () => {
  it('fails the p95 latency of a service made 30% slower in HEAD, and leaves no process behind', () => {
    const root = repository('slower', 'WORK_FACTOR', 1.3);
    const run = runCli(['run', '--base', 'HEAD~1'], root);
    expect(run.status, run.stderr).toBe(1);
    const r = report(root);
    expect(r.baseline.method).toBe('same-runner');
    const work = r.benchmarks.find((b) => b.id === 'api/work')!;
    const p95 = work.metrics.find((m) => m.metric === 'latency')!;
    expect([p95.statistic, p95.verdict]).toEqual(['p95', 'fail']);
    // Queueing adds to the 30% of the hashing (a request waits behind slower ones too) and HTTP
    // handling takes from it; runs here gave ratios of 1.37 to 1.47. What matters is that the
    // interval lies above 1.
    expect(p95.ratio).toBeGreaterThan(1.1);
    expect(p95.ci[0]).toBeGreaterThan(1);
    expect(run.stdout).toMatch(/api\/work\s+latency \(p95\).*fail/);
    expect(processesUnder(dir)).toEqual([]);
  });

  it('is critical on the success rate of a service that answers 500 to every 10th request', () => {
    const root = repository('flaky', 'ERROR_RATE', 0.1);
    const run = runCli(['run', '--base', 'HEAD~1'], root);
    expect(run.status, run.stderr).toBe(1);
    const success = report(root)
      .benchmarks.find((b) => b.id === 'api/work')!
      .metrics.find((m) => m.metric === 'success-rate')!;
    expect(success.verdict).toBe('critical');
    // Every 10th request fails, so each round of ~150 requests lands within a request of 90%.
    expect(run.stdout).toMatch(/success-rate \(mean\)\s+100(\.0)?%\s+(89\.\d+|90(\.\d+)?)%.*critical/);
    expect(processesUnder(dir)).toEqual([]);
  });
});
