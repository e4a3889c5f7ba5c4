import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundScript } from '../../src/runners/round-script.js';
import { runSuites } from '../../src/runners/run-suites.js';
import { suite } from './suites.js';

/**
 * The round as it ships: src/round.ts bundled by ncc, run by plain Node without tsx. This is
 * also the only way to see Node's own type stripping load a suite: from source, tsx loads the
 * round script and with it every .ts file.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'perfgate-bundle-test-'));
let roundScript: RoundScript;

beforeAll(() => {
  const out = path.join(scratch, 'round');
  // --no-cache: ncc's cache folder is shared with any other build running on the machine.
  const args = [path.join(ROOT, 'node_modules/@vercel/ncc/dist/ncc/cli.js'), 'build', 'src/round.ts', '-o', out, '--quiet', '--no-cache'];
  try {
    execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'pipe' });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: Buffer; stdout?: Buffer };
    throw new Error(`ncc failed to bundle src/round.ts:\n${String(stderr ?? '')}${String(stdout ?? '')}`);
  }
  roundScript = { execArgv: [], path: path.join(out, 'index.js') };
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the bundled round script', () => {
  it('runs the function form, a Bench from the suite`s own tinybench, and a TypeScript suite via tsx', async () => {
    const run = await runSuites(
      [
        suite('ok', 'ok.bench.mjs', { rounds: 2 }),
        suite('instance', 'bench-instance.bench.mjs', { rounds: 1 }),
        suite('typescript', 'ok.bench.ts', { rounds: 1 }),
      ],
      { roundScript },
    );
    expect(run.benchmarks.map((b) => [b.id, b.error, b.metrics[0]?.rounds?.length])).toEqual([
      ['ok/JSON.parse small', undefined, 2],
      ['ok/sum 1..100', undefined, 2],
      ['instance/array sort', undefined, 1],
      ['typescript/join words', undefined, 1],
    ]);
    expect(run.warnings).toEqual([expect.stringMatching(/^instance: the suite exports a Bench instance/)]);
  });

  it('loads a TypeScript suite with Node`s type stripping where Node has it, else says why not', async () => {
    const file = path.join(scratch, 'stripped.bench.ts'); // outside the project: no tsx to find
    writeFileSync(file, "const n: number = 3;\nexport default (bench: { add(name: string, fn: () => unknown): void }): void => {\n  bench.add('square', (): number => n * n);\n};\n");
    const run = await runSuites([suite('stripped', file, { rounds: 1, timeMs: 5 })], { roundScript });
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    if (major > 22 || (major === 22 && minor >= 6)) {
      expect(run.benchmarks).toEqual([expect.objectContaining({ id: 'stripped/square', metrics: [expect.objectContaining({ rounds: [expect.any(Array)] })] })]);
    } else {
      expect(run.benchmarks).toEqual([
        expect.objectContaining({ id: 'stripped/*', error: `TypeScript suites need Node >= 22.6 or tsx installed in the project; this is Node ${process.versions.node}` }),
      ]);
    }
  });
});
