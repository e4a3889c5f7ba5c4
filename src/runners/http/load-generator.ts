import autocannon from 'autocannon';
import type { HttpLoad } from '../../config/settings.js';

export interface LoadTarget {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** Status codes that count as success. */
  expectStatus: readonly number[];
}

export interface LoadPlan {
  load: HttpLoad;
  /** Load before measuring, on the same connections; its answers are discarded. With a fixed rate both phases are rounded up to whole seconds (measuredWindow). */
  warmupMs: number;
  /** An answer later than this is a failure, ms. */
  requestTimeoutMs: number;
  /** Aborting stops the load; the promise then rejects with the signal's reason once every socket is closed. */
  signal?: AbortSignal;
}

/** What the measured phase saw; attempts = latencies + timeouts + connection errors. */
export interface LoadOutcome {
  /** Every answer in time, in completion order, ms with sub-ms precision; failures with a status included. */
  latenciesMs: number[];
  /** Answers with an expected status. */
  successes: number;
  /** Answers by status code, expected or not. */
  statuses: Record<number, number>;
  /** Requests unanswered within the request timeout. */
  timeouts: number;
  /** Refused or reset connections and other socket errors. */
  connectionErrors: number;
  /** The first connection error, e.g. "ECONNREFUSED". */
  firstError?: string;
  /** Length of the measured phase, ms. */
  elapsedMs: number;
}

/** autocannon's message for its own timeouts (lib/run.js), the one way to tell them from socket errors. */
const TIMEOUT_MESSAGE = 'request timed out';
/** autocannon only acts on stop() at its next sample tick: keep ticks short so the load ends promptly. */
const SAMPLE_INTERVAL_MS = 25;
/** With a fixed rate, how long before a burst the measured window opens and closes (measuredWindow). */
const BURST_LEAD_MS = 100;

/**
 * Drives HTTP load with autocannon in this process, warm-up and measured phase on the same
 * connections. Answers are attributed to the phase they complete in; autocannon's own summary
 * (histograms over the whole run) is not used.
 */
export function generateLoad(target: LoadTarget, plan: LoadPlan): Promise<LoadOutcome> {
  const { load, signal } = plan;
  signal?.throwIfAborted();
  const expected = new Set(target.expectStatus);
  const outcome: LoadOutcome = { latenciesMs: [], successes: 0, statuses: {}, timeouts: 0, connectionErrors: 0, elapsedMs: 0 };

  return new Promise<LoadOutcome>((resolve, reject) => {
    let phase: 'warmup' | 'measure' | 'over' = 'warmup';
    // autocannon creates its connections, and their rate timers, synchronously: this is their start.
    const started = performance.now();
    let measureStart = started;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    let instance: autocannon.Instance | undefined;

    const endPhase = () => {
      if (phase === 'over') return;
      const now = performance.now();
      if (phase === 'warmup') measureStart = now;
      outcome.elapsedMs = now - measureStart;
      phase = 'over';
    };
    const finish = () => {
      endPhase();
      instance?.stop();
    };
    const settle = (error: unknown) => {
      if (settled) return;
      settled = true;
      endPhase();
      for (const timer of timers) clearTimeout(timer);
      signal?.removeEventListener('abort', finish);
      if (signal?.aborted) reject(signal.reason);
      else if (error) reject(new Error(`autocannon could not drive ${target.method} ${target.url}: ${oneLine(error)}`));
      else resolve(outcome);
    };

    try {
      instance = autocannon(
        {
          url: target.url,
          method: target.method as autocannon.Request['method'],
          headers: target.headers,
          ...(target.body !== undefined ? { body: target.body } : {}),
          connections: load.connections,
          pipelining: 1,
          ...(load.mode === 'rate' ? { overallRate: Math.max(1, Math.round(load.requestsPerSecond)) } : {}),
          timeout: generatorTimeoutSeconds(plan),
          sampleInt: SAMPLE_INTERVAL_MS,
          setupClient: forgetRequestsOnReconnect,
          // A backstop only: the phases below end the load.
          duration: measuredWindow(plan).endMs / 1000 + 60,
        },
        (error) => settle(error),
      );
    } catch (error) {
      settle(error);
      return;
    }
    if (settled) return; // autocannon rejected the options synchronously

    instance.on('response', (_client, status, _bytes, latencyMs) => {
      if (phase !== 'measure') return;
      // autocannon cannot time out below one second (see generatorTimeoutSeconds): a late answer is a timeout.
      if (latencyMs > plan.requestTimeoutMs) {
        outcome.timeouts++;
        return;
      }
      outcome.latenciesMs.push(latencyMs);
      outcome.statuses[status] = (outcome.statuses[status] ?? 0) + 1;
      if (expected.has(status)) outcome.successes++;
    });
    instance.on('reqError', (error: unknown) => {
      if (phase !== 'measure') return;
      if (error instanceof Error && error.message === TIMEOUT_MESSAGE) {
        outcome.timeouts++;
        return;
      }
      outcome.connectionErrors++;
      outcome.firstError ??= errorCode(error);
    });

    signal?.addEventListener('abort', finish, { once: true });
    const measure = () => {
      if (phase !== 'warmup') return;
      phase = 'measure';
      measureStart = performance.now();
    };
    const phases = measuredWindow(plan);
    const elapsed = performance.now() - started;
    if (phases.startMs > 0) timers.push(setTimeout(measure, phases.startMs - elapsed));
    else measure();
    timers.push(setTimeout(finish, phases.endMs - elapsed));
  });
}

/**
 * When the measured phase runs, in ms after the load started. With a fixed rate, autocannon gives
 * each connection a budget per second that it spends at the start of that second, so the load
 * comes in bursts one second apart: a window that cuts through a second holds one burst more or
 * less by luck, which would make throughput swing by a burst between rounds. So the window spans
 * whole seconds (warm-up and duration rounded up) and starts just before a burst.
 */
export function measuredWindow(plan: Pick<LoadPlan, 'load' | 'warmupMs'>): { startMs: number; endMs: number } {
  const { load, warmupMs } = plan;
  if (load.mode === 'concurrency') return { startMs: warmupMs, endMs: warmupMs + load.durationMs };
  const warmup = Math.ceil(warmupMs / 1000) * 1000;
  const end = warmup + Math.ceil(load.durationMs / 1000) * 1000;
  return warmup === 0 ? { startMs: 0, endMs: end - BURST_LEAD_MS } : { startMs: warmup - BURST_LEAD_MS, endMs: end - BURST_LEAD_MS };
}

/**
 * autocannon refuses timeouts under one second, so shorter request timeouts are enforced on the
 * answers instead. Its timer restarts when a request is sent, not when a connection falls idle:
 * with a fixed rate a connection that has spent this second's budget waits up to a second for
 * the next, and a one-second timer could fire on that idle connection and count a failure that
 * never happened. The quarter second of slack keeps the timer beyond every such wait.
 */
export function generatorTimeoutSeconds(plan: Pick<LoadPlan, 'load' | 'requestTimeoutMs'>): number {
  const floorMs = plan.load.mode === 'rate' ? 1250 : 1000;
  return Math.max(plan.requestTimeoutMs, floorMs) / 1000;
}

/**
 * autocannon 9 keeps the unanswered request of a connection that the server closed in its queue
 * of pending requests, so every later answer on the replacement connection is timed from an
 * older request: against a service that answers every 5th request with "Connection: close",
 * 5 ms of work came out as a median of 86 ms. Forget them whenever a connection is replaced, as
 * autocannon itself does after a timeout. Internals, hence the guards: if they change, the
 * behaviour is autocannon's own again and the load-generator test that closes connections fails.
 */
function forgetRequestsOnReconnect(client: autocannon.Client): void {
  const internals = client as unknown as { _connect?: () => void; pipelinedRequests?: { clear?: () => void } };
  const connect = internals._connect;
  if (typeof connect !== 'function') return;
  internals._connect = function (this: typeof internals) {
    this.pipelinedRequests?.clear?.();
    connect.call(this);
  };
}

function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : oneLine(error);
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split(/\r?\n/).find((line) => line.trim() !== '') ?? 'unknown error').trim();
}
