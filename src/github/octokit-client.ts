import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

/** The Octokit every GitHub adapter receives; tests build theirs with createOctokit too. */
export type GitHubClient = ReturnType<typeof getOctokit>;

export interface OctokitClientOptions {
  token: string;
  /** Defaults to GITHUB_API_URL (read by @actions/github at import time), else api.github.com. */
  baseUrl?: string;
  /** Retries of 5xx answers (and of 429 when throttle is off); plugin-retry waits 1, 4, 9 ... base units. */
  retries?: number;
  /** Wait out primary and secondary rate limits; off in tests that must not wait. */
  throttle?: boolean;
  /** Milliseconds per unit of retry wait (1000 in production); tests make it small. */
  retryAfterBaseValue?: number;
  log?: (line: string) => void;
}

/** How often a rate-limited request is tried again before the error reaches the caller. */
export const RATE_LIMIT_RETRIES = 2;

/** plugin-retry's own list: answers that a retry cannot change. */
const NEVER_RETRIED = [400, 401, 403, 404, 410, 422, 451];

/** Log arguments can be errors whose request carries headers: only messages are written. */
function logText(args: unknown[]): string {
  return args.map((arg) => (arg instanceof Error ? arg.message : typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ');
}

/**
 * An Octokit that survives a flaky API: plugin-retry for 5xx (configured with `retry`, never
 * `request.retries`, which retries every error at once and leaks its counter across requests) and
 * plugin-throttling for rate limits (403/429), each retried at most RATE_LIMIT_RETRIES times. The token goes to getOctokit only and is never written out.
 */
export function createOctokit(options: OctokitClientOptions): GitHubClient {
  const log = options.log ?? (() => {});
  const base = options.retryAfterBaseValue;
  const throttle = options.throttle !== false;
  const onLimit = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
    const again = retryCount < RATE_LIMIT_RETRIES;
    log(`GitHub ${kind} rate limit on ${request.method} ${request.url}: ${again ? `retrying after ${retryAfter} s (retry ${retryCount + 1} of ${RATE_LIMIT_RETRIES})` : 'giving up'}`);
    return again;
  };
  return getOctokit(
    options.token,
    {
      ...(options.baseUrl !== undefined ? { baseUrl: options.baseUrl } : {}),
      retry: {
        retries: options.retries ?? 3,
        // With throttling on, 429 is its alone: both plugins retrying it multiplied the attempts (3 x 4).
        doNotRetry: throttle ? [...NEVER_RETRIED, 429] : NEVER_RETRIED,
        ...(base !== undefined ? { retryAfterBaseValue: base } : {}),
      },
      throttle: throttle
        ? { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary'), ...(base !== undefined ? { retryAfterBaseValue: base } : {}) }
        : { enabled: false },
      // Octokit's own warnings (deprecations, plugin trouble) go to the action log, not the console.
      log: {
        debug: () => {},
        info: () => {},
        warn: (...args: unknown[]) => log(logText(args)),
        error: (...args: unknown[]) => log(logText(args)),
      },
    },
    retry,
    throttling,
  );
}
