import path from 'node:path';
import { readSettings } from '../config/load-settings.js';
import type { Results } from '../core/model.js';
import { readResultsFile } from '../results/read-results.js';
import { parseCommandArgs } from './args.js';
import { EXIT, UsageError, type ExitCode } from './exit-codes.js';
import { BASELINE_HELP } from './help.js';
import type { CliIo } from './io.js';
import { measure } from './measure.js';
import { writeFileAtomic } from './output-files.js';

export async function baselineCommand(argv: string[], io: CliIo): Promise<ExitCode> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.stdout(BASELINE_HELP);
    return sub === undefined ? EXIT.usage : EXIT.ok;
  }
  if (sub !== 'save') throw new UsageError(`perfgate baseline: unknown subcommand "${sub}"; expected "save" (see perfgate baseline --help)`);
  const { values } = parseCommandArgs('baseline save', rest, {
    config: { type: 'string', short: 'c' },
    from: { type: 'string' },
    output: { type: 'string', short: 'o' },
  });
  if (values.help) {
    io.stdout(BASELINE_HELP);
    return EXIT.ok;
  }
  const settings = await readSettings({ cwd: io.cwd, ...(values.config ? { configPath: values.config as string } : {}) });
  const target = values.output ? path.resolve(io.cwd, values.output as string) : settings.baseline.path;
  let results: Results;
  if (values.from) {
    results = await readResultsFile(path.resolve(io.cwd, values.from as string), io.cwd);
  } else {
    results = await measure(settings, io);
    const failed = results.benchmarks.filter((b) => b.error);
    if (failed.length > 0) {
      io.stderr(`perfgate baseline save: ${failed.length} benchmark(s) could not run, not saving: ${failed[0]?.id}: ${failed[0]?.error}`);
      return EXIT.benchmarkError;
    }
  }
  await writeFileAtomic(target, `${JSON.stringify(results)}\n`);
  io.stderr(`wrote ${path.relative(io.cwd, target) || target} (${results.benchmarks.length} ${results.benchmarks.length === 1 ? 'benchmark' : 'benchmarks'})`);
  return EXIT.ok;
}
