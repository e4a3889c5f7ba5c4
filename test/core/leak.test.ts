import { describe, expect, it } from 'vitest';
import { compareResults } from '../../src/core/compare.js';
import type { BenchmarkResult, NonEmpty, Results } from '../../src/core/model.js';
import { reportRows } from '../../src/core/render/rows.js';
import { decideVerdict } from '../../src/core/verdict.js';
import { policyOf, replicates, results } from '../helpers/fixtures.js';

/** A tinybench benchmark: latency rounds and the heap it kept per iteration in each round. */
function withHeap(id: string, heap: number[]): BenchmarkResult {
  const [suite, name] = id.split('/') as [string, string];
  return {
    id,
    suite,
    name,
    metrics: [
      { name: 'latency', unit: 'ms', direction: 'smaller', rounds: replicates([1, 1.01, 0.99, 1, 1.02]) as NonEmpty<number>[] },
      { name: 'heap-growth', unit: 'B', direction: 'smaller', rounds: replicates(heap) as NonEmpty<number>[] },
    ],
  };
}

/** The same benchmark with latency only: the heap probe did not fit in any of its rounds. */
function latencyOnly(id: string): BenchmarkResult {
  const full = withHeap(id, [0]);
  return { ...full, metrics: full.metrics.slice(0, 1) };
}

// As resolve-policy.ts sets it up for tinybench suites: shown, not gated, no threshold.
const policy = policyOf({}, { 'heap-growth': { statistic: 'median', regression: null, gate: false } });

function decide(base: Results, head: Results) {
  return decideVerdict(compareResults(base, head, policy), { alpha: 0.05, power: 0.8, baseline: { method: 'file', source: 'b.json' }, head: head.meta, base: base.meta, warnings: [] });
}

describe('heap growth', () => {
  it('warns of a possible leak when the median round keeps 32 B or more per iteration, without failing', () => {
    const report = decide(results([withHeap('s/a', [0.5, -3, 1, 0, 2])]), results([withHeap('s/a', [55.2, 61, 523, -12, 58.5])]));
    const heap = report.benchmarks[0]!.metrics[1]!;
    expect(heap.verdict).toBe('warn');
    expect(heap.reasons).toEqual(['possible leak: the heap keeps about 58.5 B per iteration (median of 5 rounds, after full collections)']);
    expect(report.verdict).toBe('warn');
    expect(reportRows(report).map((r) => r.metric)).toEqual(['latency (median)', 'heap-growth (median)']);
  });

  it('passes a heap that stays flat, leaves it out of the table and out of the tests of the report', () => {
    const report = decide(results([withHeap('s/a', [0.5, -3, 1, 0, 2])]), results([withHeap('s/a', [31, -40, 0.8, 200, 0])]));
    const heap = report.benchmarks[0]!.metrics[1]!;
    expect([heap.verdict, heap.pBh, heap.pHolm]).toEqual(['pass', null, null]);
    expect(reportRows(report).map((r) => r.metric)).toEqual(['latency (median)']);
  });

  it('calls no leak when the heap jumps both ways and only the median lands above 16 B (an async benchmark, measured)', () => {
    const report = decide(results([withHeap('s/a', [0, 0, 0, 0])]), results([withHeap('s/a', [-964, 1327, 1219, -16047])]));
    expect(report.benchmarks[0]!.metrics[1]!.verdict).toBe('pass');
  });

  it('needs three rounds before it calls anything a leak', () => {
    const report = decide(results([withHeap('s/a', [0, 0])]), results([withHeap('s/a', [100, 100])]));
    expect(report.benchmarks[0]!.metrics[1]!.verdict).toBe('pass');
  });

  it('keeps the benchmark\'s own verdict when one side has no heap rounds (the probe did not fit there)', () => {
    for (const [base, head] of [
      [withHeap('s/a', [0, 0, 0]), latencyOnly('s/a')],
      [latencyOnly('s/a'), withHeap('s/a', [0, 0, 0])],
    ] as const) {
      const report = decide(results([base]), results([head]));
      const heap = report.benchmarks[0]!.metrics.find((m) => m.metric === 'heap-growth')!;
      expect(heap.verdict).toBe('pass');
      expect([report.benchmarks[0]!.verdict, report.verdict, report.counts]).toEqual(['pass', 'pass', { pass: 1 }]);
    }
  });

  it('still calls a gated metric that head did not measure missing', () => {
    const gated = policyOf({}, { 'heap-growth': { statistic: 'median', regression: null, gate: true, limits: { fail: 64 } } });
    const head = results([latencyOnly('s/a')]);
    const report = decideVerdict(compareResults(results([withHeap('s/a', [0, 0, 0])]), head, gated), { alpha: 0.05, power: 0.8, baseline: { method: 'file', source: 'b.json' }, head: head.meta, base: null, warnings: [] });
    expect(report.benchmarks[0]!.metrics.find((m) => m.metric === 'heap-growth')!.verdict).toBe('missing');
    expect(report.benchmarks[0]!.verdict).toBe('missing');
  });
});
