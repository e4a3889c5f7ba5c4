import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMergeLog } from '../../src/results/parse-results.js';
import { LOG_FIXTURE, runPerfgate } from './log-cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'perfgate-log-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const FIXTURE_TEXT = readFileSync(LOG_FIXTURE, 'utf8');
const FIXTURE = parseMergeLog(FIXTURE_TEXT, LOG_FIXTURE);
/** The fixture's two shifts: api/list p95 up 28% with #172, parse/large down 18% with #124. */
const STEP = FIXTURE.find((e) => e.pr?.number === 172)!;
const IMPROVEMENT = FIXTURE.find((e) => e.pr?.title === 'Use a lookup table in the parser')!;

function dir(name: string): string {
  const d = path.join(work, name);
  mkdirSync(d, { recursive: true });
  return d;
}

function expectUsageError(run: { status: number | null; stdout: string; stderr: string }, ...parts: string[]): void {
  expect(run.status, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  for (const part of parts) expect(lines[0]).toContain(part);
}

describe('perfgate log (CLI)', () => {
  it('prints the markdown summary of a merge-log.json: newest 20 merges, change points, charts', () => {
    const run = runPerfgate(['log', LOG_FIXTURE]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('### 📜 perfgate: merges on the base branch');
    expect(run.stdout).toContain('40 merges from 2026-01-06 01:26 to 2026-01-28 10:59 UTC; the newest 20, newest first.');
    expect(run.stdout.split('\n').filter((l) => /^\| 2026-/.test(l))).toHaveLength(20);
    expect(run.stdout).toContain(`⚠️ worse: **api/list** latency (p95): 8.21 ms → 10.5 ms (+28.2%) in \`${STEP.parent!.slice(0, 7)}..${STEP.commit.slice(0, 7)}\``);
    expect(run.stdout).toContain(`🚀 better: **parse/large** latency (median)`);
    expect(run.stdout).toContain(`..${IMPROVEMENT.commit.slice(0, 7)}\``);
    expect(run.stdout.match(/```mermaid/g)).toHaveLength(5);
    expect(run.stdout).toContain(`\`git revert ${STEP.commit}\``);
  });

  it('reads .perfgate/merge-log.json by default, and a folder holding merge-log.json', () => {
    const project = dir('project');
    mkdirSync(path.join(project, '.perfgate'));
    copyFileSync(LOG_FIXTURE, path.join(project, '.perfgate', 'merge-log.json'));
    const byDefault = runPerfgate(['log', '--limit', '3'], project);
    expect(byDefault.status, byDefault.stderr).toBe(0);
    expect(byDefault.stdout.split('\n').filter((l) => /^\| 2026-/.test(l))).toHaveLength(3);
    const byFolder = runPerfgate(['log', '.perfgate', '-n', '3'], project);
    expect(byFolder.status, byFolder.stderr).toBe(0);
    expect(byFolder.stdout).toBe(byDefault.stdout);
  });

  it('reads the baseline artifact zip as downloaded', () => {
    const zips = dir('zips');
    const zip = path.join(zips, 'perfgate-baseline.zip');
    writeFileSync(zip, zipSync({ 'results.json': strToU8('{}'), 'merge-log.json': strToU8(FIXTURE_TEXT) }));
    const run = runPerfgate(['log', zip, '--format', 'json'], zips);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).entries).toHaveLength(40);
  });

  it('prints JSON: the log as stored plus the change points', () => {
    const run = runPerfgate(['log', LOG_FIXTURE, '--format', 'json', '--limit', '5']);
    expect(run.status, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as { schema: string; version: number; entries: unknown[]; changePoints: Record<string, unknown>[] };
    expect(Object.keys(doc)).toEqual(['schema', 'version', 'entries', 'changePoints']);
    expect(doc.schema).toBe('perfgate/merge-log');
    expect(doc.version).toBe(1);
    expect(doc.entries).toEqual(FIXTURE.slice(0, 5));
    // Change points come from the whole log, not only the entries shown.
    expect(doc.changePoints.map((cp) => [cp.id, cp.metric, cp.commit, cp.previousCommit, cp.worse])).toEqual([
      ['parse/large', 'latency', IMPROVEMENT.commit, IMPROVEMENT.parent, false],
      ['api/list', 'latency', STEP.commit, STEP.parent, true],
    ]);
  });

  it('prints CSV: a header and one row per merge and metric', () => {
    const run = runPerfgate(['log', LOG_FIXTURE, '--format', 'csv']);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.split('\r\n');
    expect(lines[0]).toMatch(/^time,commit,parent,pr,title,author,/);
    expect(lines).toHaveLength(1 + 40 * 5 + 1);
  });

  it('writes --output and says where in one line', () => {
    const out = dir('out');
    const run = runPerfgate(['log', LOG_FIXTURE, '--format', 'html', '--output', 'pages/log.html'], out);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(`perfgate log: wrote html for 40 merges to ${path.join('pages', 'log.html')}`);
    const html = readFileSync(path.join(out, 'pages', 'log.html'), 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg /g)).toHaveLength(5);
  });

  it('prints its help', () => {
    const run = runPerfgate(['log', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: perfgate log [PATH] [options]');
    expect(runPerfgate(['--help']).stdout).toContain('log [PATH]');
  });
});

describe('perfgate log: every bad input is one line and exit 2', () => {
  it('a missing file, or a folder without merge-log.json', () => {
    const empty = dir('empty');
    expectUsageError(runPerfgate(['log'], empty), `perfgate: ${path.join('.perfgate', 'merge-log.json')}: no such file; expected a merge-log.json, a folder holding one, or a baseline artifact .zip`);
    expectUsageError(runPerfgate(['log', '.'], empty), 'perfgate: ', 'the folder holds no merge-log.json');
  });

  it('a file that is not JSON, or not a merge log', () => {
    const bad = dir('bad');
    writeFileSync(path.join(bad, 'text.json'), 'hello');
    expectUsageError(runPerfgate(['log', 'text.json'], bad), 'perfgate: text.json:1:', '(syntax): expected valid JSON');
    const broken = JSON.parse(FIXTURE_TEXT) as { entries: { time: string }[] };
    broken.entries[2]!.time = 'yesterday';
    writeFileSync(path.join(bad, 'merge-log.json'), JSON.stringify(broken, null, 2));
    expectUsageError(runPerfgate(['log', 'merge-log.json'], bad), 'merge-log.json:', 'entries[2].time', 'expected an ISO 8601 time');
    writeFileSync(path.join(bad, 'results.json'), '{"benchmarks":[]}');
    expectUsageError(runPerfgate(['log', 'results.json'], bad), 'results.json:', 'schema');
  });

  it('a zip that is no baseline artifact or holds no log', () => {
    const bad = dir('bad-zips');
    writeFileSync(path.join(bad, 'old.zip'), zipSync({ 'results.json': strToU8('{}') }));
    expectUsageError(runPerfgate(['log', 'old.zip'], bad), 'perfgate: old.zip: the zip holds no merge-log.json (it holds results.json)');
    writeFileSync(path.join(bad, 'other.zip'), zipSync({ 'evil.sh': strToU8('rm -rf /') }));
    expectUsageError(runPerfgate(['log', 'other.zip'], bad), 'perfgate: other.zip:', 'expected a baseline artifact .zip');
    writeFileSync(path.join(bad, 'corrupt.zip'), 'PK\u0003\u0004 not really');
    expectUsageError(runPerfgate(['log', 'corrupt.zip'], bad), 'perfgate: corrupt.zip: not a valid zip');
    writeFileSync(path.join(bad, 'inside.zip'), zipSync({ 'merge-log.json': strToU8('{"schema":"perfgate/merge-log"}') }));
    expectUsageError(runPerfgate(['log', 'inside.zip'], bad), 'inside.zip/merge-log.json:');
  });

  it('an unknown format, a bad --limit, an unknown flag, two paths', () => {
    expectUsageError(runPerfgate(['log', LOG_FIXTURE, '--format', 'xml']), 'perfgate: --format: expected markdown, csv, json or html, got "xml"');
    expectUsageError(runPerfgate(['log', LOG_FIXTURE, '--limit', '0']), 'perfgate: --limit: expected a whole number of at least 1, got "0"');
    expectUsageError(runPerfgate(['log', LOG_FIXTURE, '--limit', 'ten']), '--limit: expected a whole number of at least 1, got "ten"');
    expectUsageError(runPerfgate(['log', LOG_FIXTURE, '--bogus']), 'perfgate: ', "'--bogus'");
    expectUsageError(runPerfgate(['log', LOG_FIXTURE, LOG_FIXTURE]), 'perfgate: expected at most one PATH, got 2');
  });
});
