import { describe, expect, it } from 'vitest';
import { combineShards } from '../../src/action/merge-run.js';
import type { Settings, SuiteSettings } from '../../src/config/settings.js';
import { evaluate } from '../../src/core/evaluate.js';
import type { BenchmarkResult, Report, Results } from '../../src/core/model.js';
import { renderMarkdown } from '../../src/core/render/markdown.js';
import { planShards } from '../../src/core/shard-plan.js';
import { ShardMergeError, type ShardUpload } from '../../src/github/shard-artifacts.js';
import type { ShardRecord } from '../../src/results/shard-schema.js';
import { interleavedSuites } from '../../src/runners/ab-run.js';
import { mulberry32 } from '../../src/runners/shuffle.js';
import { latency, policyOf, results } from '../helpers/fixtures.js';

const BASE_SHA = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
const HEAD_SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const SUITES = Array.from({ length: 12 }, (_, i) => `s${i + 1}`);
const settings = { suites: SUITES.map((name) => ({ name, type: 'tinybench' })) } as unknown as Settings;
const policy = policyOf();
const SAME_RUNNER = { method: 'same-runner' as const, source: `commit ${BASE_SHA.slice(0, 12)} (${BASE_SHA})`, commit: BASE_SHA };
const runner = { cpu: 'Test CPU', cores: 4, memoryBytes: 8e9, os: 'linux', arch: 'x64', node: '22.0.0' };

/** Head against base per suite: two clear regressions, a small one, an improvement, the rest unchanged. */
const FACTOR: Record<string, number> = { s1: 1.3, s2: 1.04, s3: 0.8, s6: 1.25 };

/**
 * One A/B run of 12 suites, two benchmarks each, 10 paired rounds that drift together, as a
 * single job would have measured it.
 */
function measured(): { base: Results; head: Results; durations: Record<string, number> } {
  const random = mulberry32(7);
  const base: BenchmarkResult[] = [];
  const head: BenchmarkResult[] = [];
  const durations: Record<string, number> = {};
  for (const suite of SUITES) {
    durations[suite] = 200 + Math.round(random() * 2000);
    for (const name of ['fast', 'slow']) {
      const scale = name === 'fast' ? 1 : 40;
      const b: number[][] = [];
      const h: number[][] = [];
      for (let r = 0; r < 10; r++) {
        const drift = scale * (80 + random() * 120);
        const sample = () => drift * (1 + (random() - 0.5) * 0.02);
        b.push([sample(), sample(), sample()]);
        h.push([sample() * (FACTOR[suite] ?? 1), sample() * (FACTOR[suite] ?? 1), sample() * (FACTOR[suite] ?? 1)]);
      }
      base.push(latency(`${suite}/${name}`, b));
      head.push(latency(`${suite}/${name}`, h));
    }
  }
  const meta = { time: '2026-03-11T10:00:00.000Z', tool: { name: 'perfgate', version: '0.1.0' }, runner };
  const headResults = { ...results(head, { ...meta, commit: HEAD_SHA, durations }), warnings: ['s2: a task ran fewer samples than asked', 's7: the suite printed to stderr'] };
  return { base: results(base, { ...meta, commit: BASE_SHA, durations }), head: headResults, durations };
}

function slice(all: Results, suites: readonly string[]): Results {
  const keep = new Set(suites);
  const durations = Object.fromEntries(Object.entries(all.meta.durations ?? {}).filter(([s]) => keep.has(s)));
  return {
    ...all,
    meta: { ...all.meta, durations },
    benchmarks: all.benchmarks.filter((b) => keep.has(b.suite)),
    warnings: all.warnings.filter((w) => suites.some((s) => w.startsWith(`${s}: `))),
  };
}

/** The artifacts four shard jobs would have uploaded for the same measurements. */
function shardsOf(run: ReturnType<typeof measured>, method: 'same-runner' | 'artifact', count = 4, suspects: string[] = []): ShardUpload[] {
  const plan = planShards(SUITES, run.durations, count);
  return plan.map((suites, i): ShardUpload => {
    const mine = suspects.filter((id) => suites.includes(id.split('/')[0]!));
    const record: ShardRecord = {
      schema: 'perfgate/shard',
      version: 1,
      index: i + 1,
      count,
      suites,
      plan,
      balance: 'durations',
      durationsFrom: 'artifact: artifact perfgate-baseline #3 from run 900',
      method: suites.length === 0 ? 'artifact' : method,
      ...(method === 'same-runner' && suites.length > 0 ? { baseline: SAME_RUNNER } : {}),
      ...(mine.length > 0 ? { confirmation: { rounds: 3, benchmarks: mine } } : {}),
    };
    return {
      artifact: { id: 100 + i, name: `perfgate-results-shard-${i + 1}-of-${count}`, size_in_bytes: 1, expired: false },
      record,
      head: slice(run.head, suites),
      base: method === 'same-runner' && suites.length > 0 ? slice(run.base, suites) : null,
    };
  });
}

/** What measureSameRunner would have decided in one job, confirmation rounds included. */
function singleSameRunner(run: ReturnType<typeof measured>, suspects: string[] = []): Report {
  const report = evaluate({ head: run.head, base: run.base, baseline: SAME_RUNNER, policy, paired: interleavedSuites(settings.suites), warnings: [] });
  if (suspects.length === 0) return report;
  const failing = new Set(report.benchmarks.filter((b) => b.verdict === 'fail' || b.verdict === 'critical').map((b) => b.id));
  return { ...report, confirmation: { rounds: 3, benchmarks: suspects, confirmed: suspects.filter((id) => failing.has(id)), cleared: suspects.filter((id) => !failing.has(id)) } };
}

describe('merging the shards of one run', () => {
  it('decides the same-runner verdict over all benchmarks at once: the same report and comment as a single job', () => {
    const run = measured();
    const suspects = ['s1/fast', 's2/slow', 's6/slow'];
    const single = singleSameRunner(run, suspects);
    const merged = combineShards(shardsOf(run, 'same-runner', 4, suspects), settings, policy);
    expect(merged.sameRunner).toBeDefined();
    expect(merged.sameRunner).toEqual(single);
    expect(renderMarkdown(merged.sameRunner!)).toBe(renderMarkdown(single));
    expect(merged.head).toEqual(run.head);
    expect(merged.base).toEqual(run.base);
    // Not an accident of the data: the table has every kind of row, and Holm saw all 24 comparisons.
    expect(new Set(single.benchmarks.map((b) => b.verdict))).toEqual(new Set(['fail', 'warn', 'improved', 'pass']));
    const s1 = shardsOf(run, 'same-runner').find((s) => s.record.suites.includes('s1'))!;
    const alone = evaluate({ head: s1.head, base: s1.base, baseline: SAME_RUNNER, policy, paired: true });
    const holm = (report: Report) => report.benchmarks.find((b) => b.id === 's1/fast')!.metrics[0]!.pHolm;
    expect(holm(alone)).toBeLessThan(holm(single)!);
  });

  it('unites the head results in configuration order, so the baseline decides as it would for a single job', () => {
    const run = measured();
    const baseline = { method: 'artifact' as const, source: 'artifact perfgate-baseline #3 from run 900', commit: BASE_SHA };
    const merged = combineShards(shardsOf(run, 'artifact'), settings, policy);
    expect(merged.sameRunner).toBeUndefined();
    expect(merged.base).toBeNull();
    expect(merged.head).toEqual(run.head);
    expect(merged.head.benchmarks.map((b) => b.id)).toEqual(run.head.benchmarks.map((b) => b.id));
    const single = evaluate({ head: run.head, base: run.base, baseline, policy });
    const fromShards = evaluate({ head: merged.head, base: run.base, baseline, policy, warnings: merged.warnings });
    expect(renderMarkdown(fromShards)).toBe(renderMarkdown(single));
  });

  it('ignores a shard that had no suite to run', () => {
    const run = measured();
    const shards = shardsOf(run, 'same-runner', 13);
    expect(shards[12]!.record.suites).toEqual([]);
    const merged = combineShards(shards, settings, policy);
    expect(merged.sameRunner).toEqual(singleSameRunner(run));
  });

  it('compares every shard with the baseline when one of them could not re-run the base, and says which', () => {
    const run = measured();
    const shards = shardsOf(run, 'same-runner');
    shards[2] = { ...shards[2]!, base: null, record: { ...shards[2]!.record, method: 'artifact', warnings: ['same-runner comparison impossible: git fetch failed'] } };
    const { baseline: _dropped, ...record } = shards[2]!.record;
    shards[2] = { ...shards[2]!, record };
    const merged = combineShards(shards, settings, policy);
    expect(merged.sameRunner).toBeUndefined();
    expect(merged.base).toBeNull();
    expect(merged.warnings).toEqual([
      'same-runner comparison impossible: git fetch failed',
      'shard 3 could not compare on its own runner, so every shard is compared with the baseline instead of its base re-run',
    ]);
  });

  it('names the suites the shards lost or ran twice when they planned differently', () => {
    const run = measured();
    const shards = shardsOf(run, 'artifact');
    // Shard 2 found no baseline and dealt the suites round-robin.
    const roundRobin = planShards(SUITES, undefined, 4);
    shards[1] = { ...shards[1]!, head: slice(run.head, roundRobin[1]!), record: { ...shards[1]!.record, suites: roundRobin[1]!, plan: roundRobin, balance: 'round-robin' } };
    const { durationsFrom: _none, ...record } = shards[1]!.record;
    shards[1] = { ...shards[1]!, record };
    let error: unknown;
    try {
      combineShards(shards, settings, policy);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ShardMergeError);
    expect((error as Error).message).toMatch(
      /^the shards did not split the suites alike \(shard 1: by durations from artifact: artifact perfgate-baseline #3 from run 900; shard 2: round-robin; shard 3: by durations .*\), so each must read the same baseline: suite s\d+ ran in/,
    );
  });

  it('refuses a benchmark that two shards report', () => {
    const run = measured();
    const shards = shardsOf(run, 'artifact');
    const stray = shards[0]!.head.benchmarks[0]!;
    shards[3] = { ...shards[3]!, head: { ...shards[3]!.head, benchmarks: [...shards[3]!.head.benchmarks, stray] } };
    expect(() => combineShards(shards, settings, policy)).toThrow(new ShardMergeError(`benchmark ${stray.id} was measured by shard 1 and by shard 4: each benchmark must come from one shard`));
  });

  it('refuses shards that ran suites this configuration does not have', () => {
    const run = measured();
    const fewer = { suites: settings.suites.slice(0, 11) as SuiteSettings[] } as unknown as Settings;
    expect(() => combineShards(shardsOf(run, 'artifact'), fewer, policy)).toThrow(/^the shard jobs read another configuration than this job: shard \d ran suite s12, which the configuration of this job does not have$/);
  });
});
