import { describe, expect, it } from 'vitest';
import { levenshtein, suggest } from '../../src/config/did-you-mean.js';
import {
  formatTime,
  parseAnyQuantity,
  parseBytes,
  parsePercent,
  parseRate,
  parseRelative,
  parseTime,
} from '../../src/config/quantities.js';

const ok = (value: number) => ({ ok: true, value });
const fails = (message: string) => ({ ok: false, message });

describe('parseTime', () => {
  it.each([
    ['200ms', 200],
    ['1.5s', 1500],
    ['1.1s', 1100],
    ['300us', 0.3],
    ['300µs', 0.3],
    ['50ns', 0.00005],
    ['2m', 120_000],
    ['2min', 120_000],
    ['1h', 3_600_000],
    ['0ms', 0],
    ['.5s', 500],
    [' 10 ms ', 10],
  ])('%s -> %s ms', (text, ms) => {
    expect(parseTime(text)).toEqual(ok(ms));
  });

  it.each([
    ['200 parsecs', 'expected a time like "200ms" or "1.5s", got "200 parsecs"'],
    ['80/s', 'expected a time like "200ms" or "1.5s", got the rate "80/s"'],
    ['10%', 'expected a time like "200ms" or "1.5s", got the percentage "10%"'],
    [200, 'expected a time like "200ms" or "1.5s", got 200 (add a unit)'],
    ['-5ms', 'expected a time like "200ms" or "1.5s", got "-5ms" (it cannot be negative)'],
    ['', 'expected a time like "200ms" or "1.5s", got ""'],
    [null, 'expected a time like "200ms" or "1.5s", got null'],
    [['1s'], 'expected a time like "200ms" or "1.5s", got a list'],
  ])('%j is refused', (input, message) => {
    expect(parseTime(input)).toEqual(fails(message));
  });
});

describe('parseRate', () => {
  it.each([
    ['80/s', 80],
    ['100 ops/s', 100],
    ['1.2k/s', 1200],
    ['1.2k ops/s', 1200],
    ['2M/s', 2_000_000],
    ['600 req/min', 10],
    ['50 requests/sec', 50],
  ])('%s -> %s ops/s', (text, rate) => {
    expect(parseRate(text)).toEqual(ok(rate));
  });

  it('refuses a time', () => {
    expect(parseRate('200ms')).toEqual(fails('expected a rate like "80/s" or "1.2k ops/s", got the time "200ms"'));
  });
});

describe('parsePercent and parseRelative', () => {
  it('keeps percentages on the 0-100 scale for percent metrics', () => {
    expect(parsePercent('99%')).toEqual(ok(99));
    expect(parsePercent('99.5 %')).toEqual(ok(99.5));
    expect(parsePercent('101%')).toEqual(fails('expected a percentage like "99%", got "101%" (at most 100%)'));
    expect(parsePercent(0.99)).toEqual(fails('expected a percentage like "99%", got 0.99 (add a unit)'));
  });

  it('turns relative changes into fractions', () => {
    expect(parseRelative('10%')).toEqual(ok(0.1));
    expect(parseRelative('7%')).toEqual(ok(0.07));
    expect(parseRelative('150%')).toEqual(ok(1.5));
    expect(parseRelative('0%')).toEqual(ok(0));
    expect(parseRelative('ten')).toEqual(fails('expected a relative change like "10%", got "ten"'));
    expect(parseRelative(0.1)).toEqual(fails('expected a relative change like "10%", got 0.1 (add a unit)'));
  });
});

describe('parseBytes', () => {
  it('uses powers of 1000 for kB/MB/GB and 1024 for KiB/MiB/GiB', () => {
    expect(parseBytes('512MB')).toEqual(ok(512e6));
    expect(parseBytes('1.5GiB')).toEqual(ok(1.5 * 1024 ** 3));
    expect(parseBytes('4 KiB')).toEqual(ok(4096));
    expect(parseBytes('12B')).toEqual(ok(12));
  });
});

describe('parseAnyQuantity', () => {
  it('classifies and converts to the canonical unit', () => {
    expect(parseAnyQuantity('1.5s')).toEqual({ ok: true, value: { kind: 'time', value: 1500, unit: 'ms' } });
    expect(parseAnyQuantity('1.2k/s')).toEqual({ ok: true, value: { kind: 'rate', value: 1200, unit: 'ops/s' } });
    expect(parseAnyQuantity('99%')).toEqual({ ok: true, value: { kind: 'percent', value: 99, unit: '%' } });
    expect(parseAnyQuantity('2MB')).toEqual({ ok: true, value: { kind: 'bytes', value: 2e6, unit: 'B' } });
    expect(parseAnyQuantity(42)).toEqual({ ok: true, value: { kind: 'number', value: 42, unit: '' } });
  });

  it('says what it accepts', () => {
    expect(parseAnyQuantity('lots')).toEqual(
      fails('expected a number or a quantity like "200ms", "80/s", "99%" or "512MB", got "lots"'),
    );
  });
});

describe('formatTime', () => {
  it('writes the largest whole unit up to seconds', () => {
    expect([1000, 50, 60_000, 1500, 0.3, 0.00005].map(formatTime)).toEqual(['1s', '50ms', '60s', '1500ms', '300us', '50ns']);
  });
});

describe('did you mean', () => {
  it('measures edit distance', () => {
    expect(levenshtein('version', 'verison')).toBe(2);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('rounds', 'rounds')).toBe(0);
  });

  it('suggests the closest key within 2 edits, ignoring case', () => {
    expect(suggest('verison', ['version', 'suites'])).toBe('version');
    expect(suggest('Suites', ['version', 'suites'])).toBe('suites');
    expect(suggest('min_samples', ['min-samples', 'rounds'])).toBe('min-samples');
    expect(suggest('banana', ['version', 'suites'])).toBeUndefined();
  });
});
