/**
 * Injected failures, to test the action's retries and error paths. Each fault fires `times`
 * times on the next requests whose method and pathname (no query) match, then disarms itself.
 */
import type { Reply } from './http-util.js';

export type FaultKind = 500 | 502 | 503 | 'reset' | 'slow' | 'hold' | 429 | 'secondary-rate-limit' | 410 | 403;

export interface FaultSpec {
  method?: string;
  path: RegExp;
  kind: FaultKind;
  times?: number;
  /** for 'slow': how long to wait before answering normally (default 1500 ms) */
  delayMs?: number;
  /** for 'hold': the request is answered normally once this settles (a test orders concurrent runs) */
  until?: Promise<unknown>;
}

interface Armed extends FaultSpec {
  left: number;
}

export class Faults {
  private armed: Armed[] = [];

  add(f: FaultSpec): void {
    if (f.times === 0) {
      // `times: 0` means "no more of these": disarm the same method + path injected before
      const same = (a: Armed): boolean => (a.method ?? '').toUpperCase() === (f.method ?? '').toUpperCase() && String(a.path) === String(f.path);
      this.armed = this.armed.filter((a) => !same(a));
      return;
    }
    this.armed.push({ ...f, left: f.times ?? 1 });
  }

  clear(): void {
    this.armed = [];
  }

  /** The first armed fault matching this request, consumed by one. */
  take(method: string, pathname: string): FaultSpec | undefined {
    for (const f of this.armed) {
      if (f.left <= 0) continue;
      if (f.method && f.method.toUpperCase() !== method) continue;
      f.path.lastIndex = 0; // a /g or /y regex keeps state between test() calls
      if (!f.path.test(pathname)) continue;
      f.left--;
      return f;
    }
    return undefined;
  }
}

const DOCS = 'https://docs.github.com/rest';

/** The answer a fault gives; undefined for 'reset', 'slow' and 'hold', which the router handles. */
export function faultReply(kind: FaultKind): Reply | undefined {
  const err = (status: number, message: string, headers: Record<string, string> = {}): Reply => ({
    status,
    body: { message, documentation_url: DOCS, status: String(status) },
    headers,
  });
  switch (kind) {
    case 500:
      return err(500, 'Server Error');
    case 502:
      return err(502, 'Bad Gateway');
    case 503:
      return err(503, 'Service Unavailable');
    case 429:
      return err(429, 'Too Many Requests', { 'retry-after': '1' });
    case 'secondary-rate-limit':
      // the wording plugin-throttling looks for ("secondary rate"), as github.com sends it
      return err(
        403,
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
        { 'retry-after': '1' },
      );
    case 410:
      return err(410, 'Gone');
    case 403:
      return err(403, 'Resource not accessible by integration');
    default:
      return undefined;
  }
}
