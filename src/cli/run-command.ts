import { rm } from 'node:fs/promises';
import path from 'node:path';
import { createPolicy } from '../config/resolve-policy.js';
import { readSettings } from '../config/load-settings.js';
import { evaluate } from '../core/evaluate.js';
import { renderTerminal } from '../core/render/terminal.js';
import { parseCommandArgs } from './args.js';
import { loadBaselineFile } from './baseline-file.js';
import type { Report } from '../core/model.js';
import { BaseSetupError } from '../runners/base-worktree.js';
import { EXIT, exitCodeFor, UsageError, type ExitCode } from './exit-codes.js';
import { measureSameRunner } from './measure-same-runner.js';
import { RUN_HELP } from './help.js';
import type { CliIo } from './io.js';
import { measure } from './measure.js';
import { writeReport, writeResults } from './output-files.js';

export async function runCommand(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseCommandArgs('run', argv, {
    config: { type: 'string', short: 'c' },
    out: { type: 'string', short: 'o' },
    baseline: { type: 'string', short: 'b' },
    base: { type: 'string' },
    suite: { type: 'string', multiple: true },
    all: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(RUN_HELP);
    return EXIT.ok;
  }
  const settings = await readSettings({ cwd: io.cwd, ...(values.config ? { configPath: values.config as string } : {}) });
  const outDir = path.resolve(io.cwd, (values.out as string | undefined) ?? '.perfgate');
  const only = (values.suite as string[] | undefined) ?? [];
  const policy = createPolicy(settings);
  const baseRef = values.base as string | undefined;
  if (baseRef !== undefined && values.baseline) throw new UsageError('perfgate run: --base and --baseline exclude each other: one re-runs a commit, the other reads a file');

  let report: Report | undefined;
  let written: string[] = [];
  const fallbackWarnings: string[] = [];
  if (baseRef !== undefined) {
    try {
      const measured = await measureSameRunner(settings, io, { ref: baseRef, only, policy });
      // Results go to disk before anything else can fail, so a measurement is never lost.
      written = [await writeResults(outDir, measured.head), await writeResults(outDir, measured.base, 'base-results.json')];
      report = measured.report;
    } catch (error) {
      if (!(error instanceof BaseSetupError)) throw error;
      fallbackWarnings.push(`same-runner comparison impossible: ${error.message}; compared with the baseline file instead`);
      io.stderr(`perfgate: warning: ${fallbackWarnings[0]}`);
    }
  }
  if (!report) {
    const head = await measure(settings, io, only);
    written = [await writeResults(outDir, head)];
    // base-results.json of an earlier --base run would sit beside results it was not compared with.
    await rm(path.join(outDir, 'base-results.json'), { force: true });
    const baselineFile = values.baseline ? path.resolve(io.cwd, values.baseline as string) : settings.baseline.path;
    const baseline = await loadBaselineFile(baselineFile, io.cwd, values.baseline ? 'file' : 'committed');
    report = evaluate({ head, base: baseline.results, baseline: baseline.info, policy, warnings: [...fallbackWarnings, ...baseline.warnings] });
  }
  const files = await writeReport(outDir, report);

  io.stdout(renderTerminal(report, { color: io.color, all: Boolean(values.all) }));
  io.stderr(`wrote ${[...written, files.json, files.markdown].map((file) => rel(io.cwd, file)).join(', ')}`);
  return exitCodeFor(report);
}

function rel(cwd: string, file: string): string {
  return path.relative(cwd, file) || file;
}
