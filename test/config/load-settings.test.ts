import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { parseSettings, readSettings, repositoryRoot } from '../../src/config/load-settings.js';
import type { Settings, TinybenchSuiteSettings } from '../../src/config/settings.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/config');

const DEFAULT_COMPARE = { method: 'auto', setupTimeoutMs: 600_000, confirmRounds: 10, confirmTimeMs: 60_000, pinCpu: null } as const;
const DEFAULT_LOG = { entries: 1000, artifacts: 5, changePoints: { minShift: 0.05, alpha: 0.01 } };
const DEFAULT_ACCEPT = { label: 'perfgate:accept', command: '/perfgate accept' };
const DEFAULT_ROLLBACK = { enabled: true, regression: 0.5, comment: true, issue: true, labels: ['perfgate:rollback'], mentions: [] };

const MINIMAL = 'version: 1\nsuites:\n  - name: core\n    type: tinybench\n    file: bench/core.bench.ts\n';

describe('readSettings', () => {
  it('reads .github/perfgate.yml into exact Settings, paths resolved from the repository root', async () => {
    const repo = path.join(fixtures, 'repo');
    const expected: Settings = {
      configPath: path.join(repo, '.github/perfgate.yml'),
      rootDir: repo,
      baseline: { source: 'file', path: path.join(repo, 'baselines/main.json') },
      compare: DEFAULT_COMPARE,
      log: DEFAULT_LOG,
      rollback: DEFAULT_ROLLBACK,
      accept: DEFAULT_ACCEPT,
      alpha: 0.01,
      power: 0.9,
      thresholds: {
        latency: {
          statistic: 'median',
          regression: 0.1,
          criticalRegression: 0.5,
          limits: { warn: 150, fail: 200, critical: 300 },
          gate: true,
        },
        'heap-objects': { regression: null, limits: { fail: 1000 } },
      },
      suites: [
        {
          name: 'core',
          type: 'tinybench',
          file: path.join(repo, 'bench/core.bench.ts'),
          rounds: 12,
          timeMs: 2000,
          warmupMs: 100,
          minSamples: 200,
          timeoutMs: 90_000,
          thresholds: {
            throughput: { regression: 0.2, limits: { fail: 1200 } },
            rss: { limits: { warn: 512e6 } },
          },
          benchmarks: { 'parse big': { thresholds: { latency: { regression: 0.2, criticalRegression: null } } } },
        },
        {
          name: 'io',
          type: 'tinybench',
          file: path.join(repo, 'bench/io.bench.mts'),
          rounds: 4,
          timeMs: 500,
          warmupMs: 0,
          minSamples: 10,
          timeoutMs: 120_000,
          thresholds: { 'success-rate': { limits: { warn: 99.5 }, gate: false } },
          benchmarks: {},
        },
      ],
    };
    expect(await readSettings({ cwd: repo })).toStrictEqual(expected);
  });

  describe('finding the file', () => {
    let dir = '';
    const make = (files: Record<string, string>) => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'perfgate-config-'));
      for (const [name, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), text);
      }
      return dir;
    };
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('prefers .github/perfgate.yml over perfgate.yml', async () => {
      const cwd = make({ '.github/perfgate.yml': MINIMAL.replace('core', 'from-github'), 'perfgate.yml': MINIMAL, 'bench/core.bench.ts': '' });
      const settings = await readSettings({ cwd });
      expect(settings.suites[0]!.name).toBe('from-github');
      expect(settings.rootDir).toBe(cwd);
    });

    it('falls back to perfgate.yaml in the working directory', async () => {
      const cwd = make({ 'perfgate.yaml': MINIMAL, 'bench/core.bench.ts': '' });
      const settings = await readSettings({ cwd });
      expect([settings.configPath, settings.rootDir]).toEqual([path.join(cwd, 'perfgate.yaml'), cwd]);
    });

    it('uses --config instead, resolved from cwd, with paths relative to its folder', async () => {
      const cwd = make({ '.github/perfgate.yml': 'not: used', 'ci/perf.yml': MINIMAL, 'ci/bench/core.bench.ts': '' });
      const settings = await readSettings({ cwd, configPath: 'ci/perf.yml' });
      expect([settings.rootDir, (settings.suites[0] as TinybenchSuiteSettings).file]).toEqual([path.join(cwd, 'ci'), path.join(cwd, 'ci/bench/core.bench.ts')]);
    });

    it('reports a missing --config file', async () => {
      const cwd = make({ 'perfgate.yml': MINIMAL });
      await expect(readSettings({ cwd, configPath: 'nope.yml' })).rejects.toBeInstanceOf(ConfigError);
      await expect(readSettings({ cwd, configPath: 'nope.yml' })).rejects.toThrow(/^nope\.yml: config file not found$/);
    });

    it('tells the user to create perfgate.yml when there is none', async () => {
      const cwd = make({});
      await expect(readSettings({ cwd })).rejects.toThrow(
        `no perfgate.yml found in ${cwd} (looked for .github/perfgate.yml, .github/perfgate.yaml, perfgate.yml, perfgate.yaml); create one or pass --config`,
      );
    });

    it('shows the file relative to cwd', async () => {
      const cwd = make({ '.github/perfgate.yml': 'version: 3\nsuites: []\n' });
      await expect(readSettings({ cwd })).rejects.toThrow(/^\.github\/perfgate\.yml:1:10: version: expected 1, got 3 \(and 1 more problem\)$/);
    });
  });
});

describe('parseSettings', () => {
  const configPath = '/repo/perfgate.yml';

  it('fills every default', () => {
    expect(parseSettings(MINIMAL, { configPath, cwd: '/repo' })).toStrictEqual({
      configPath,
      rootDir: '/repo',
      baseline: { source: 'auto', path: '/repo/baselines/perfgate.json' },
      compare: DEFAULT_COMPARE,
      log: DEFAULT_LOG,
      rollback: DEFAULT_ROLLBACK,
      accept: DEFAULT_ACCEPT,
      alpha: 0.05,
      power: 0.8,
      thresholds: {},
      suites: [
        {
          name: 'core',
          type: 'tinybench',
          file: '/repo/bench/core.bench.ts',
          rounds: 20,
          timeMs: 1000,
          warmupMs: 50,
          minSamples: 100,
          timeoutMs: 60_000,
          thresholds: {},
          benchmarks: {},
        },
      ],
    } satisfies Settings);
  });

  it('reads the same-runner settings and names the field of a bad one', () => {
    const text = `compare: same-runner
same-runner:
  setup: npm ci && npm run build
  setup-timeout: 5m
  confirm-rounds: 0
  confirm-time: 30s
  pin-cpu: 1
${MINIMAL}`;
    expect(parseSettings(text, { configPath, cwd: '/repo' }).compare).toStrictEqual({
      method: 'same-runner',
      setup: 'npm ci && npm run build',
      setupTimeoutMs: 300_000,
      confirmRounds: 0,
      confirmTimeMs: 30_000,
      pinCpu: 1,
    });
    expect(() => parseSettings(`compare: same-machine\n${MINIMAL}`, { configPath, cwd: '/repo' })).toThrow(
      'perfgate.yml:1:10: compare: expected one of auto, same-runner, artifact, got "same-machine"',
    );
    expect(() => parseSettings(`same-runner:\n  confirm-rounds: -1\n${MINIMAL}`, { configPath, cwd: '/repo' })).toThrow(
      'perfgate.yml:2:19: same-runner.confirm-rounds: expected a whole number of at least 0, got -1',
    );
  });

  it('checks suite files only when given fileExists', () => {
    const seen: string[] = [];
    parseSettings(MINIMAL, { configPath, cwd: '/repo', fileExists: (p) => (seen.push(p), true) });
    expect(seen).toEqual(['/repo/bench/core.bench.ts']);
    expect(() => parseSettings(MINIMAL, { configPath, cwd: '/repo', fileExists: () => false })).toThrow(
      'perfgate.yml:5:11: suites[0].file: expected an existing file, got "bench/core.bench.ts"',
    );
  });

  it('accepts regression: off and null, and any quantity for metrics it does not know', () => {
    const text = `${MINIMAL}    thresholds:
      latency: { regression: off, critical-regression: null }
      gc-pause: { warn: 5ms }
      allocations: { fail: 12.5 }
`;
    expect(parseSettings(text, { configPath, cwd: '/repo' }).suites[0]!.thresholds).toStrictEqual({
      latency: { regression: null, criticalRegression: null },
      'gc-pause': { limits: { warn: 5 } },
      allocations: { limits: { fail: 12.5 } },
    });
  });

  it('follows YAML anchors', () => {
    const text = `version: 1
defaults:
  thresholds:
    latency: &strict { regression: 5% }
suites:
  - name: core
    type: tinybench
    file: bench/core.bench.ts
    thresholds: { latency: *strict }
`;
    expect(parseSettings(text, { configPath, cwd: '/repo' }).suites[0]!.thresholds).toStrictEqual({ latency: { regression: 0.05 } });
  });
});

describe('repositoryRoot', () => {
  it('is the folder holding .github/ for files in .github/, else the file folder', () => {
    expect(repositoryRoot('/r/.github/perfgate.yml')).toBe('/r');
    expect(repositoryRoot('/r/perfgate.yml')).toBe('/r');
    expect(repositoryRoot('/r/ci/perfgate.yml')).toBe('/r/ci');
  });
});
