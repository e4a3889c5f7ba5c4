import type { Settings } from '../src/config/settings.js';

/** Settings with no suites: the built-in thresholds only, as `perfgate compare` uses them. */
export function defaultBenchSettings(): Settings {
  return {
    configPath: null,
    rootDir: '.',
    baseline: { source: 'file', path: 'baselines/perfgate.json' },
    alpha: 0.05,
    power: 0.8,
    thresholds: {},
    suites: [],
  };
}
