import { ImportError, type Importer, type ImportedBenchmark, type ImportOutcome } from './importer.js';
import { uniqueName } from './json-input.js';

const FORMAT = 'benchmarkjs';
const LINE_SHAPE = '"<name> x <ops> ops/sec ±<rme>% (<n> runs sampled)"';

// What String(bench) prints in a `cycle` handler. The name may itself contain " x ".
const RESULT_LINE = /^(.+?) x (\d{1,3}(?:,\d{3})*(?:\.\d+)?) ops\/sec ±(\d+(?:\.\d+)?)% \((\d+) runs? sampled\)$/;
// The start of a result line: one that starts so but does not parse is a result we would lose.
const RESULT_START = /^.+? x [\d,.]+ ops\/sec\b/;

/**
 * benchmark.js's own two-sided 95% t values by degrees of freedom (1.96 beyond 30), the ones its
 * rme was computed with: rme = 100 · t · (sd / √n) / mean.
 */
const T_95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

/**
 * The standard deviation behind ±rme, in ops/s. benchmark.js computes rme over the seconds per
 * operation of each sampled cycle; inverting its formula gives their coefficient of variation
 * cv = rme · √n / (100 · t), and to first order ops/s vary by the same cv around hz = 1 / mean.
 * One sample has no spread (benchmark.js prints ±0.00%).
 */
function spreadOf(hz: number, rme: number, runs: number): number | undefined {
  if (runs < 2) return undefined;
  const t = T_95[runs - 2] ?? 1.96;
  return (hz * rme * Math.sqrt(runs)) / (100 * t);
}

function parse(text: string, file: string): ImportOutcome {
  const benchmarks: ImportedBenchmark[] = [];
  const warnings: string[] = [];
  const taken = new Set<string>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const match = RESULT_LINE.exec(line);
    if (!match) {
      if (RESULT_START.test(line)) throw new ImportError(file, FORMAT, `line ${index + 1}: expected ${LINE_SHAPE}, got "${line}"`);
      return;
    }
    const printed = match[1] as string;
    const hz = Number((match[2] as string).replace(/,/g, ''));
    const spread = spreadOf(hz, Number(match[3]), Number(match[4]));
    const name = uniqueName(printed, taken);
    if (name !== printed) warnings.push(`line ${index + 1}: "${printed}" appears twice; this one is named "${name}"`);
    taken.add(name);
    benchmarks.push({ name, metrics: [{ name: 'throughput', unit: 'ops/s', direction: 'bigger', value: hz, ...(spread === undefined ? {} : { spread }) }] });
  });
  if (benchmarks.length === 0) {
    const count = lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
    throw new ImportError(file, FORMAT, `expected at least one line ${LINE_SHAPE}, got none in ${text.trim() === '' ? 'an empty file' : `${count} lines`}`);
  }
  return { benchmarks, warnings };
}

export const benchmarkjsImporter: Importer = {
  format: FORMAT,
  description: 'benchmark.js: the lines String(event.target) prints in a cycle handler (ops/sec with the standard deviation behind ±rme)',
  parse,
};
