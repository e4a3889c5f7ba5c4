/**
 * Quantities as written in perfgate.yml, parsed into canonical numbers: times in ms, rates in
 * ops/s, percentages as 0–100, sizes in bytes, relative changes as fractions ('10%' -> 0.1).
 *
 * Units are required: a bare `200` could be ms or s, and `0.1` could mean 10% or 0.1%, so
 * guessing would turn a typo into a silently wrong gate. The only place a bare number is accepted
 * is a limit of a metric perfgate knows nothing about (parseAnyQuantity), where the number is
 * taken in the metric's own unit.
 */

export type ParseResult = { ok: true; value: number } | { ok: false; message: string };

export type QuantityKind = 'time' | 'rate' | 'percent' | 'bytes';

export interface Quantity {
  kind: QuantityKind | 'number';
  /** In the canonical unit of the kind. */
  value: number;
  /** Canonical unit: 'ms', 'ops/s', '%', 'B', or '' for a bare number. */
  unit: string;
}

const NUMBER = String.raw`([+-]?(?:\d+(?:\.\d*)?|\.\d+))`;

const TIME_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1_000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
};
const RATE_MULTIPLIERS: Record<string, number> = { '': 1, k: 1e3, M: 1e6 };
const RATE_PERIODS: Record<string, number> = { s: 1, sec: 1, min: 1 / 60 };
const BYTE_UNITS: Record<string, number> = {
  B: 1,
  kB: 1e3,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
};

const TIME_UNIT = 'ns|us|µs|μs|ms|s|m|min|h';
const RATE_UNIT = String.raw`([kM]?)\s*(?:(?:ops?|req|requests|it|iterations)\s*)?/\s*(s|sec|min)`;
const BYTES_UNIT = 'B|kB|KB|MB|GB|KiB|MiB|GiB';

// The parsers accept a sign so that "-1s" gets "cannot be negative" instead of "not a time";
// the JSON Schema patterns, for editors, accept only what is valid.
const quantityRe = (number: string, unit: string) => String.raw`^\s*${number}\s*${unit}\s*$`;
const UNSIGNED = String.raw`(?:\d+(?:\.\d*)?|\.\d+)`;
const TIME_RE = new RegExp(quantityRe(NUMBER, `(${TIME_UNIT})`));
const RATE_RE = new RegExp(quantityRe(NUMBER, RATE_UNIT));
const PERCENT_RE = new RegExp(quantityRe(NUMBER, '%'));
const BYTES_RE = new RegExp(quantityRe(NUMBER, `(${BYTES_UNIT})`));

export const TIME_PATTERN = quantityRe(UNSIGNED, `(${TIME_UNIT})`);
export const RATE_PATTERN = quantityRe(UNSIGNED, RATE_UNIT);
export const PERCENT_PATTERN = quantityRe(UNSIGNED, '%');
export const BYTES_PATTERN = quantityRe(UNSIGNED, `(${BYTES_UNIT})`);

export const EXPECTED = {
  time: 'a time like "200ms" or "1.5s"',
  rate: 'a rate like "80/s" or "1.2k ops/s"',
  percent: 'a percentage like "99%"',
  bytes: 'a size like "512MB" or "1.5GiB"',
  relative: 'a relative change like "10%"',
  any: 'a number or a quantity like "200ms", "80/s", "99%" or "512MB"',
} as const;

const KIND_NOUN: Record<QuantityKind, string> = {
  time: 'the time',
  rate: 'the rate',
  percent: 'the percentage',
  bytes: 'the size',
};

/** A value as the user wrote it, for "got ..." in messages. */
export function showValue(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'string') return JSON.stringify(input);
  return String(input);
}

function fail(expected: string, input: unknown): ParseResult {
  return { ok: false, message: `expected ${expected}, got ${describeGot(input)}` };
}

function outOfRange(expected: string, input: unknown, why: string): ParseResult {
  return { ok: false, message: `expected ${expected}, got ${showValue(input)} (${why})` };
}

/** Names what the user wrote when it is a quantity of another kind: `got the rate "80/s"`. */
function describeGot(input: unknown): string {
  if (typeof input === 'number') return `${input} (add a unit)`;
  const kind = typeof input === 'string' ? classify(input) : undefined;
  return kind ? `${KIND_NOUN[kind]} ${showValue(input)}` : showValue(input);
}

function classify(text: string): QuantityKind | undefined {
  if (TIME_RE.test(text)) return 'time';
  if (RATE_RE.test(text)) return 'rate';
  if (PERCENT_RE.test(text)) return 'percent';
  if (BYTES_RE.test(text)) return 'bytes';
  return undefined;
}

function parseWith(
  input: unknown,
  re: RegExp,
  expected: string,
  toValue: (n: number, m: RegExpExecArray) => number,
): ParseResult {
  if (typeof input !== 'string') return fail(expected, input);
  const m = re.exec(input);
  if (!m) return fail(expected, input);
  const n = Number(m[1]);
  if (n < 0) return outOfRange(expected, input, 'it cannot be negative');
  // 1.1 * 1000 is 1100.0000000000002 in binary floating point; users wrote 1100.
  return { ok: true, value: Number(toValue(n, m).toPrecision(12)) };
}

/** '200ms', '1.5s', '300us', '50ns', '2m' -> milliseconds. */
export function parseTime(input: unknown): ParseResult {
  return parseWith(input, TIME_RE, EXPECTED.time, (n, m) => n * TIME_UNITS[m[2]!]!);
}

/** '80/s', '100 ops/s', '1.2k/s', '600 req/min' -> operations per second. */
export function parseRate(input: unknown): ParseResult {
  return parseWith(
    input,
    RATE_RE,
    EXPECTED.rate,
    (n, m) => n * RATE_MULTIPLIERS[m[2]!]! * RATE_PERIODS[m[3]!]!,
  );
}

/** '99%' -> 99, for metrics measured in percent such as success-rate. */
export function parsePercent(input: unknown): ParseResult {
  const r = parseWith(input, PERCENT_RE, EXPECTED.percent, (n) => n);
  if (r.ok && r.value > 100) return outOfRange(EXPECTED.percent, input, 'at most 100%');
  return r;
}

/** '512MB' -> bytes; kB/MB/GB are powers of 1000, KiB/MiB/GiB powers of 1024. */
export function parseBytes(input: unknown): ParseResult {
  return parseWith(input, BYTES_RE, EXPECTED.bytes, (n, m) => n * BYTE_UNITS[m[2]!]!);
}

/** '10%' -> 0.1: a change relative to the baseline. */
export function parseRelative(input: unknown): ParseResult {
  return parseWith(input, PERCENT_RE, EXPECTED.relative, (n) => n / 100);
}

/** Any of the above, or a bare number kept as it is (for metrics with a unit perfgate does not know). */
export function parseAnyQuantity(input: unknown): { ok: true; value: Quantity } | { ok: false; message: string } {
  if (typeof input === 'number' && Number.isFinite(input)) {
    return { ok: true, value: { kind: 'number', value: input, unit: '' } };
  }
  const kind = typeof input === 'string' ? classify(input) : undefined;
  if (!kind) return { ok: false, message: `expected ${EXPECTED.any}, got ${showValue(input)}` };
  const r = QUANTITY_PARSERS[kind](input);
  if (!r.ok) return r;
  return { ok: true, value: { kind, value: r.value, unit: CANONICAL_UNIT[kind] } };
}

export const QUANTITY_PARSERS: Record<QuantityKind, (input: unknown) => ParseResult> = {
  time: parseTime,
  rate: parseRate,
  percent: parsePercent,
  bytes: parseBytes,
};

export const CANONICAL_UNIT: Record<QuantityKind, string> = {
  time: 'ms',
  rate: 'ops/s',
  percent: '%',
  bytes: 'B',
};

/** 1000 -> '1s', 50 -> '50ms', 0.3 -> '300us': the largest unit up to s that gives a whole number. */
export function formatTime(ms: number): string {
  const units: [string, number][] = [
    ['s', 1_000],
    ['ms', 1],
    ['us', 1e-3],
    ['ns', 1e-6],
  ];
  for (const [unit, size] of units) {
    const n = ms / size;
    if (Math.abs(n) >= 1 && Number.isInteger(Math.round(n * 1e6) / 1e6)) return `${Math.round(n * 1e6) / 1e6}${unit}`;
  }
  return `${ms}ms`;
}
