import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import type { ImportSuiteSettings } from '../../config/settings.js';
import type { BenchmarkResult } from '../../core/model.js';
import { ImportError } from '../../importers/importer.js';
import { importerFor } from '../../importers/registry.js';
import { timedRun } from '../command/timed-run.js';
import type { SuitesRun } from '../round-scheduler.js';

export interface ImportOptions {
  /** The tree the suite runs in (head's checkout, or the base worktree): file names are shown relative to it. */
  root: string;
  wrapper?: readonly string[];
  signal?: AbortSignal;
  onProgress?: (line: string) => void;
}

/**
 * An import suite: the tool runs once (its own repetitions are its samples), then its output is
 * read. Anything that goes wrong is an error on `<suite>/*`, so other suites still report.
 */
export async function runImportSuite(suite: ImportSuiteSettings, options: ImportOptions): Promise<SuitesRun> {
  const { cwd } = suite;
  const failed = (error: string): SuitesRun => ({ benchmarks: [{ id: `${suite.name}/*`, suite: suite.name, name: '*', metrics: [], error }], warnings: [] });
  const importer = importerFor(suite.format);
  if (!importer) return failed(`unknown import format "${suite.format}"`);
  if (suite.command !== undefined) {
    options.onProgress?.(`import ${suite.name}: ${suite.command}`);
    const run = await timedRun({
      command: suite.command,
      cwd,
      env: suite.env,
      timeoutMs: suite.timeoutMs,
      ...(options.wrapper ? { wrapper: options.wrapper } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (!run.ok) return failed(`the command ${run.reason}`);
  }
  const files = (await glob(suite.file, { cwd, absolute: true, onlyFiles: true })).sort();
  if (files.length === 0) return failed(`file: no file matches "${suite.file}" in ${cwd}`);

  const benchmarks: BenchmarkResult[] = [];
  const warnings: string[] = [];
  const from = new Map<string, string>();
  for (const file of files) {
    const shown = path.relative(options.root, file);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      return failed(`${shown}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    try {
      const outcome = importer.parse(text, shown);
      warnings.push(...outcome.warnings.map((w) => `${shown}: ${w}`));
      for (const b of outcome.benchmarks) {
        const earlier = from.get(b.name);
        if (earlier !== undefined) return failed(`${shown}: benchmark "${b.name}" also comes from ${earlier}; expected each benchmark in one file`);
        from.set(b.name, shown);
        benchmarks.push({ id: `${suite.name}/${b.name}`, suite: suite.name, name: b.name, metrics: b.metrics });
      }
    } catch (error) {
      if (error instanceof ImportError) return failed(error.message);
      throw error;
    }
  }
  if (benchmarks.length === 0) return failed(`${files.map((f) => path.relative(options.root, f)).join(', ')}: no benchmarks in the file`);
  return { benchmarks, warnings: warnings.map((w) => `${suite.name}: ${w}`) };
}
