import { existsSync } from 'node:fs';
import path from 'node:path';
import { defaultSettings } from '../config/default-settings.js';
import { CONFIG_FILE_NAMES, readSettings } from '../config/load-settings.js';
import { parseRelative } from '../config/quantities.js';
import { createPolicy } from '../config/resolve-policy.js';
import type { Settings } from '../config/settings.js';
import { evaluate } from '../core/evaluate.js';
import type { Policy } from '../core/model.js';
import { renderTerminal } from '../core/render/terminal.js';
import { readResultsFile } from '../results/read-results.js';
import { parseCommandArgs } from './args.js';
import { EXIT, UsageError, exitCodeFor, type ExitCode } from './exit-codes.js';
import { COMPARE_HELP } from './help.js';
import type { CliIo } from './io.js';
import { writeReport } from './output-files.js';

/** Thresholds come from perfgate.yml when there is one; a quick check needs no configuration. */
async function settingsFor(cwd: string, configPath: string | undefined): Promise<Settings> {
  if (configPath || CONFIG_FILE_NAMES.some((name) => existsSync(path.join(cwd, name)))) {
    return readSettings({ cwd, ...(configPath ? { configPath } : {}) });
  }
  return defaultSettings(cwd);
}

function withThreshold(policy: Policy, threshold: number): Policy {
  return {
    ...policy,
    metricPolicy: (benchmark, metric) => ({ ...policy.metricPolicy(benchmark, metric), regression: threshold }),
  };
}

export async function compareCommand(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('compare', argv, {
    config: { type: 'string', short: 'c' },
    threshold: { type: 'string', short: 't' },
    out: { type: 'string', short: 'o' },
    all: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(COMPARE_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 2) {
    throw new UsageError(`compare: expected two files BASE.json HEAD.json, got ${positionals.length} (see perfgate compare --help)`);
  }
  let threshold: number | undefined;
  if (values.threshold !== undefined) {
    const parsed = parseRelative(values.threshold);
    if (!parsed.ok) throw new UsageError(`--threshold: ${parsed.message}`);
    threshold = parsed.value;
  }
  const [baseFile, headFile] = positionals.map((p) => path.resolve(io.cwd, p)) as [string, string];
  const settings = await settingsFor(io.cwd, values.config as string | undefined);
  const [base, head] = await Promise.all([readResultsFile(baseFile, io.cwd), readResultsFile(headFile, io.cwd)]);
  const policy = threshold === undefined ? createPolicy(settings) : withThreshold(createPolicy(settings), threshold);
  const report = evaluate({
    head,
    base,
    baseline: { method: 'file', source: path.relative(io.cwd, baseFile) || baseFile, ...(base.meta.commit ? { commit: base.meta.commit } : {}) },
    policy,
  });
  if (values.out) await writeReport(path.resolve(io.cwd, values.out as string), report);
  io.stdout(renderTerminal(report, { color: io.color, all: Boolean(values.all) }));
  return exitCodeFor(report);
}
