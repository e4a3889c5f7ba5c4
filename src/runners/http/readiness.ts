import { request } from 'node:http';

export type ReadinessOutcome =
  | { ready: true }
  /** `exited`: why the service's main process is gone; `lastAnswer`: the last status or error seen. */
  | { ready: false; exited?: string; lastAnswer?: string };

export interface ReadinessOptions {
  url: string;
  timeoutMs: number;
  /** Settles with a reason when the service is gone; readiness then stops waiting. */
  exited: Promise<string>;
  signal?: AbortSignal;
  pollMs?: number;
}

/** GETs `url` until it answers 2xx, the service exits, the time runs out or `signal` aborts (which rejects). */
export async function waitUntilReady(options: ReadinessOptions): Promise<ReadinessOutcome> {
  const { url, signal } = options;
  const pollMs = options.pollMs ?? 50;
  const deadline = performance.now() + options.timeoutMs;
  let exited: string | undefined;
  void options.exited.then((reason) => (exited = reason));
  let lastAnswer: string | undefined;
  for (;;) {
    signal?.throwIfAborted();
    if (exited !== undefined) return { ready: false, exited, ...(lastAnswer ? { lastAnswer } : {}) };
    const remaining = deadline - performance.now();
    if (remaining <= 0) return { ready: false, ...(lastAnswer ? { lastAnswer } : {}) };
    const allowed = Math.min(remaining, PROBE_MS);
    const answer = await probe(url, allowed, signal);
    if ('status' in answer && answer.status >= 200 && answer.status < 300) return { ready: true };
    // A probe the deadline cut short says nothing about the service: keep what it last answered.
    const cutShort = 'timedOutMs' in answer && allowed < PROBE_MS;
    if (!(cutShort && lastAnswer !== undefined)) lastAnswer = answerText(answer);
    await pause(Math.min(pollMs, Math.max(0, deadline - performance.now())), options.exited, signal);
  }
}

/** The longest one probe waits for an answer. */
const PROBE_MS = 1000;

/** What one GET got: a status, an error ("ECONNREFUSED"), or no answer in the time it was given. */
type Answer = { status: number } | { error: string } | { timedOutMs: number };

function answerText(answer: Answer): string {
  if ('status' in answer) return `status ${answer.status}`;
  if ('error' in answer) return answer.error;
  return `no answer within ${Math.round(answer.timedOutMs)} ms`;
}

function probe(url: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<Answer> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', agent: false, timeout: timeoutMs, ...(signal ? { signal } : {}) }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0 });
    });
    req.on('timeout', () => {
      req.destroy();
      resolve({ timedOutMs: timeoutMs });
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end();
  });
}

function pause(ms: number, exited: Promise<string>, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    void exited.then(done);
  });
}
