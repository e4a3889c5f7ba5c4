import type { z } from 'zod';
import { formatPath } from '../config/config-error.js';
import { ImportError } from './importer.js';

/** A value as a message shows it: scalars as JSON (`"abc"`, `null`), containers by kind (`an array`). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (value !== null && typeof value === 'object') return Object.keys(value).length === 0 ? 'an empty object' : 'an object';
  const json = JSON.stringify(value);
  return json.length > 40 ? `${json.slice(0, 37)}...` : json;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${(before[before.length - 1] as string).length + 1}`;
}

const LITERAL = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/;

/**
 * Where text that JSON.parse refused stops being JSON. The engine's messages give no position for
 * an unexpected token and word things differently from one Node version to the next, so the
 * position is found here, the same way everywhere.
 */
function firstBadOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new RangeError(String(i));
  };
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const string = (): void => {
    i++;
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return;
      }
      if (c < ' ') fail();
      i += c === '\\' ? 2 : 1;
    }
    fail();
  };
  const value = (): void => {
    space();
    const open = text[i];
    if (open === '{' || open === '[') {
      const close = open === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (open === '{') {
          space();
          if (text[i] !== '"') fail();
          string();
          space();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        space();
        if (text[i] === close) {
          i++;
          return;
        }
        if (text[i] !== ',') fail();
        i++;
      }
    }
    if (open === '"') return string();
    const literal = LITERAL.exec(text.slice(i));
    if (!literal) fail();
    i += (literal as RegExpExecArray)[0].length;
  };
  try {
    value();
    space();
    if (i < text.length) fail();
  } catch (error) {
    if (error instanceof RangeError && /^\d+$/.test(error.message)) return Number(error.message);
    throw error;
  }
  return text.length;
}

/** JSON.parse with the failure as one ImportError that says where the text stops being JSON. */
export function parseJsonInput(text: string, file: string, format: string, shape: string): unknown {
  // Editors on Windows may start a UTF-8 file with a byte order mark, which JSON.parse refuses.
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new ImportError(file, format, `expected ${shape}, got an empty file`);
  try {
    return JSON.parse(body);
  } catch {
    const where = lineAndColumn(body, firstBadOffset(body));
    throw new ImportError(file, format, `${where}: expected ${shape}, got text that is not valid JSON`);
  }
}

/** The top level must be an object with `key`; anything else is most likely another tool's file. */
export function requireObjectWith(root: unknown, key: string, file: string, format: string, shape: string): Record<string, unknown> {
  if (root !== null && typeof root === 'object' && !Array.isArray(root)) {
    if (key in root) return root as Record<string, unknown>;
    throw new ImportError(file, format, `expected ${shape}, got an object without "${key}"`);
  }
  throw new ImportError(file, format, `expected ${shape}, got ${describeValue(root)}`);
}

const ARTICLE: Record<string, string> = {
  number: 'a number',
  string: 'a string',
  array: 'an array',
  object: 'an object',
  record: 'an object',
  boolean: 'true or false',
};

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** What zod found, in the words of this project: `benchmarks[3].stats.mean: expected a number, got "abc"`. */
function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
  const field = formatPath(path);
  const value = valueAt(root, path);
  let expected: string;
  if (issue.code === 'invalid_type') expected = `expected ${ARTICLE[issue.expected] ?? issue.expected}`;
  else if (issue.code === 'too_small' && issue.origin === 'array') expected = `expected at least ${String(issue.minimum)} entr${issue.minimum === 1 ? 'y' : 'ies'}`;
  else if (issue.code === 'too_small' && issue.origin === 'string') expected = 'expected a non-empty string';
  else expected = issue.message.replace(/^Invalid (input|option): /, '');
  const got = value === undefined ? 'but it is missing' : `got ${describeValue(value)}`;
  return `${field === null ? '' : `${field}: `}${expected}, ${got}`;
}

/** Validates parsed JSON; the first problem becomes one ImportError naming the field. */
export function checkJsonShape<T>(schema: z.ZodType<T>, root: unknown, file: string, format: string): T {
  const parsed = schema.safeParse(root);
  if (parsed.success) return parsed.data;
  throw new ImportError(file, format, describeIssue(parsed.error.issues[0] as z.core.$ZodIssue, root));
}

/** `name`, then `name (2)`, `name (3)` ...: a repeated name is kept apart, never dropped. */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  let n = 2;
  while (taken.has(`${name} (${n})`)) n++;
  return `${name} (${n})`;
}
