import type { RunArtifact } from './run-artifacts.js';
import type { ZipLimits } from './zip-reader.js';

/**
 * Files a pull request's results artifact may hold. report.json is what the measuring run decided,
 * kept for people who download the artifact; a report job recomputes the verdict and ignores it.
 */
export const RESULTS_FILES = ['results.json', 'base-results.json', 'report.json', 'pull-request.json'] as const;
/** Far above what a results artifact needs, and a bound on what a hostile one can cost. */
export const RESULTS_ZIP_LIMITS: ZipLimits = { maxEntries: 20, maxTotalBytes: 32 * 1024 * 1024, allowed: RESULTS_FILES };
export const MAX_RESULTS_ZIP_BYTES = 32 * 1024 * 1024;

/**
 * A name can be uploaded once per workflow run, re-runs included, and a fork's read-only token
 * cannot delete the first attempt's artifact: later attempts upload under their own name.
 */
export function resultsArtifactName(name: string, runAttempt: number): string {
  return runAttempt > 1 ? `${name}-attempt-${runAttempt}` : name;
}

function attemptOf(artifactName: string, name: string): number | null {
  if (artifactName === name) return 1;
  if (!artifactName.startsWith(`${name}-attempt-`)) return null;
  const rest = artifactName.slice(name.length + '-attempt-'.length);
  return /^[1-9]\d{0,3}$/.test(rest) ? Number(rest) : null;
}

/** The results of the latest attempt up to `runAttempt` (any attempt when it is unknown). */
export function pickResultsArtifact(artifacts: readonly RunArtifact[], name: string, runAttempt?: number): RunArtifact | null {
  let best: { artifact: RunArtifact; attempt: number } | null = null;
  for (const artifact of artifacts) {
    const attempt = attemptOf(artifact.name, name);
    if (attempt === null) continue;
    if (runAttempt !== undefined && attempt > runAttempt) continue;
    if (!best || attempt > best.attempt) best = { artifact, attempt };
  }
  return best?.artifact ?? null;
}
