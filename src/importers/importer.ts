import type { Metric } from '../core/model.js';

/**
 * An importer turns one output file of another benchmarking tool into perfgate's benchmarks. It is
 * pure: text in, data out, so every format is tested against real output of the real tool without
 * running it. Adding a format is one file here, its fixtures, and one line in registry.ts.
 *
 * Conventions every importer follows:
 * - Units are canonical (model.ts): times in 'ms', rates in 'ops/s' (or 'B/s' for bytes), sizes
 *   in 'B', ratios in '%'; any other unit is kept as the tool writes it.
 * - Metric names: 'latency' for time per operation or per run, 'throughput' for operations per
 *   second; other metrics in kebab-case ('bytes-per-op', 'allocs-per-op' ...). `direction` per metric.
 * - Raw samples become `rounds`, one round per sample (each sample is a replicate, as in the
 *   minimal results form); a format with only a summary gives `value` (and `spread` if it has a
 *   standard deviation), and the comparison of two values says it compared summaries.
 * - Benchmark names are unique within one file; a repeated name in one file is merged (go's
 *   -count lines) or made unique by the importer, never silently dropped.
 */
export interface ImportedBenchmark {
  name: string;
  metrics: Metric[];
}

export interface ImportOutcome {
  benchmarks: ImportedBenchmark[];
  /** Things the reader should know (a skipped entry, a guessed unit); data, not log lines. */
  warnings: string[];
}

export interface Importer {
  /** The `format:` value in perfgate.yml. */
  format: string;
  /** One line for the docs and the config schema: the tool and how to produce the file. */
  description: string;
  /**
   * Parses one file. `file` is only for messages. Throws ImportError for input that is not this
   * format or is broken, with a message that says what was expected.
   */
  parse(text: string, file: string): ImportOutcome;
}

/** Input an importer cannot use. One line: `<file>: <format>: <what was expected>`. */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly format: string,
    readonly expected: string,
  ) {
    super(`${file}: ${format}: ${expected}`);
    this.name = 'ImportError';
  }
}
