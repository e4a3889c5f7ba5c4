import { describe, expect, it } from 'vitest';
import { renderAccuracy } from '../../accuracy/render.js';
import type { AccuracyRun } from '../../accuracy/saved-runs.js';
import type { Observation } from '../../accuracy/tally.js';

const o = (id: string, verdict: Observation['verdict'], trueRatio: number): Observation => ({ id, verdict, ratio: trueRatio, ci: [trueRatio - 0.01, trueRatio + 0.01], roundCv: 0.01, trueRatio });

const RUN: AccuracyRun = {
  schema: 'perfgate/accuracy-runs',
  machine: { cpu: 'Test CPU', cores: 2, memoryBytes: 2 ** 32, os: 'Linux 6.0 (x64)', node: 'v20.0.0' },
  seed: 3,
  noChangeRuns: 2,
  runsPerLevel: 1,
  startedAt: '2026-11-23T10:00:00.000Z',
  finishedAt: '2026-11-23T10:02:30.000Z',
  records: [
    { index: 0, level: 0, seconds: 50, exitCode: 0, observations: { 'same-runner': [o('w/a', 'pass', 1), o('w/b', 'pass', 1)] } },
    {
      index: 1,
      level: 0.1,
      seconds: 60,
      exitCode: 1,
      observations: {
        'same-runner': [o('w/a', 'fail', 1.1), o('w/b', 'fail', 1.1)],
        artifact: [o('w/a', 'fail', 1.1), o('w/b', 'pass', 1.1)],
        'gab-1.10': [o('w/a', 'pass', 1.1), o('w/b', 'fail', 1.1)],
      },
    },
    { index: 2, level: 0, seconds: 40, exitCode: 3, error: 'perfgate exited with 3: boom', observations: {} },
  ],
};

describe('renderAccuracy', () => {
  const text = renderAccuracy(RUN);

  it('says it is a smoke run when it has fewer runs than the defaults', () => {
    expect(text).toContain('> **Smoke run**');
  });

  it('describes the machine and the cost of a run', () => {
    expect(text).toContain('| CPU             | Test CPU');
    expect(text).toContain('| total duration  | 150 s');
    expect(text).toMatch(/\| seconds per run \| min 40\.0 s, median 50\.0 s, mean 50\.0 s, max 60\.0 s/);
  });

  it('states the targets with their counts', () => {
    expect(text).toMatch(/no change: at most 1% of benchmark comparisons fail +\| +0\/2 = 0% \| yes/);
    expect(text).toMatch(/\+10%: at least 95% of benchmarks with round CV ≤5% fail +\| +2\/2 = 100% \| yes/);
    expect(text).toMatch(/\+5%: .*\| +— \| no data/);
  });

  it('puts the methods side by side per level', () => {
    expect(text).toMatch(/\| \+10% +\| +2\/2 = 100% \| +1\/2 = 50\.0% \| +1\/2 = 50\.0% \| +— \| +— \|/);
  });

  it('lists errored runs', () => {
    expect(text).toContain('## Errored runs (1, not counted)');
    expect(text).toContain('- run 2 (0%), exit 3: perfgate exited with 3: boom');
  });
});
