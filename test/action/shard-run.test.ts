import { describe, expect, it } from 'vitest';
import { shardSuites } from '../../src/action/shard-run.js';
import type { Settings } from '../../src/config/settings.js';

const settings = {
  rootDir: '/repo',
  compare: { method: 'auto', setupTimeoutMs: 1000, confirmRounds: 0, confirmTimeMs: 0, pinCpu: null },
  suites: ['a', 'b', 'c'].map((name) => ({ name, type: 'tinybench' })),
} as unknown as Settings;

describe('shardSuites', () => {
  it('measures only its slice, balanced by the recorded durations', () => {
    const plan = shardSuites(settings, { index: 1, count: 2 }, { a: 10, b: 50, c: 30 }, 'artifact: #9');
    expect(plan).toMatchObject({ index: 1, count: 2, suites: ['b'], plan: [['b'], ['a', 'c']], balance: 'durations', durationsFrom: 'artifact: #9' });
    expect(plan.settings.suites.map((s) => s.name)).toEqual(['b']);
    expect(plan.settings.compare.method).toBe('auto');
  });

  it('deals round-robin without durations, and a shard with nothing to run builds no base', () => {
    const plan = shardSuites(settings, { index: 4, count: 4 }, undefined, 'committed: baselines/perfgate.json');
    expect(plan).toMatchObject({ suites: [], plan: [['a'], ['b'], ['c'], []], balance: 'round-robin' });
    expect(plan).not.toHaveProperty('durationsFrom');
    expect(plan.settings.suites).toEqual([]);
    expect(plan.settings.compare.method).toBe('artifact');
  });
});
