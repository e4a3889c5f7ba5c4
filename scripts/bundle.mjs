// Builds dist/ with ncc: the action (dist/index.js), the CLI (dist/cli/index.js) and the process
// that runs one benchmark round (dist/round/index.js), each self-contained so that neither the
// action nor `npx perfgate` needs node_modules at run time.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const entries = [
  ['src/index.ts', 'dist'],
  ['src/cli.ts', 'dist/cli'],
  ['src/round.ts', 'dist/round'],
];

rmSync('dist', { recursive: true, force: true });
for (const [entry, out] of entries) {
  execFileSync(
    process.execPath,
    ['node_modules/@vercel/ncc/dist/ncc/cli.js', 'build', entry, '-o', out, '--source-map', '--license', 'licenses.txt', '--quiet'],
    { stdio: 'inherit' },
  );
}
