import os from 'node:os';
import type { RunnerFingerprint } from '../core/model.js';

/** The machine a run measured on: results from different hardware are not comparable as-is. */
export function readFingerprint(): RunnerFingerprint {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()}`,
    arch: os.arch(),
    node: process.version,
  };
}
