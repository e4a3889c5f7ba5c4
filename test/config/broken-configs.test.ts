import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { readSettings } from '../../src/config/load-settings.js';

// Each broken/NN-what.yml is read as `--config broken/NN-what.yml` from the fixtures folder;
// expected.json holds the exact one-line message it must produce.
const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/config');
const brokenDir = path.join(fixtures, 'broken');
const expected = JSON.parse(readFileSync(path.join(brokenDir, 'expected.json'), 'utf8')) as Record<string, string>;
const files = readdirSync(brokenDir).filter((f) => f.endsWith('.yml')).sort();

async function errorFor(file: string): Promise<ConfigError> {
  try {
    await readSettings({ cwd: fixtures, configPath: `broken/${file}` });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`${file} was accepted`);
}

describe('broken configurations', () => {
  it('has at least 20 cases, each with an expected message', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(Object.keys(expected).sort()).toEqual(files);
  });

  describe.each(files)('%s', (file) => {
    it('fails with the expected one-line message', async () => {
      const error = await errorFor(file);
      expect(error.message).toBe(expected[file]);
    });

    it('names the file, line:column and field, on one line, without a stack', async () => {
      const error = await errorFor(file);
      expect(error.message).not.toMatch(/\n/);
      expect(error.message).not.toMatch(/\bat .+:\d+:\d+\)/);
      expect(error.message.startsWith(`broken/${file}:${error.line}:${error.column}: `)).toBe(true);
      expect(error.file).toBe(`broken/${file}`);
      if (error.path !== null) expect(error.message).toContain(`: ${error.path}: `);
    });
  });

  it('locates schema problems exactly', async () => {
    const error = await errorFor('17-bad-relative-threshold.yml');
    expect([error.file, error.line, error.column, error.path]).toEqual([
      'broken/17-bad-relative-threshold.yml',
      8,
      21,
      'suites[0].thresholds.latency.regression',
    ]);
    expect(error.detail).toBe('expected a relative change like "10%", or off, got "ten"');
  });

  it('keeps every problem of the file in issues, first by position', async () => {
    const error = await errorFor('02-tab-indentation.yml');
    expect(error.issues.map((i) => i.line)).toEqual([3, 4, 5]);
  });
});
