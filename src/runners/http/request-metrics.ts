import { formatTime } from '../../config/quantities.js';
import type { HttpRequestSettings } from '../../config/settings.js';
import { percentile, sortedCopy } from '../../core/stats.js';
import type { GroupUsage } from '../process-usage.js';
import type { RoundBenchmark, RoundMetric } from '../suite-round.js';
import type { LoadOutcome } from './load-generator.js';

/** The benchmark that carries the service's own resource use, beside one per request. */
export const SERVICE_BENCHMARK = 'service';

/**
 * One request's round: every answer's latency, answered requests per second, and the share of
 * attempts (answers, timeouts, connection errors) that got an expected status.
 */
export function requestBenchmark(name: string, outcome: LoadOutcome): RoundBenchmark {
  const [first, ...rest] = outcome.latenciesMs;
  if (first === undefined) return { name, metrics: [], error: describeNoAnswer(outcome) };
  const answered = outcome.latenciesMs.length;
  const attempts = answered + outcome.timeouts + outcome.connectionErrors;
  return {
    name,
    metrics: [
      { name: 'latency', unit: 'ms', direction: 'smaller', samples: [first, ...rest] },
      { name: 'throughput', unit: 'ops/s', direction: 'bigger', samples: [answered / (outcome.elapsedMs / 1000)] },
      { name: 'success-rate', unit: '%', direction: 'bigger', samples: [(100 * outcome.successes) / attempts] },
    ],
  };
}

/** Peak RSS and CPU of the service's process group; null where /proc could not tell. */
export function serviceBenchmark(usage: GroupUsage): RoundBenchmark | null {
  const metrics: RoundMetric[] = [];
  if (usage.peakRssBytes !== null) metrics.push({ name: 'rss', unit: 'B', direction: 'smaller', samples: [usage.peakRssBytes] });
  if (usage.cpuMs !== null) metrics.push({ name: 'cpu', unit: 'ms', direction: 'smaller', samples: [usage.cpuMs] });
  return metrics.length > 0 ? { name: SERVICE_BENCHMARK, metrics } : null;
}

/** Stable text (no counts), so that the same problem in every round is one warning. */
export function unexpectedStatusWarning(request: HttpRequestSettings, outcome: LoadOutcome): string | null {
  const expected = new Set(request.expectStatus);
  const unexpected = Object.keys(outcome.statuses)
    .map(Number)
    .filter((status) => !expected.has(status))
    .sort((a, b) => a - b);
  if (unexpected.length === 0) return null;
  const list = (codes: readonly number[]) => codes.join(', ');
  return `"${request.name}" (${request.method} ${request.path}) got answers with status ${list(unexpected)}; expected ${list(request.expectStatus)}`;
}

/** "1234 req/s, p95 3.21 ms, 99.5% ok" or the benchmark's error. */
export function describeRequestRound(benchmark: RoundBenchmark): string {
  if (benchmark.error !== undefined) return benchmark.error;
  const metric = (name: string) => benchmark.metrics.find((m) => m.name === name)?.samples;
  const latencies = metric('latency') ?? [];
  const p95 = percentile(sortedCopy(latencies), 0.95);
  const rate = metric('throughput')?.[0] ?? 0;
  const ok = metric('success-rate')?.[0] ?? 0;
  return `${Math.round(rate)} req/s, p95 ${p95.toFixed(2)} ms, ${Number(ok.toFixed(2))}% ok`;
}

function describeNoAnswer(outcome: LoadOutcome): string {
  // To a tenth of a second: the phase ends on a timer, a few ms late, and its planned length is what a reader knows.
  const seconds = formatTime(Math.round(outcome.elapsedMs / 100) * 100);
  const parts: string[] = [];
  if (outcome.timeouts > 0) parts.push(`${outcome.timeouts} timed out`);
  if (outcome.connectionErrors > 0) {
    const first = outcome.firstError ? ` (${outcome.firstError})` : '';
    parts.push(`${outcome.connectionErrors} connection error${outcome.connectionErrors === 1 ? '' : 's'}${first}`);
  }
  return `no answer in ${seconds} of load${parts.length > 0 ? `: ${parts.join(', ')}` : ''}; expected at least one`;
}
