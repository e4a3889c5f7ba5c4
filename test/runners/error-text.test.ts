import { describe, expect, it } from 'vitest';
import { describeError, summarizeStderr } from '../../src/runners/error-text.js';

describe('describeError', () => {
  it('gives the first line of the message and the first frame outside node_modules and Node', () => {
    const error = new TypeError('bad input\nmore detail');
    error.stack = [
      'TypeError: bad input',
      'more detail',
      '    at JSON.parse (<anonymous>)',
      '    at parse (file:///repo/node_modules/lib/index.js:1:1)',
      '    at Task.fn (file:///repo/bench/x.bench.mjs:3:9)',
      '    at node:internal/process/task_queues:95:5',
    ].join('\n');
    expect(describeError(error, '/repo')).toBe('TypeError: bad input at bench/x.bench.mjs:3:9');
    expect(describeError(error, '/elsewhere')).toBe('TypeError: bad input at /repo/bench/x.bench.mjs:3:9');
  });

  it('copes with values that are not errors', () => {
    expect(describeError('plain string\nsecond')).toBe('plain string');
    expect(describeError(undefined)).toBe('undefined');
    expect(describeError('')).toBe('a non-Error value was thrown');
  });
});

describe('summarizeStderr', () => {
  it('finds the error line of an uncaught exception and where it came from', () => {
    const stderr = [
      'some log line',
      'file:///repo/bench/x.mjs:3',
      "    throw new Error('boom');",
      '    ^',
      '',
      'Error: boom',
      '    at file:///repo/bench/x.mjs:3:11',
      '    at ModuleJob.run (node:internal/modules/esm/module_job:234:25)',
      '',
      'Node.js v20.20.0',
      '',
    ].join('\n');
    expect(summarizeStderr(stderr, '/repo')).toBe('Error: boom at bench/x.mjs:3:11');
  });

  it('otherwise keeps the last lines, clipped from the front', () => {
    expect(summarizeStderr('one\ntwo\nthree\nfour\n')).toBe('two | three | four');
    expect(summarizeStderr('')).toBe('');
    const long = summarizeStderr('x'.repeat(1000));
    expect(long).toHaveLength(300);
    expect(long.startsWith('…')).toBe(true);
  });
});
