import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { failureMessage } from '../../src/action/fail-policy.js';
import { exitCodeFor, EXIT } from '../../src/cli/exit-codes.js';
import { applyAcceptances, parseAcceptCommands } from '../../src/core/accept.js';
import { compareResults } from '../../src/core/compare.js';
import { createMergeEntry } from '../../src/core/merge-log.js';
import type { Acceptance } from '../../src/core/model.js';
import { renderMarkdown } from '../../src/core/render/markdown.js';
import { renderMergeLogMarkdown } from '../../src/core/render/merge-log-markdown.js';
import { renderTerminal } from '../../src/core/render/terminal.js';
import { decideVerdict } from '../../src/core/verdict.js';
import { mergeLogSchema } from '../../src/results/merge-log-schema.js';
import { latency, policyOf, range, replicates, results } from '../helpers/fixtures.js';
import { expectGolden } from '../helpers/golden.js';

const COMMAND = '/perfgate accept';

describe('parseAcceptCommands', () => {
  it('reads one command per line: a bare or quoted target, then the reason', () => {
    const body = [
      'Thanks for the numbers.',
      '/perfgate accept js/parse the new parser validates its input',
      '  /perfgate accept ALL   we trade speed for safety  ',
      '/PerfGate  Accept "js/sum 1..100" exact sums are slower by design',
      '/perfgate accept `js/sum 1..100` exact',
      '/perfgate accept ``a `b` c/d`` odd name',
    ].join('\r\n');
    expect(parseAcceptCommands(body, COMMAND)).toEqual([
      { ok: true, target: 'js/parse', reason: 'the new parser validates its input' },
      { ok: true, target: 'all', reason: 'we trade speed for safety' },
      { ok: true, target: 'js/sum 1..100', reason: 'exact sums are slower by design' },
      { ok: true, target: 'js/sum 1..100', reason: 'exact' },
      { ok: true, target: 'a `b` c/d', reason: 'odd name' },
    ]);
  });

  it('says what is wrong with a command it cannot read', () => {
    const body = ['/perfgate accept js/parse', '/perfgate accept', '/perfgate accept "js/sum 1..100 exact', '/perfgate accept `js/sum', '/perfgate accept "js/sum"exact', '/perfgate accept "" why'].join('\n');
    expect(parseAcceptCommands(body, COMMAND)).toEqual([
      { ok: false, line: '/perfgate accept js/parse', problem: 'it gives no reason' },
      { ok: false, line: '/perfgate accept', problem: 'it names no benchmark and gives no reason' },
      { ok: false, line: '/perfgate accept "js/sum 1..100 exact', problem: 'the double quote around the benchmark is not closed' },
      { ok: false, line: '/perfgate accept `js/sum', problem: 'the backticks around the benchmark are not closed' },
      { ok: false, line: '/perfgate accept "js/sum"exact', problem: 'a space must follow the quoted benchmark' },
      { ok: false, line: '/perfgate accept "" why', problem: 'the benchmark name is empty' },
    ]);
  });

  it('ignores other words, quotes, mid-line mentions and examples in code blocks', () => {
    const body = [
      '/perfgate accepted js/parse no',
      '> /perfgate accept js/parse quoted from someone else',
      'You can write `/perfgate accept all why` here.',
      '```',
      '/perfgate accept all an example',
      '```',
      '~~~~md',
      '/perfgate accept all another example',
      '```',
      '~~~~',
      '/perfgate accept js/parse after the fences',
    ].join('\n');
    expect(parseAcceptCommands(body, COMMAND)).toEqual([{ ok: true, target: 'js/parse', reason: 'after the fences' }]);
  });
});

function spread(center: number, n: number, width: number): number[] {
  return range(0, n).map((i) => center * (1 - width + (2 * width * i) / (n - 1)));
}

/** js/parse fails (+20%), js/crit is critical (+60%), js/sum 1..100 fails, js/same passes, js/boom crashed. */
function failingReport() {
  const ids = ['js/parse', 'js/crit', 'js/sum 1..100', 'js/same', 'js/boom'];
  const base = results(ids.map((id) => latency(id, replicates(spread(10, 12, 0.02)))));
  const factor: Record<string, number> = { 'js/parse': 1.2, 'js/crit': 1.6, 'js/sum 1..100': 1.3, 'js/same': 1 };
  const head = results(ids.map((id) => (id === 'js/boom' ? latency(id, [], 'round 1 exited with code 1') : latency(id, replicates(spread(10 * factor[id]!, 12, 0.02))))));
  return decideVerdict(compareResults(base, head, policyOf({ criticalRegression: 0.5 })), {
    alpha: 0.05,
    power: 0.8,
    baseline: { method: 'committed', source: 'baselines/perfgate.json', commit: '0123456789abcdef0123' },
    head: head.meta,
    base: base.meta,
    warnings: [],
  });
}

const byAlice = (target: string, reason: string): Acceptance => ({ target, by: 'alice', reason, source: 'comment', url: 'https://github.com/o/r/pull/7#issuecomment-1' });

describe('applyAcceptances', () => {
  it('turns the named failure into accepted, says who and why, and rolls up the verdicts again', () => {
    const before = failingReport();
    expect(before.benchmarks.map((b) => b.verdict)).toEqual(['fail', 'critical', 'fail', 'pass', 'error']);
    const after = applyAcceptances(before, [byAlice('js/parse', 'the parser validates its input now')]);
    const parse = after.benchmarks[0]!;
    expect(parse.verdict).toBe('accepted');
    expect(parse.metrics[0]!.verdict).toBe('accepted');
    expect(parse.metrics[0]!.reasons).toEqual([...before.benchmarks[0]!.metrics[0]!.reasons, 'accepted by @alice: the parser validates its input now']);
    expect(after.benchmarks.slice(1)).toEqual(before.benchmarks.slice(1));
    expect(after.verdict).toBe('critical');
    expect(after.counts).toEqual({ critical: 1, fail: 1, accepted: 1, pass: 1, error: 1 });
    expect(after.acceptances).toEqual([{ ...byAlice('js/parse', 'the parser validates its input now'), benchmarks: ['js/parse'] }]);
    // The input is not changed.
    expect(before.benchmarks[0]!.verdict).toBe('fail');
    expect(before.acceptances).toBeUndefined();
  });

  it('accepts every fail and critical for "all", leaves a crash an error, and lists unused acceptances', () => {
    const label: Acceptance = { target: 'all', by: 'bob', reason: 'label perfgate:accept', source: 'label' };
    const after = applyAcceptances(failingReport(), [label, byAlice('js/same', 'not failing'), byAlice('js/sum', 'unquoted'), label]);
    expect(after.benchmarks.map((b) => b.verdict)).toEqual(['accepted', 'accepted', 'accepted', 'pass', 'error']);
    expect(after.benchmarks[1]!.metrics[0]!.reasons.at(-1)).toBe('accepted by @bob: label perfgate:accept');
    expect(after.verdict).toBe('error');
    expect(after.counts).toEqual({ accepted: 3, pass: 1, error: 1 });
    expect(after.acceptances).toEqual([
      { ...label, benchmarks: ['js/parse', 'js/crit', 'js/sum 1..100'] },
      { ...byAlice('js/same', 'not failing'), benchmarks: [] },
      { ...byAlice('js/sum', 'unquoted'), benchmarks: [] },
    ]);
    expect(exitCodeFor(after)).toBe(EXIT.benchmarkError);
  });

  it('passes the check once every regression is accepted', () => {
    const before = failingReport();
    const ok = { ...before, benchmarks: before.benchmarks.filter((b) => b.id !== 'js/boom') };
    const after = applyAcceptances(ok, [byAlice('all', 'intended')]);
    expect(after.verdict).toBe('accepted');
    expect(failureMessage(after, 'fail')).toBeNull();
    expect(failureMessage(after, 'critical')).toBeNull();
    expect(exitCodeFor(after)).toBe(EXIT.ok);
    expect(exitCodeFor(ok)).toBe(EXIT.regression);
  });

  it('gives every acceptance of a benchmark a reason line, and changes nothing without acceptances', () => {
    const before = failingReport();
    expect(applyAcceptances(before, [])).toBe(before);
    const after = applyAcceptances(before, [byAlice('js/sum 1..100', 'exact'), { target: 'all', by: 'bob', reason: 'label perfgate:accept', source: 'label' }]);
    expect(after.benchmarks[2]!.metrics[0]!.reasons.slice(-2)).toEqual(['accepted by @alice: exact', 'accepted by @bob: label perfgate:accept']);
    // Applying again finds nothing failing: the acceptances are listed, unused.
    const twice = applyAcceptances(after, [byAlice('js/parse', 'again')]);
    expect(twice.acceptances!.at(-1)).toEqual({ ...byAlice('js/parse', 'again'), benchmarks: [] });
  });
});

describe('the per-merge log of an accepted regression', () => {
  it('records who accepted which benchmark and shows it in the verdict cell', () => {
    const report = applyAcceptances(failingReport(), [
      byAlice('js/parse', 'the parser validates its input now'),
      { target: 'all', by: 'bob', reason: 'label perfgate:accept', source: 'label' },
    ]);
    const entry = createMergeEntry({
      report,
      commit: 'a'.repeat(40),
      parent: 'b'.repeat(40),
      time: '2026-03-01T10:00:00Z',
      recorded: '2026-03-01T10:05:00Z',
      pr: { number: 7, title: 'Validate input', author: 'carol' },
      mergeMethod: 'squash',
      commits: ['a'.repeat(40)],
      rollback: null,
    });
    expect(entry.verdict).toBe('error');
    expect(entry.accepted).toEqual([
      { id: 'js/parse', by: 'alice', reason: 'the parser validates its input now' },
      { id: 'js/parse', by: 'bob', reason: 'label perfgate:accept' },
      { id: 'js/crit', by: 'bob', reason: 'label perfgate:accept' },
      { id: 'js/sum 1..100', by: 'bob', reason: 'label perfgate:accept' },
    ]);
    expect(entry.deltas.map((d) => d.verdict)).toEqual(['accepted', 'accepted', 'accepted', 'pass', 'error']);
    expect(mergeLogSchema.safeParse({ schema: 'perfgate/merge-log', version: 1, entries: [entry] }).success).toBe(true);
    const row = renderMergeLogMarkdown([entry], []).split('\n').find((line) => line.includes('#7'))!;
    expect(row).toContain('| 💥 error<br>accepted by @\u200balice: the parser validates its input now<br>accepted by @\u200bbob: label perfgate:accept |');
  });

  it('leaves an entry without acceptances as it was', () => {
    const entry = createMergeEntry({ report: failingReport(), commit: 'c', parent: null, time: '2026-03-01T10:00:00Z', recorded: '2026-03-01T10:00:00Z', pr: null, mergeMethod: 'direct', commits: ['c'], rollback: null });
    expect('accepted' in entry).toBe(false);
  });
});

describe('rendering accepted regressions', () => {
  const accepted = () =>
    applyAcceptances(failingReport(), [
      byAlice('js/parse', 'the parser validates its input now <b>@everyone</b> | `x`'),
      byAlice('js/sum', 'exact sums'),
      { target: 'all', by: 'bob', reason: 'label perfgate:accept', source: 'label' },
      { target: 'js/same', by: 'carol', reason: 'just in case', source: 'comment', url: 'javascript:alert(1)' },
    ]);

  it('shows who accepted what and why above the table, and the accepted rows in it', () => {
    expectGolden(renderMarkdown(accepted(), { marker: '<!-- perfgate -->' }), path.join(import.meta.dirname, '..', 'golden', 'comment-accepted.md'));
  });

  it('names the acceptances in the terminal too', () => {
    const lines = renderTerminal(accepted(), { color: false }).split('\n');
    expect(lines[0]).toBe('perfgate ERROR: 1 error, 3 accepted, 1 pass');
    expect(lines.filter((l) => l.startsWith('accepted: '))).toEqual([
      'accepted: js/parse, by @alice: the parser validates its input now <b>@everyone</b> | `x`',
      'accepted: js/sum, by @alice: exact sums (not used: no benchmark has this id; to name "js/sum 1..100", put it in double quotes or backticks)',
      'accepted: all failures (js/parse, js/crit, js/sum 1..100), by @bob: label perfgate:accept',
      'accepted: js/same, by @carol: just in case (not used: this benchmark is not failing)',
    ]);
  });
});
