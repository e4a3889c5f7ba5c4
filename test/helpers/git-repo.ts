import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A suite whose benchmarks do a given amount of work: factor 1.25 in head does exactly 25% more
 * integer steps than 1 in base. 200,000 steps make the call overhead negligible, so time follows work.
 * The loop sums a Float64Array: an integer loop `x = (x + i * 7) | 0` ran 7 to 15 times slower in
 * about one Node 24 process in six (a JIT mode), which would make the fixture itself bimodal.
 */
export function workSuite(factors: Record<string, number>, largestFactor: number): string {
  const adds = Object.entries(factors)
    .map(
      ([name, factor]) =>
        `  bench.add(${JSON.stringify(name)}, () => { let s = 0; for (let i = 0; i < ${Math.round(200_000 * factor)}; i++) s += data[i]; return s; });`,
    )
    .join('\n');
  return `const data = new Float64Array(${Math.round(200_000 * largestFactor)}).map((_, i) => i % 13);
export default (bench) => {
${adds}
};
`;
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=perfgate', '-c', 'user.email=perfgate@example.invalid', ...args], { cwd, encoding: 'utf8' });
}

/** A git repository at `root` whose HEAD~1 has the base factors and HEAD the head factors. */
export function twoCommitRepository(root: string, config: string, base: Record<string, number>, head: Record<string, number>): string {
  mkdirSync(path.join(root, 'bench'), { recursive: true });
  git(root, 'init', '-q');
  writeFileSync(path.join(root, 'perfgate.yml'), config);
  // One array size on both sides: only the work differs, not the memory the process touches.
  const largest = Math.max(1, ...Object.values(base), ...Object.values(head));
  writeFileSync(path.join(root, 'bench', 'work.bench.mjs'), workSuite(base, largest));
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'base');
  writeFileSync(path.join(root, 'bench', 'work.bench.mjs'), workSuite(head, largest));
  git(root, 'commit', '--allow-empty', '-qam', 'head');
  return root;
}
