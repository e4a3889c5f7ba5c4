import pkg from '../package.json' with { type: 'json' };

/** Recorded in every results file, so a reader knows which perfgate measured it. */
export const TOOL = { name: 'perfgate', version: pkg.version } as const;
