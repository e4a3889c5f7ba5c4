import { ConfigError } from '../config/config-error.js';
import { ResultsError } from '../results/results-error.js';
import { baselineCommand } from './baseline-command.js';
import { compareCommand } from './compare-command.js';
import { EXIT, UsageError, type ExitCode } from './exit-codes.js';
import { MAIN_HELP } from './help.js';
import type { CliIo } from './io.js';
import { logCommand } from './log-command.js';
import { runCommand } from './run-command.js';
import { TOOL } from '../version.js';

const COMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<ExitCode>> = {
  run: runCommand,
  compare: compareCommand,
  baseline: baselineCommand,
  log: logCommand,
};

/** Runs one CLI command. Every expected failure is one line on stderr and an exit status. */
export async function main(argv: string[], io: CliIo): Promise<ExitCode> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(MAIN_HELP);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(TOOL.version);
    return EXIT.ok;
  }
  const handler = COMMANDS[command];
  if (!handler) {
    io.stderr(`perfgate: unknown command "${command}"; expected one of ${Object.keys(COMMANDS).join(', ')} (see perfgate --help)`);
    return EXIT.usage;
  }
  try {
    return await handler(rest, io);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ResultsError || error instanceof UsageError) {
      io.stderr(`perfgate: ${error.message}`);
      return EXIT.usage;
    }
    // An unexpected failure is our bug, not the user's: say so without burying the reason in a stack.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`perfgate: internal error: ${message.split('\n')[0]} (set PERFGATE_DEBUG=1 for details)`);
    if (process.env.PERFGATE_DEBUG) io.stderr(error instanceof Error ? (error.stack ?? message) : message);
    return EXIT.benchmarkError;
  }
}
