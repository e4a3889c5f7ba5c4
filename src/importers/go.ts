import type { Direction, Metric, NonEmpty } from '../core/model.js';
import { ImportError, type Importer, type ImportedBenchmark, type ImportOutcome } from './importer.js';

const FORMAT = 'go';
const EXAMPLE = '"BenchmarkName-8  1000000  1234 ns/op"';

const RESULT_LINE = /^(Benchmark\S*)\s+(\d+)\s+(.*)$/;
// The package the following result lines belong to (other configuration lines: goos, cpu ...).
const PKG_LINE = /^pkg:\s*(\S+)/;
const PROCS_SUFFIX = /-(\d+)$/;

interface UnitMapping {
  metric: string;
  unit: string;
  direction: Direction;
  factor: number;
}

const KNOWN_UNITS: Record<string, UnitMapping> = {
  'ns/op': { metric: 'latency', unit: 'ms', direction: 'smaller', factor: 1e-6 },
  'B/op': { metric: 'bytes-per-op', unit: 'B', direction: 'smaller', factor: 1 },
  'allocs/op': { metric: 'allocs-per-op', unit: 'allocs', direction: 'smaller', factor: 1 },
  // b.SetBytes: go's MB is 1e6 bytes.
  'MB/s': { metric: 'throughput-bytes', unit: 'B/s', direction: 'bigger', factor: 1e6 },
};

/** b.ReportMetric units: `compares/op` -> metric "compares-per-op", kept in its own unit. */
function mappingOf(unit: string): UnitMapping {
  const known = KNOWN_UNITS[unit];
  if (known) return known;
  const metric = unit.toLowerCase().replace(/\//g, '-per-').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || unit;
  return { metric, unit, direction: unit.endsWith('/s') ? 'bigger' : 'smaller', factor: 1 };
}

interface Line {
  pkg: string;
  /** The name as printed, with the -GOMAXPROCS suffix. */
  printed: string;
  base: string;
  values: { unit: string; value: number }[];
}

function parseLine(match: RegExpExecArray, lineNo: number, pkg: string, file: string): Line {
  const printed = match[1] as string;
  const fields = (match[3] as string).trim().split(/\s+/);
  const values: Line['values'] = [];
  for (let i = 0; i < fields.length; i += 2) {
    const value = Number(fields[i]);
    const unit = fields[i + 1];
    if (unit === undefined || !Number.isFinite(value)) {
      throw new ImportError(file, FORMAT, `line ${lineNo}: expected "<value> <unit>" pairs after the iteration count, got "${fields.join(' ')}"`);
    }
    values.push({ unit, value });
  }
  return { pkg, printed, base: printed.replace(PROCS_SUFFIX, ''), values };
}

function readLines(text: string, file: string): { lines: Line[]; warnings: string[] } {
  const lines: Line[] = [];
  const warnings: string[] = [];
  let pkg = '';
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trimEnd();
    const result = RESULT_LINE.exec(line);
    if (result) {
      lines.push(parseLine(result, index + 1, pkg, file));
      return;
    }
    if (line.startsWith('--- FAIL:') || line === 'FAIL' || line.startsWith('FAIL\t')) {
      warnings.push(`line ${index + 1}: ${line.trim().replace(/\s+/g, ' ')}`);
      return;
    }
    const pkgLine = PKG_LINE.exec(line);
    if (pkgLine) pkg = pkgLine[1] as string;
    // Everything else (PASS, ok, test logs, other configuration) says nothing about the numbers.
  });
  return { lines, warnings };
}

/**
 * The name a benchmark gets: without the -GOMAXPROCS suffix, unless the same benchmark ran with
 * several (-cpu 1,2,4) and the suffix is what tells the runs apart; with its package only when
 * two packages have a benchmark of that name.
 */
function namesOf(lines: Line[]): string[] {
  const suffixes = new Map<string, Set<string>>();
  const packages = new Map<string, Set<string>>();
  for (const l of lines) {
    const key = `${l.pkg}\n${l.base}`;
    if (!suffixes.has(key)) suffixes.set(key, new Set());
    suffixes.get(key)?.add(l.printed);
    if (!packages.has(l.base)) packages.set(l.base, new Set());
    packages.get(l.base)?.add(l.pkg);
  }
  return lines.map((l) => {
    const name = (suffixes.get(`${l.pkg}\n${l.base}`)?.size ?? 0) > 1 ? l.printed : l.base;
    return (packages.get(l.base)?.size ?? 0) > 1 && l.pkg !== '' ? `${l.pkg}.${name}` : name;
  });
}

function parse(text: string, file: string): ImportOutcome {
  const { lines, warnings } = readLines(text, file);
  if (lines.length === 0) {
    throw new ImportError(file, FORMAT, `expected go test -bench output with result lines like ${EXAMPLE}, found none`);
  }
  const names = namesOf(lines);
  const byName = new Map<string, Map<string, Metric>>();
  lines.forEach((line, i) => {
    const name = names[i] as string;
    if (!byName.has(name)) byName.set(name, new Map());
    const metrics = byName.get(name) as Map<string, Metric>;
    // Each -count line is a separate measurement: one round per line.
    for (const { unit, value } of line.values) {
      const mapping = mappingOf(unit);
      const metric = metrics.get(mapping.metric);
      const round: NonEmpty<number> = [value * mapping.factor];
      if (metric) metric.rounds?.push(round);
      else metrics.set(mapping.metric, { name: mapping.metric, unit: mapping.unit, direction: mapping.direction, rounds: [round] });
    }
  });
  const benchmarks: ImportedBenchmark[] = [...byName].map(([name, metrics]) => ({ name, metrics: [...metrics.values()] }));
  return { benchmarks, warnings };
}

export const goImporter: Importer = {
  format: FORMAT,
  description: 'go test -bench output (text): -count lines become rounds; ns/op, B/op, allocs/op, MB/s and custom metrics',
  parse,
};
