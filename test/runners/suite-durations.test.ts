import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toResults } from '../../src/cli/measure.js';
import type { ImportSuiteSettings } from '../../src/config/settings.js';
import { parseResults } from '../../src/results/parse-results.js';
import { runSuiteSides } from '../../src/runners/run-suites.js';
import { suite } from './suites.js';

const HYPERFINE = path.join(import.meta.dirname, '..', 'fixtures', 'importers', 'hyperfine');

function imported(name: string, command: string): ImportSuiteSettings {
  return { type: 'import', name, format: 'hyperfine', file: 'two-commands.json', command, cwd: HYPERFINE, env: {}, timeoutMs: 10_000, thresholds: {}, benchmarks: {} };
}

describe('suite durations', () => {
  it("records each side's own time per suite, rounds and imported tools alike, and puts it into the results", async () => {
    const [base, head] = await runSuiteSides(
      [
        { label: 'base', suites: [suite('ok', 'ok.bench.mjs', { rounds: 2 })] },
        {
          label: 'head',
          suites: [suite('ok', 'ok.bench.mjs', { rounds: 2 }), imported('tool', 'sleep 0.3')],
        },
      ],
      { seed: 3 },
    );
    expect(Object.keys(base!.durations!)).toEqual(['ok']);
    expect(Object.keys(head!.durations!).sort()).toEqual(['ok', 'tool']);
    // Two rounds of a 60 ms budget per task, two tasks: well over 60 ms, each in its own process.
    for (const run of [base!, head!]) expect(run.durations!['ok']).toBeGreaterThanOrEqual(60);
    expect(head!.durations!['tool']).toBeGreaterThanOrEqual(300);
    for (const value of Object.values(head!.durations!)) expect(Number.isInteger(value)).toBe(true);

    const results = toResults(head!, { time: '2026-03-11T10:00:00.000Z' });
    expect(results.meta.durations).toEqual(head!.durations);
    expect(toResults({ benchmarks: [], warnings: [] }, { time: '2026-03-11T10:00:00.000Z' }).meta).not.toHaveProperty('durations');
  });

  it('are part of the results format, and only as durations', () => {
    const file = (durations: unknown) => JSON.stringify({ schema: 'perfgate/results', version: 1, meta: { durations }, benchmarks: [], warnings: [] });
    expect(parseResults(file({ a: 1200, b: 0 }), 'results.json').meta.durations).toEqual({ a: 1200, b: 0 });
    expect(() => parseResults(file({ a: -1 }), 'results.json')).toThrow(/durations.*a.*expected a duration >= 0/s);
  });
});
