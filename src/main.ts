import { processIo } from './cli/io.js';
import { main } from './cli/main.js';

/**
 * The action's entry. Until the GitHub integration lands it runs the same pipeline as
 * `perfgate run` against the committed baseline, with the `config` input when given.
 */
export async function run(): Promise<void> {
  const config = process.env['INPUT_CONFIG'];
  const workspace = process.env['GITHUB_WORKSPACE'];
  if (workspace) process.chdir(workspace);
  const code = await main(['run', ...(config ? ['--config', config] : [])], processIo());
  process.exitCode = code;
}
