import path from 'node:path';
import { createPolicy } from '../config/resolve-policy.js';
import { readSettings } from '../config/load-settings.js';
import { evaluate } from '../core/evaluate.js';
import { renderTerminal } from '../core/render/terminal.js';
import { parseCommandArgs } from './args.js';
import { loadBaselineFile } from './baseline-file.js';
import { EXIT, exitCodeFor, type ExitCode } from './exit-codes.js';
import { RUN_HELP } from './help.js';
import type { CliIo } from './io.js';
import { measure } from './measure.js';
import { writeReport, writeResults } from './output-files.js';

export async function runCommand(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseCommandArgs('run', argv, {
    config: { type: 'string', short: 'c' },
    out: { type: 'string', short: 'o' },
    baseline: { type: 'string', short: 'b' },
    suite: { type: 'string', multiple: true },
    all: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(RUN_HELP);
    return EXIT.ok;
  }
  const settings = await readSettings({ cwd: io.cwd, ...(values.config ? { configPath: values.config as string } : {}) });
  const outDir = path.resolve(io.cwd, (values.out as string | undefined) ?? '.perfgate');
  const head = await measure(settings, io, (values.suite as string[] | undefined) ?? []);
  // Results go to disk before anything else can fail, so a measurement is never lost.
  const resultsFile = await writeResults(outDir, head);

  const baselineFile = values.baseline ? path.resolve(io.cwd, values.baseline as string) : settings.baseline.path;
  const baseline = await loadBaselineFile(baselineFile, io.cwd, values.baseline ? 'file' : 'committed');
  const report = evaluate({ head, base: baseline.results, baseline: baseline.info, policy: createPolicy(settings), warnings: baseline.warnings });
  const files = await writeReport(outDir, report);

  io.stdout(renderTerminal(report, { color: io.color, all: Boolean(values.all) }));
  io.stderr(`wrote ${rel(io.cwd, resultsFile)}, ${rel(io.cwd, files.json)}, ${rel(io.cwd, files.markdown)}`);
  return exitCodeFor(report);
}

function rel(cwd: string, file: string): string {
  return path.relative(cwd, file) || file;
}
