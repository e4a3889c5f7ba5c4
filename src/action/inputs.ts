import * as core from '@actions/core';
import { parseTime } from '../config/quantities.js';
import { COMMENT_MODES, FAIL_ON, INPUTS, MODES, type CommentMode, type FailOn, type Mode } from './constants.js';

export interface ActionInputs {
  configPath: string | undefined;
  token: string;
  baselineArtifact: string;
  baseBranch: string | undefined;
  comment: CommentMode;
  /** Distinguishes the sticky comments of several perfgate jobs on one pull request. */
  commentId: string;
  failOn: FailOn;
  workingDirectory: string | undefined;
  retentionDays: number | undefined;
  outputDirectory: string;
  networkTimeoutMs: number;
  mode: Mode;
  /** This job's slice of the suites: `index` of `count`, both from 1. */
  shard: { index: number; count: number } | undefined;
  /** Name (and prefix, for shards) of the results artifacts that report and merge jobs read. */
  resultsArtifact: string;
}

/** "2/4": the second of four shards. */
function readShard(): { index: number; count: number } | undefined {
  const value = optional(INPUTS.shard);
  if (value === undefined) return undefined;
  const match = /^(\d+)\s*\/\s*(\d+)$/.exec(value);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!(index >= 1 && count >= 1 && index <= count && count <= 256)) {
    throw new InputError(`input "${INPUTS.shard}": expected K/N with 1 <= K <= N <= 256, e.g. "2/4", got "${value}"`);
  }
  return { index, count };
}

/** A bad input: one line that names the input, quotes the value and says what was expected. */
export class InputError extends Error {
  override name = 'InputError';
}

function choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const value = core.getInput(name).trim();
  if (value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`input "${name}": expected one of ${allowed.join(', ')}, got "${value}"`);
}

function optional(name: string): string | undefined {
  const value = core.getInput(name).trim();
  return value === '' ? undefined : value;
}

/** The only reader of action inputs: everything else receives typed values. */
export function readActionInputs(): ActionInputs {
  const token = core.getInput(INPUTS.token);
  if (token) core.setSecret(token);
  const retention = optional(INPUTS.retentionDays);
  let retentionDays: number | undefined;
  if (retention !== undefined) {
    retentionDays = Number(retention);
    if (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > 90) {
      throw new InputError(`input "${INPUTS.retentionDays}": expected a whole number of days from 1 to 90, got "${retention}"`);
    }
  }
  const timeout = optional(INPUTS.networkTimeout) ?? '5m';
  const parsedTimeout = parseTime(timeout);
  if (!parsedTimeout.ok) throw new InputError(`input "${INPUTS.networkTimeout}": ${parsedTimeout.message}`);
  const commentId = optional(INPUTS.commentId) ?? 'perfgate';
  if (!/^[\w.-]+$/.test(commentId)) throw new InputError(`input "${INPUTS.commentId}": expected letters, digits, ".", "_" or "-", got "${commentId}"`);
  return {
    configPath: optional(INPUTS.config),
    token,
    baselineArtifact: optional(INPUTS.baselineArtifact) ?? 'perfgate-baseline',
    baseBranch: optional(INPUTS.baseBranch),
    comment: choice(INPUTS.comment, COMMENT_MODES, 'always'),
    commentId,
    failOn: choice(INPUTS.failOn, FAIL_ON, 'fail'),
    workingDirectory: optional(INPUTS.workingDirectory),
    retentionDays,
    outputDirectory: optional(INPUTS.outputDirectory) ?? '.perfgate',
    networkTimeoutMs: parsedTimeout.value,
    mode: choice(INPUTS.mode, MODES, 'run'),
    shard: readShard(),
    resultsArtifact: optional(INPUTS.resultsArtifact) ?? 'perfgate-results',
  };
}
