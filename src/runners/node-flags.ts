import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export interface NodeRuntime {
  /** process.versions.node */
  version: string;
  /** process.features.typescript: 'strip' | 'transform' when type stripping is on, else falsy. */
  typescript: unknown;
}

export type NodeFlags = { flags: string[] } | { error: string };

const TYPESCRIPT = /\.[cm]?tsx?$/;

/**
 * The Node flags a round needs to import the suite file.
 *
 * TypeScript: the project's own tsx first, when the suite's folder resolves it. Node's type
 * stripping is the fallback, not the first choice, because it rejects what TypeScript projects
 * routinely write: NodeNext imports of `./x.js` that exist only as x.ts (ERR_MODULE_NOT_FOUND)
 * and enums or parameter properties (ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX); both checked on Node 24.
 */
export function nodeFlagsForSuite(
  suiteFile: string,
  runtime: NodeRuntime = currentRuntime(),
  resolveTsx: (suiteFile: string) => string | undefined = resolveProjectTsx,
): NodeFlags {
  if (!TYPESCRIPT.test(suiteFile)) return { flags: [] };
  const tsx = resolveTsx(suiteFile);
  if (tsx) return { flags: ['--import', tsx] };
  const [major = 0, minor = 0] = runtime.version.split('.').map(Number);
  const quiet = '--disable-warning=ExperimentalWarning';
  if (runtime.typescript) return { flags: [quiet] };
  if (major > 22 || (major === 22 && minor >= 6)) return { flags: ['--experimental-strip-types', quiet] };
  return { error: `TypeScript suites need Node >= 22.6 or tsx installed in the project; this is Node ${runtime.version}` };
}

function currentRuntime(): NodeRuntime {
  return { version: process.versions.node, typescript: (process.features as { typescript?: unknown }).typescript };
}

/** tsx's ESM entry as a file URL, resolved from the suite's folder, or undefined. */
export function resolveProjectTsx(suiteFile: string): string | undefined {
  try {
    return pathToFileURL(createRequire(suiteFile).resolve('tsx')).href;
  } catch {
    return undefined;
  }
}
