import { access } from 'node:fs/promises';
import path from 'node:path';
import type { BaselineInfo, HistoryPoint, Results } from '../core/model.js';
import { readResultsFile } from '../results/read-results.js';

export interface LoadedBaseline {
  results: Results | null;
  info: BaselineInfo;
  warnings: string[];
  /** Main's earlier runs, newest first, where the baseline carries them (artifacts). */
  history?: HistoryPoint[];
}

/**
 * The committed baseline (or one named with --baseline). A missing file is not an error: the first
 * run of a project has nothing to compare with and says so. An unreadable file is a usage error.
 */
export async function loadBaselineFile(file: string, cwd: string, method: 'committed' | 'file'): Promise<LoadedBaseline> {
  const label = path.relative(cwd, file) || file;
  try {
    await access(file);
  } catch {
    return {
      results: null,
      info: { method: 'none', source: label },
      warnings: [`no baseline at ${label}: results were recorded; run "perfgate baseline save" to create one`],
    };
  }
  const results = await readResultsFile(file, cwd);
  return {
    results,
    info: { method, source: label, ...(results.meta.commit ? { commit: results.meta.commit } : {}) },
    warnings: [],
  };
}
