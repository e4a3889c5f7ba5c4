import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCsv, toCsv } from '../src/csv.js';

test('round trip, with quotes, commas and line breaks', () => {
  const rows = [
    ['id', 'text'],
    ['1', 'says "hi", twice'],
    ['2', 'two\nlines'],
  ];
  assert.deepEqual(parseCsv(toCsv(rows)), rows);
});
