import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchmarkResult, Results } from '../../src/core/model.js';
import { startTestGitHub, type TestGitHub } from '../github-server/index.js';
import { runAction, webhookPayload, type ActionRun } from './run-action.js';

const PR = 2;
const RUN = 6000;
const SHARDS = 4;
const prPayload = webhookPayload('pull_request', 'opened');
const { head: { sha: HEAD }, base: { sha: BASE_SHA } } = prPayload['pull_request'] as { head: { sha: string }; base: { sha: string } };
const SUITES = Array.from({ length: 12 }, (_, i) => `s${String(i + 1).padStart(2, '0')}`);
/** Against a baseline ten times faster than this machine, these fail; the others pass. */
const SLOWER = new Set(['s03', 's08']);

let github: TestGitHub;
let project: string;
let single: ActionRun;
let shards: ActionRun[];
let merged: ActionRun;
const scratch: string[] = [];

/**
 * Twelve suites of one to three loops (so that their durations differ and the plan has something
 * to balance). The unchanged suites are shown, not gated, so they pass whatever the machine does;
 * the two slower ones are gated with the 10% check, and as the only gated ones their Holm family
 * is small enough for three head rounds against thirty (whose medians may tie at the timer's
 * resolution) to fail them every time.
 */
function makeShardProject(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'perfgate-shards-'));
  scratch.push(root);
  mkdirSync(path.join(root, 'bench'));
  const entries = SUITES.map((name, i) => {
    // Some 10 µs a call: a few thousand samples a round, not millions.
    const tasks = Array.from({ length: (i % 3) + 1 }, (_, t) => `  bench.add('loop ${t + 1}', () => {\n    let sum = 0;\n    for (let i = 0; i < ${20_000 * (t + 1)}; i++) sum += i % 7;\n    return sum;\n  });`);
    writeFileSync(path.join(root, 'bench', `${name}.bench.mjs`), `export default (bench) => {\n${tasks.join('\n')}\n};\n`);
    const thresholds = SLOWER.has(name) ? '    thresholds:\n      latency: { regression: 10%, gate: true }\n' : '';
    return `  - name: ${name}\n    type: tinybench\n    file: bench/${name}.bench.mjs\n${thresholds}`;
  });
  const config = [
    'version: 1',
    'compare: artifact',
    'defaults:',
    '  rounds: 3',
    '  time: 60ms',
    '  warmup: 10ms',
    '  timeout: 20s',
    '  thresholds:',
    '    latency:',
    '      regression: off',
    '      gate: false',
    'suites:',
    ...entries,
  ];
  writeFileSync(path.join(root, 'perfgate.yml'), `${config.join('\n')}\n`);
  return root;
}

/** Each job of a workflow has its own checkout. */
function checkout(): string {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'perfgate-shards-job-'));
  scratch.push(copy);
  cpSync(project, copy, { recursive: true });
  return copy;
}

/**
 * Main's baseline from a real run of the same suites: unchanged for most, ten times faster (and
 * thirty rounds, so that three head rounds can be significant after Holm) for the slower ones.
 */
function baselineFrom(recorded: Results): Results {
  const faster = (b: BenchmarkResult): BenchmarkResult => ({
    ...b,
    metrics: b.metrics.map((m) => {
      if (m.name !== 'latency' || !m.rounds) return m;
      const rounds = Array.from({ length: 30 }, (_, r) => m.rounds![r % m.rounds!.length]!.map((v) => (v / 10) * (1 + r / 1000)));
      return { ...m, rounds: rounds as typeof m.rounds };
    }),
  });
  return { ...recorded, meta: { ...recorded.meta, commit: BASE_SHA }, benchmarks: recorded.benchmarks.map((b) => (SLOWER.has(b.suite) ? faster(b) : b)), warnings: [] };
}

function pr(dir: string, inputs: Record<string, string>, runId: number, upload = false): Promise<ActionRun> {
  return runAction(dir, {
    apiUrl: github.url,
    token: github.token,
    event: 'pull_request',
    payload: prPayload,
    runId,
    inputs,
    ...(upload ? { resultsUrl: github.resultsUrl, runtimeToken: github.runtimeFor({ runId, headBranch: 'changes', headSha: HEAD }) } : {}),
  });
}

const commentOf = (id: string) => github.comments(PR).find((c) => c.body?.startsWith(`<!-- perfgate:comment id=${id} -->`))?.body ?? '';

/** The full table of a comment: its header, and benchmark, metric and verdict of each row. */
function table(comment: string): { header: string; rows: string[][] } {
  const lines = comment.split('\n');
  const start = lines.findIndex((l) => l.startsWith('<details><summary>All '));
  const end = lines.indexOf('</details>', start);
  const rows = lines.slice(start + 2, end).filter((l) => l.startsWith('|'));
  const cells = (line: string) => line.split('|').slice(1, -1).map((c) => c.trim());
  return { header: rows[0]!, rows: rows.slice(2).map((r) => [cells(r)[0]!, cells(r)[1]!, cells(r).at(-1)!]) };
}

beforeAll(async () => {
  github = await startTestGitHub({ owner: 'Codertocat', repo: 'Hello-World', repositoryId: 186853002 });
  project = makeShardProject();
  const recording = checkout();
  const first = await pr(recording, { comment: 'never' }, 5000);
  expect(first.status, first.stdout + first.stderr).toBe(0);
  const recorded = JSON.parse(readFileSync(path.join(recording, '.perfgate', 'results.json'), 'utf8')) as Results;
  expect(Object.keys(recorded.meta.durations ?? {}).sort()).toEqual(SUITES);
  github.addArtifact({ name: 'perfgate-baseline', files: { 'results.json': JSON.stringify(baselineFrom(recorded)) }, runId: 900, headBranch: 'master', headSha: BASE_SHA });

  single = await pr(checkout(), { 'comment-id': 'single' }, 5001);
  // The matrix: four jobs of one workflow run, side by side, each uploading its slice.
  shards = await Promise.all(Array.from({ length: SHARDS }, (_, i) => pr(checkout(), { shard: `${i + 1}/${SHARDS}` }, RUN, true)));
  merged = await pr(checkout(), { mode: 'merge' }, RUN);
}, 240_000);

afterAll(async () => {
  await github?.close();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('matrix shards against the GitHub API test server', () => {
  it('runs a balanced slice in each shard job, uploads it and posts nothing', () => {
    for (const [i, run] of shards.entries()) {
      expect(run.status, `shard ${i + 1}: ${run.stdout}${run.stderr}`).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`perfgate shard ${i + 1} of 4: .* \\(balanced by the durations recorded in artifact: artifact perfgate-baseline #\\d+ from run 900\\)`));
      expect(run.outputs['comment-url']).toBe('');
    }
    const uploaded = github.artifacts().filter((a) => a.runId === RUN);
    expect(uploaded.map((a) => a.name).sort()).toEqual([1, 2, 3, 4].map((k) => `perfgate-results-shard-${k}-of-4`));
    const records = uploaded.map((a) => {
      const files = unzipSync(a.zip);
      expect(Object.keys(files).sort()).toEqual(['report.json', 'results.json', 'shard.json']);
      return JSON.parse(new TextDecoder().decode(files['shard.json'])) as { index: number; suites: string[]; plan: string[][]; balance: string; method: string };
    });
    expect(records.flatMap((r) => r.suites).sort()).toEqual(SUITES);
    for (const r of records) {
      expect(r).toMatchObject({ balance: 'durations', method: 'artifact', plan: records[0]!.plan });
      expect(r.suites).toEqual(r.plan[r.index - 1]);
      expect(r.suites.length).toBeGreaterThan(0);
    }
    // Only the single job and the merge job comment.
    expect(github.comments(PR).map((c) => c.body!.split('\n')[0])).toEqual(['<!-- perfgate:comment id=single -->', '<!-- perfgate:comment id=perfgate -->']);
  });

  it('merges the four shards into one comment with the table of a single job: same benchmarks, order and verdicts', () => {
    expect(single.status, single.stdout + single.stderr).toBe(1);
    expect(merged.status, merged.stdout + merged.stderr).toBe(1);
    expect(merged.stdout).toMatch(/merged 4 shards: 24 benchmarks of 12 suites/);
    const one = commentOf('single');
    const all = commentOf('perfgate');
    // The headline counts the verdicts; the numbers in the rows differ from run to run.
    expect(all.split('\n')[1]).toBe(one.split('\n')[1]);
    expect(one.split('\n')[1]).toMatch(/^### .* perfgate: fail — 5 fail, 19 pass$/);
    expect(table(all)).toEqual(table(one));
    const rows = table(one).rows.filter((r) => r[1]!.startsWith('latency'));
    expect(rows).toHaveLength(24);
    expect(rows.map((r) => [r[0]!.split('/')[0], r[2]])).toEqual(
      SUITES.flatMap((s, i) => Array.from({ length: (i % 3) + 1 }, () => [s, SLOWER.has(s) ? '❌ fail' : '✅ pass'])),
    );
    for (const key of ['verdict', 'regressions', 'improvements', 'baseline-source']) expect(merged.outputs[key], key).toBe(single.outputs[key]);
    expect(merged.outputs['comment-url']).toBe(github.comments(PR).find((c) => c.body!.startsWith('<!-- perfgate:comment id=perfgate -->'))!.html_url);
    expect(merged.summary).toMatch(/perfgate: fail/);
  });

  it('fails the merge job, naming the shard, when one shard job left no artifact', async () => {
    const other = RUN + 1;
    for (const a of github.artifacts().filter((x) => x.runId === RUN && !x.name.includes('-shard-3-'))) {
      github.addArtifact({ name: a.name, files: {}, rawZip: a.zip, runId: other, headBranch: 'changes', headSha: HEAD });
    }
    const before = github.comments(PR).map((c) => c.body);
    const run = await pr(checkout(), { mode: 'merge' }, other);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('::error::shard 3 of 4 ("perfgate-results-shard-3-of-4") was not uploaded by this run: did its job fail?');
    expect(github.comments(PR).map((c) => c.body)).toEqual(before);
  });

  it('made no request that GitHub would reject', () => {
    expect(github.validationErrors).toEqual([]);
  });
});
