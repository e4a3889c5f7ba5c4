import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkJsonShape, parseJsonInput, uniqueName } from '../../src/importers/json-input.js';

const SHAPE = 'a thing';

describe('parseJsonInput', () => {
  it('names the line and column where the text stops being JSON, also for an unexpected token mid-file', () => {
    // Node gives no position for an unexpected token; "tru" starts at line 3, column 8.
    expect(() => parseJsonInput('{\n  "a": 1,\n  "b": tru\n}', 'f.json', 'fmt', SHAPE)).toThrow(
      'f.json: fmt: line 3, column 8: expected a thing, got text that is not valid JSON',
    );
    // A trailing comma: the "}" at line 2, column 4 is where a value was expected.
    expect(() => parseJsonInput('{"a":\n 1,}', 'f.json', 'fmt', SHAPE)).toThrow('f.json: fmt: line 2, column 4: expected a thing, got text that is not valid JSON');
    // Cut short: the end of the text.
    expect(() => parseJsonInput('[1,', 'f.json', 'fmt', SHAPE)).toThrow('f.json: fmt: line 1, column 4: expected a thing, got text that is not valid JSON');
  });

  it('accepts a file that starts with a byte order mark', () => {
    expect(parseJsonInput('\uFEFF[1]', 'f.json', 'fmt', SHAPE)).toEqual([1]);
  });

  it('calls whitespace alone an empty file', () => {
    expect(() => parseJsonInput('\n \n', 'f.json', 'fmt', SHAPE)).toThrow('f.json: fmt: expected a thing, got an empty file');
  });
});

describe('checkJsonShape', () => {
  const schema = z.object({ runs: z.array(z.object({ 'wall time': z.number() })).min(1) });

  it('names the field with quoted keys where a key is not an identifier', () => {
    expect(() => checkJsonShape(schema, { runs: [{ 'wall time': 1 }, { 'wall time': null }] }, 'f.json', 'fmt')).toThrow(
      'f.json: fmt: runs[1]["wall time"]: expected a number, got null',
    );
    expect(() => checkJsonShape(schema, { runs: [{}] }, 'f.json', 'fmt')).toThrow('f.json: fmt: runs[0]["wall time"]: expected a number, but it is missing');
  });

  it('describes the top level without a field name', () => {
    expect(() => checkJsonShape(schema, 'text', 'f.json', 'fmt')).toThrow('f.json: fmt: expected an object, got "text"');
  });
});

describe('uniqueName', () => {
  it('numbers a repeated name from 2 on', () => {
    expect(uniqueName('a', new Set())).toBe('a');
    expect(uniqueName('a', new Set(['a', 'a (2)']))).toBe('a (3)');
  });
});
