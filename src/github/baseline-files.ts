import type { ZipLimits } from './zip-reader.js';

/** Files a baseline artifact may hold; anything else in the zip makes it unusable. */
export const BASELINE_FILES = ['results.json', 'history.json', 'merge-log.json', 'meta.json'] as const;
/** A baseline is a few JSON files: these bounds are far above that and far below harm. */
export const BASELINE_ZIP_LIMITS: ZipLimits = { maxEntries: 20, maxTotalBytes: 64 * 1024 * 1024, allowed: BASELINE_FILES };
