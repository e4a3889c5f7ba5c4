import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = path.join(import.meta.dirname, '..', '..', 'src', 'core');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** What the pure core may not touch: I/O, the environment, the clock, randomness, the network. */
const FORBIDDEN: [RegExp, string][] = [
  [/from\s+['"](node:)?(fs|fs\/promises|child_process|os|http|https|net|process|path|worker_threads)['"]/, 'a Node I/O module'],
  [/from\s+['"]@actions\//, '@actions/*'],
  [/from\s+['"]@octokit\//, 'Octokit'],
  [/\bprocess\./, 'process'],
  [/\bnew Date\(|Date\.now\(/, 'the clock'],
  [/performance\.now\(/, 'the clock'],
  [/Math\.random\(/, 'unseeded randomness'],
  [/\bfetch\(/, 'the network'],
  [/\bimport\(/, 'dynamic import'],
  [/\brequire\(/, 'require'],
  [/\bconsole\./, 'logging (warnings are data)'],
];

describe('src/core is pure', () => {
  const files = sourceFiles(CORE);

  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  for (const file of files) {
    it(path.relative(CORE, file), () => {
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      const found = FORBIDDEN.filter(([pattern]) => pattern.test(code)).map(([, what]) => what);
      expect(found, `${path.relative(CORE, file)} uses ${found.join(', ')}`).toEqual([]);
    });
  }
});
