import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeFlagsForSuite, resolveProjectTsx } from '../../src/runners/node-flags.js';
import { locateRoundScript } from '../../src/runners/round-script.js';
import { SUITES } from './suites.js';

const noTsx = () => undefined;
const someTsx = () => 'file:///project/node_modules/tsx/dist/loader.mjs';

describe('nodeFlagsForSuite', () => {
  it('needs nothing for JavaScript', () => {
    expect(nodeFlagsForSuite('/p/a.bench.mjs', { version: '20.20.0', typescript: undefined }, someTsx)).toEqual({ flags: [] });
    expect(nodeFlagsForSuite('/p/a.bench.js', { version: '20.20.0', typescript: undefined }, someTsx)).toEqual({ flags: [] });
  });

  it('prefers the project`s tsx for TypeScript, on any Node', () => {
    for (const runtime of [{ version: '20.20.0', typescript: undefined }, { version: '24.21.0', typescript: 'strip' }]) {
      expect(nodeFlagsForSuite('/p/a.bench.ts', runtime, someTsx)).toEqual({ flags: ['--import', someTsx()] });
    }
  });

  it('falls back to Node`s type stripping, with the flag only where it is off by default', () => {
    expect(nodeFlagsForSuite('/p/a.bench.mts', { version: '24.21.0', typescript: 'strip' }, noTsx)).toEqual({
      flags: ['--disable-warning=ExperimentalWarning'],
    });
    expect(nodeFlagsForSuite('/p/a.bench.ts', { version: '22.6.0', typescript: false }, noTsx)).toEqual({
      flags: ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'],
    });
  });

  it('says what is missing on an older Node without tsx', () => {
    expect(nodeFlagsForSuite('/p/a.bench.ts', { version: '22.5.1', typescript: undefined }, noTsx)).toEqual({
      error: 'TypeScript suites need Node >= 22.6 or tsx installed in the project; this is Node 22.5.1',
    });
  });

  it('resolves tsx from the suite`s folder, not perfgate`s', () => {
    expect(resolveProjectTsx(path.join(SUITES, 'ok.bench.ts'))).toMatch(/^file:\/\/.*\/node_modules\/tsx\/.*\.mjs$/);
    expect(resolveProjectTsx(path.join(os.tmpdir(), 'nowhere', 'a.bench.ts'))).toBeUndefined();
  });
});

describe('locateRoundScript', () => {
  const dist = path.join(mkdtempSync(path.join(os.tmpdir(), 'perfgate-dist-')), 'dist');
  afterAll(() => rmSync(path.dirname(dist), { recursive: true, force: true }));

  it('runs src/round.ts through tsx from source', () => {
    const script = locateRoundScript();
    expect(script.path).toBe(path.resolve(import.meta.dirname, '..', '..', 'src', 'round.ts'));
    expect(script.execArgv).toEqual(['--import', expect.stringMatching(/^file:\/\/.*\/tsx\/dist\/esm\/index\.mjs$/)]);
  });

  it('finds the round bundle next to the action`s and the CLI`s bundle', () => {
    mkdirSync(path.join(dist, 'round'), { recursive: true });
    writeFileSync(path.join(dist, 'round', 'index.js'), '');
    const round = path.join(dist, 'round', 'index.js');
    expect(locateRoundScript(pathToFileURL(path.join(dist, 'index.js')).href)).toEqual({ execArgv: [], path: round });
    expect(locateRoundScript(pathToFileURL(path.join(dist, 'cli', 'index.js')).href)).toEqual({ execArgv: [], path: round });
    expect(() => locateRoundScript(pathToFileURL(path.join(dist, 'x', 'y', 'index.js')).href)).toThrow(/round script is missing/);
  });
});
