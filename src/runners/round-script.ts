import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The program one round process runs, and the Node flags it needs. */
export interface RoundScript {
  execArgv: string[];
  path: string;
}

/**
 * Bundled (dist/index.js or dist/cli/index.js), the round is its own bundle, dist/round/index.js.
 * From source (vitest, tsx), it is src/round.ts, which needs tsx to load.
 */
export function locateRoundScript(moduleUrl: string = import.meta.url): RoundScript {
  const here = path.dirname(fileURLToPath(moduleUrl));
  if (moduleUrl.endsWith('.ts')) {
    // Resolved here: a bare `--import tsx` resolves from the child's working folder. tsx/esm, not
    // tsx: perfgate's source is ESM only, and skipping tsx's CommonJS hooks saves ~150 ms a round.
    const tsx = pathToFileURL(createRequire(moduleUrl).resolve('tsx/esm')).href;
    return { execArgv: ['--import', tsx], path: path.resolve(here, '..', 'round.ts') };
  }
  const candidates = [path.join(here, 'round', 'index.js'), path.join(here, '..', 'round', 'index.js')];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`perfgate's round script is missing; looked for ${candidates.join(' and ')}`);
  return { execArgv: [], path: found };
}
