import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const CONFIGS = path.join(FIXTURES, 'config', 'broken');
const RESULTS = path.join(FIXTURES, 'results', 'broken');
const GOOD_RESULTS = path.join(FIXTURES, 'results', 'good-minimal.json');

function expectations(dir: string): Record<string, string> {
  return JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Record<string, string>;
}

/** The part of an expected message after "file:line:col: ", which names the field and the problem. */
function afterLocation(message: string): string {
  // "(looked for …)" spells a path relative to the working directory, which differs here.
  return message.replace(/^[^:]+(:\d+:\d+)?: /, '').replace(/ \(looked for [^)]*\)$/, '');
}

function expectOneLineUsageError(run: { status: number | null; stdout: string; stderr: string }, expected: string): void {
  expect(run.status).toBe(2);
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(afterLocation(expected));
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stdout).toBe('');
}

describe('broken configuration files: exit 2 and one line naming the field (built CLI)', () => {
  const expected = expectations(CONFIGS);
  for (const file of Object.keys(expected)) {
    it(file, () => {
      expectOneLineUsageError(runCli(['run', '--config', path.join(CONFIGS, file)], CONFIGS), expected[file] as string);
    });
  }
});

describe('broken results files: exit 2 and one line naming the field (built CLI)', () => {
  const expected = expectations(RESULTS);
  const files = readdirSync(RESULTS).filter((f) => f !== 'expected.json');
  for (const file of files) {
    it(file, () => {
      expectOneLineUsageError(runCli(['compare', GOOD_RESULTS, path.join(RESULTS, file)], RESULTS), expected[file] as string);
    });
  }
});
