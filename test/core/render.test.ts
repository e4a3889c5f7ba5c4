import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareResults } from '../../src/core/compare.js';
import type { Results } from '../../src/core/model.js';
import { renderMarkdown } from '../../src/core/render/markdown.js';
import { changeText } from '../../src/core/render/rows.js';
import { renderTerminal } from '../../src/core/render/terminal.js';
import { decideVerdict } from '../../src/core/verdict.js';
import { expectGolden } from '../helpers/golden.js';
import { latency, policyOf, range, replicates, results } from '../helpers/fixtures.js';

const GOLDEN = path.join(import.meta.dirname, '..', 'golden');
const NASTY = 'a|b <img src=x> @everyone `x`';
const runner = { cpu: 'Test CPU 3000', cores: 2, memoryBytes: 2 ** 34, os: 'Linux 6.1', arch: 'x64', node: 'v24.0.0' };

function spread(center: number, n: number, width: number): number[] {
  return range(0, n).map((i) => center * (1 - width + (2 * width * i) / (n - 1)));
}

function report(base: Results, head: Results) {
  return decideVerdict(compareResults(base, head, policyOf()), {
    alpha: 0.05,
    power: 0.8,
    baseline: { method: 'committed', source: 'baselines/perfgate.json', commit: '0123456789abcdef0123' },
    head: head.meta,
    base: base.meta,
    warnings: ['a warning with <b>html</b> and @someone'],
  });
}

function sampleReport() {
  const base = results(
    [
      latency('parse/small', replicates(spread(0.0123, 20, 0.03))),
      latency('parse/large', replicates(spread(12.5, 20, 0.03))),
      latency('render/table', replicates(spread(2.2, 20, 0.01))),
      latency(`odd/${NASTY}`, replicates(spread(1, 20, 0.02))),
      latency('noisy/x', replicates([90, 100, 110])),
      latency('gone/old', replicates(spread(1, 20, 0.02))),
      latency('crash/boom', replicates(spread(1, 20, 0.02))),
    ],
    { commit: '0123456789abcdef0123', time: '2026-11-20T10:00:00.000Z', runner, tool: { name: 'perfgate', version: '0.1.0' } },
  );
  const head = results(
    [
      latency('parse/small', replicates(spread(0.0123, 20, 0.03))),
      latency('parse/large', replicates(spread(15, 20, 0.03))),
      latency('render/table', replicates(spread(2.31, 20, 0.01))),
      latency(`odd/${NASTY}`, replicates(spread(0.7, 20, 0.02))),
      latency('noisy/x', replicates([95, 108, 121])),
      latency('crash/boom', [], 'round 2 exited with code 1: Error: boom | at bench/crash.mjs:3'),
      latency('fresh/new', replicates(spread(3, 20, 0.02))),
    ],
    { commit: 'fedcba9876543210fedc', time: '2026-11-23T10:00:00.000Z', runner, tool: { name: 'perfgate', version: '0.1.0' } },
  );
  return report(base, head);
}

describe('renderMarkdown', () => {
  it('renders the comment: headline, what changed first, why, the full table, warnings, environment', () => {
    expectGolden(renderMarkdown(sampleReport(), { marker: '<!-- perfgate -->' }), path.join(GOLDEN, 'comment.md'));
  });

  it('keeps a hostile benchmark name inside one row and mentions no one', () => {
    const text = renderMarkdown(sampleReport());
    const rows = text.split('\n').filter((line) => line.includes('img src'));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).not.toMatch(/<img/);
      expect(row).not.toMatch(/@everyone/);
      // Unescaped pipes delimit cells: a table row of 6 cells has exactly 7.
      if (row.startsWith('|')) expect(row.replace(/\\\|/g, '').split('|').length - 1).toBe(7);
    }
    expect(text).not.toMatch(/@someone/);
  });

  it('says there is nothing to compare yet when there is no baseline', () => {
    const head = results([latency('s/a', replicates([1, 2, 3]))]);
    const r = decideVerdict(compareResults(null, head, policyOf()), {
      alpha: 0.05,
      power: 0.8,
      baseline: { method: 'none', source: 'baselines/perfgate.json' },
      head: head.meta,
      base: null,
      warnings: [],
    });
    expect(renderMarkdown(r).split('\n')[0]).toBe('### 📝 perfgate: results recorded — no baseline to compare with yet');
  });

  it('stays under the cap with failures kept first and says what it cut', () => {
    const n = 3000;
    const base = results(range(0, n).map((i) => latency(`suite/benchmark number ${i} with a long descriptive name`, replicates(spread(10, 12, 0.02)))));
    const head = results(
      range(0, n).map((i) => latency(`suite/benchmark number ${i} with a long descriptive name`, replicates(spread(i % 100 === 0 ? 14 : 10, 12, 0.02)))),
    );
    const text = renderMarkdown(report(base, head));
    expect(text.length).toBeLessThanOrEqual(60_000);
    expect(text).toMatch(/Cut to stay under 60000 characters: .* not shown\. report\.json has everything\./);
    const firstRow = text.split('\n').find((line) => line.startsWith('| suite/'));
    expect(firstRow).toMatch(/❌ fail \|$/);
  });
});

describe('a same-runner report', () => {
  // Ten paired rounds: base medians 100..109, head 1.2 times those for "slow", equal for "same".
  function sameRunnerReport() {
    const baseRounds = range(100, 10).map((m) => [m - 1, m, m + 1]);
    const slower = baseRounds.map((round) => round.map((v) => v * 1.2));
    const meta = { time: '2026-12-04T10:00:00.000Z', runner, tool: { name: 'perfgate', version: '0.1.0' } };
    const base = results([latency('w/slow', baseRounds), latency('w/same', baseRounds)], { ...meta, commit: '1111111111111111aaaa' });
    const head = results([latency('w/slow', slower), latency('w/same', baseRounds)], { ...meta, commit: '2222222222222222bbbb' });
    const r = decideVerdict(compareResults(base, head, policyOf(), { confidence: 0.95, seed: 1, paired: true }), {
      alpha: 0.05,
      power: 0.8,
      baseline: { method: 'same-runner', source: 'commit 1111111111111111 (origin/main)', commit: '1111111111111111aaaa' },
      head: head.meta,
      base: base.meta,
      warnings: [],
    });
    return { ...r, confirmation: { rounds: 10, benchmarks: ['w/slow'], confirmed: ['w/slow'], cleared: [] } };
  }

  it('says which method decided, which test, and what the confirmation rounds found', () => {
    expectGolden(renderMarkdown(sameRunnerReport()), path.join(GOLDEN, 'comment-same-runner.md'));
    const terminal = renderTerminal(sameRunnerReport(), { color: false }).split('\n');
    const withMain = { ...sameRunnerReport(), main: { source: 'artifact perfgate-baseline #7 from run 9', values: { 'w/slow': { latency: [104.5, 101, 99, 103] } } } };
    expectGolden(renderMarkdown(withMain), path.join(GOLDEN, 'comment-same-runner-main.md'));
    expect(terminal.slice(0, 3)).toEqual([
      'perfgate FAIL: 1 fail, 1 pass',
      'compared with the base commit 1111111111111111 (origin/main) re-run on this runner',
      'Confirmation: 10 extra rounds per side for 1 suspected regression: failing w/slow.',
    ]);
  });
});

describe('renderTerminal', () => {
  it('renders the rows that matter as an aligned table', () => {
    expectGolden(renderTerminal(sampleReport(), { color: false }) + '\n', path.join(GOLDEN, 'terminal.txt'));
  });

  it('strips control characters from names', () => {
    const base = results([latency('s/\u001b[31mred', replicates(spread(1, 10, 0.01)))]);
    const head = results([latency('s/\u001b[31mred', replicates(spread(2, 10, 0.01)))]);
    expect(renderTerminal(report(base, head), { color: false })).not.toContain('\u001b');
  });
});

describe('changeText', () => {
  const metric = {
    metric: 'latency',
    unit: 's',
    direction: 'smaller' as const,
    statistic: 'median' as const,
    base: null,
    head: null,
    ratio: 1.1,
    ci: [1.02, 1.2] as [number, number],
    p: 0.01,
    pHolm: 0.03,
    pBh: 0.03,
    test: 'mann-whitney' as const,
    verdict: 'warn' as const,
    reasons: [],
    gated: true,
  };

  it('marks a change "~" when its BH p is not under the alpha the report decided with', () => {
    expect(changeText(metric)).toBe('+10.0% (+2.0% … +20.0%)');
    expect(changeText(metric, 0.05)).toBe('+10.0% (+2.0% … +20.0%)');
    expect(changeText(metric, 0.01)).toBe('~ +10.0% (+2.0% … +20.0%)');
  });
});
