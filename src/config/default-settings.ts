import path from 'node:path';
import { FILE_DEFAULTS } from './schema.js';
import type { Settings } from './settings.js';

/** Settings with no suites and the built-in thresholds, for a quick `perfgate compare` without perfgate.yml. */
export function defaultSettings(cwd: string): Settings {
  return {
    configPath: null,
    rootDir: cwd,
    baseline: { source: FILE_DEFAULTS.baseline.source, path: path.join(cwd, FILE_DEFAULTS.baseline.path) },
    compare: {
      method: FILE_DEFAULTS.compare,
      setupTimeoutMs: FILE_DEFAULTS.setupTimeoutMs,
      confirmRounds: FILE_DEFAULTS.confirmRounds,
      confirmTimeMs: FILE_DEFAULTS.confirmTimeMs,
      pinCpu: null,
    },
    log: {
      entries: FILE_DEFAULTS.log.entries,
      artifacts: FILE_DEFAULTS.log.artifacts,
      changePoints: { minShift: 0.05, alpha: FILE_DEFAULTS.log.changePointAlpha },
    },
    rollback: { enabled: true, regression: 0.5, comment: true, issue: true, labels: [...FILE_DEFAULTS.rollback.labels], mentions: [] },
    accept: { label: FILE_DEFAULTS.accept.label, command: FILE_DEFAULTS.accept.command },
    alpha: FILE_DEFAULTS.alpha,
    power: FILE_DEFAULTS.power,
    thresholds: {},
    suites: [],
  };
}
