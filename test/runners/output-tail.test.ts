import { describe, expect, it } from 'vitest';
import { OutputTail } from '../../src/runners/output-tail.js';

describe('OutputTail', () => {
  it('keeps the last lines with text, joined on one line', () => {
    const tail = new OutputTail(3);
    const write = tail.stream();
    write('one\ntwo\n\n  \nthree\r\nfour\n');
    expect(tail.text()).toBe('two | three | four');
  });

  it('joins lines split across chunks and keeps each stream\'s unfinished line apart', () => {
    const tail = new OutputTail();
    const stdout = tail.stream();
    const stderr = tail.stream();
    stdout('listen');
    stderr('warn: slow ');
    stdout('ing on 8080\n');
    stderr('disk\n');
    stdout('no newline at the end');
    expect(tail.text()).toBe('listening on 8080 | warn: slow disk | no newline at the end');
  });

  it('clips long lines', () => {
    const tail = new OutputTail(20, 10);
    tail.stream()(`${'x'.repeat(50)}\n`);
    expect(tail.text()).toBe(`${'x'.repeat(9)}…`);
  });

  it('is empty when nothing was printed', () => {
    const tail = new OutputTail();
    tail.stream()('\n\n');
    expect(tail.text()).toBe('');
  });
});
