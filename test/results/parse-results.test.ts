import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResultsError } from '../../src/results/results-error.js';
import { parseResults } from '../../src/results/parse-results.js';

const BROKEN = path.join(import.meta.dirname, '..', 'fixtures', 'results', 'broken');
const expected = JSON.parse(readFileSync(path.join(BROKEN, 'expected.json'), 'utf8')) as Record<string, string>;

describe('parseResults', () => {
  it('reads the minimal form as one round per sample, converting units to ms', () => {
    const r = parseResults('{"benchmarks":[{"name":"x","unit":"us","samples":[1500,2500]}]}', 'min.json');
    expect(r.benchmarks).toEqual([
      { id: 'x', suite: '', name: 'x', metrics: [{ name: 'latency', unit: 'ms', direction: 'smaller', rounds: [[1.5], [2.5]] }] },
    ]);
  });

  it('reads perfgate results unchanged', () => {
    const text = JSON.stringify({
      schema: 'perfgate/results',
      version: 1,
      meta: { commit: 'abc', tool: { name: 'perfgate', version: '0.1.0' } },
      benchmarks: [{ id: 's/a', suite: 's', name: 'a', metrics: [{ name: 'latency', unit: 'ms', direction: 'smaller', rounds: [[1, 2], [3]] }] }],
      warnings: ['w'],
    });
    expect(parseResults(text, 'r.json')).toEqual(JSON.parse(text));
  });

  const files = readdirSync(BROKEN).filter((f) => f.endsWith('.json') && f !== 'expected.json').sort();
  it('has an expected message for every broken file', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
    expect(Object.keys(expected).sort()).toEqual(files);
  });

  for (const file of files) {
    it(`rejects ${file} with one line naming the field`, () => {
      let error: unknown;
      try {
        parseResults(readFileSync(path.join(BROKEN, file), 'utf8'), file);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ResultsError);
      const message = (error as ResultsError).message;
      expect(message).toBe(expected[file]);
      expect(message).not.toContain('\n');
      expect(message.startsWith(`${file}:`)).toBe(true);
    });
  }
});
