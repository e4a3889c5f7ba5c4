import { describe, expect, it } from 'vitest';
import { parsePullRequestClaim } from '../../src/results/pull-request-schema.js';
import { ResultsError } from '../../src/results/results-error.js';

const HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const BASE = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
const good = { schema: 'perfgate/pull-request', version: 1, number: 2, headSha: HEAD, baseSha: BASE, baseRef: 'master' };

function message(value: unknown): string {
  try {
    parsePullRequestClaim(typeof value === 'string' ? value : JSON.stringify(value, null, 2), 'pull-request.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ResultsError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('pull-request.json', () => {
  it('reads a claim, with or without the confirmation rounds', () => {
    expect(parsePullRequestClaim(JSON.stringify(good), 'pull-request.json')).toEqual(good);
    const warned = { ...good, warnings: ['same-runner comparison impossible: no git'] };
    expect(parsePullRequestClaim(JSON.stringify(warned), 'pull-request.json')).toEqual(warned);
    const confirmed = { ...good, confirmation: { rounds: 4, benchmarks: ['work/slower'], stopped: 'budget ran out' } };
    expect(parsePullRequestClaim(JSON.stringify(confirmed), 'pull-request.json')).toEqual(confirmed);
  });

  it.each([
    ['another schema', { ...good, schema: 'perfgate/results' }, /^pull-request\.json:2:\d+: schema: /],
    ['version 2', { ...good, version: 2 }, /^pull-request\.json:3:\d+: version: expected 1, got 2$/],
    ['a number as text', { ...good, number: '2' }, /^pull-request\.json:4:\d+: number: expected number, got "2"$/],
    ['pull request 0', { ...good, number: 0 }, /number: Too small: expected number to be >=1, got 0$/],
    ['a fractional number', { ...good, number: 2.5 }, /number: expected int, got 2\.5$/],
    ['a short sha', { ...good, headSha: HEAD.slice(0, 7) }, /headSha: expected a full commit SHA \(40 lowercase hex digits\), got "ec26c3e"$/],
    ['a path for a sha', { ...good, baseSha: '../../etc/passwd' }, /baseSha: expected a full commit SHA/],
    ['no head', { ...good, headSha: undefined }, /headSha: expected string, but it is missing$/],
    ['an unknown field', { ...good, command: 'rm -rf /' }, /^pull-request\.json:8:\d+: command: unknown field/],
    ['21 warnings', { ...good, warnings: Array.from({ length: 21 }, () => 'w') }, /warnings: Too big: expected array to have <=20 items/],
    ['a long warning', { ...good, warnings: ['x'.repeat(1001)] }, /warnings\[0\]: Too big: expected string to have <=1000 characters/],
    ['a long stop reason', { ...good, confirmation: { rounds: 1, benchmarks: [], stopped: 'x'.repeat(501) } }, /confirmation\.stopped: Too big/],
  ])('refuses %s with one line naming the field', (_label, value, expected) => {
    const line = message(value);
    expect(line).toMatch(expected);
    expect(line).not.toContain('\n');
  });

  it('refuses what is not a JSON object', () => {
    expect(message('{"schema": "perfgate/pull-request",')).toMatch(/^pull-request\.json:1:\d+: \(syntax\): expected valid JSON/);
    expect(message('[1]')).toBe('pull-request.json:1:1: (top level): expected a JSON object');
  });
});
