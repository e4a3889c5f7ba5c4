import type { BenchmarkDelta, MetricDelta } from './compare.js';
import type {
  BaselineInfo,
  BenchmarkComparison,
  Direction,
  MetricComparison,
  Report,
  ResultsMeta,
  Verdict,
} from './model.js';
import { HEAP_GROWTH, possibleLeak } from './leak.js';
import { VERDICT_ORDER } from './model.js';
import { benjaminiHochberg, holm, roundsNeeded } from './stats.js';
import { formatPercent, formatRatioChange, formatValue } from './render/format.js';

export interface VerdictContext {
  alpha: number;
  power: number;
  baseline: BaselineInfo;
  head: ResultsMeta;
  base: ResultsMeta | null;
  warnings: string[];
}

/** Without an explicit warn level, a value within 20% of the fail (or critical) level warns. */
const IMPLIED_WARN_MARGIN = 0.2;

export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  for (const v of VERDICT_ORDER) if (verdicts.includes(v)) return v;
  return 'pass';
}

/** Relative change in the worse direction: +0.1 means 10% worse, negative means better. */
export function worsening(ratio: number, direction: Direction): number {
  return direction === 'smaller' ? ratio - 1 : 1 - ratio;
}

function breaches(value: number, level: number, direction: Direction): boolean {
  return direction === 'smaller' ? value > level : value < level;
}

function impliedWarnLevel(level: number, direction: Direction): number {
  return direction === 'smaller' ? level * (1 - IMPLIED_WARN_MARGIN) : level * (1 + IMPLIED_WARN_MARGIN);
}

function limitWord(direction: Direction): string {
  return direction === 'smaller' ? 'above' : 'below';
}

interface Decision {
  verdict: Verdict;
  reasons: string[];
}

function checkLimits(d: MetricDelta): Decision | null {
  const { limits, statistic } = d.policy;
  const value = d.headValue;
  if (value === null) return null;
  const shown = `${statistic} ${formatValue(value, d.unit)}`;
  const levels: [Verdict, number | undefined][] = [
    ['critical', limits.critical],
    ['fail', limits.fail],
  ];
  for (const [verdict, level] of levels) {
    if (level !== undefined && breaches(value, level, d.direction)) {
      return { verdict, reasons: [`${shown} is ${limitWord(d.direction)} the ${verdict} limit ${formatValue(level, d.unit)}`] };
    }
  }
  const firm = limits.fail ?? limits.critical;
  const warnLevel = limits.warn ?? (firm !== undefined ? impliedWarnLevel(firm, d.direction) : undefined);
  if (warnLevel !== undefined && breaches(value, warnLevel, d.direction)) {
    const why = limits.warn !== undefined ? `the warn limit ${formatValue(warnLevel, d.unit)}` : `within 20% of the limit ${formatValue(firm as number, d.unit)}`;
    return { verdict: 'warn', reasons: [`${shown} is ${limits.warn !== undefined ? limitWord(d.direction) + ' ' : ''}${why}`] };
  }
  return null;
}

function checkRelative(d: MetricDelta, pHolm: number | null, pBh: number | null, ctx: VerdictContext, gatedCount: number): Decision {
  const { regression, criticalRegression } = d.policy;
  if (d.ratio === null) return { verdict: 'pass', reasons: ['no ratio: the baseline value is zero or absent'] };
  const worse = worsening(d.ratio, d.direction);
  const change = formatRatioChange(d.ratio);

  if (d.test === 'summaries' || d.test === 'none') {
    const note = 'compared summaries: no rounds to estimate the noise';
    if (criticalRegression !== null && worse > criticalRegression) {
      return { verdict: 'critical', reasons: [`${change} is beyond the critical ${formatPercent(criticalRegression)}`, note] };
    }
    if (regression !== null && worse > regression) {
      return { verdict: 'fail', reasons: [`${change} is beyond the ${formatPercent(regression)} threshold`, note] };
    }
    return { verdict: 'pass', reasons: [note] };
  }

  const reported = pBh !== null && pBh < ctx.alpha;
  // Report-only metrics are outside the Holm family; for them the reporting rate (BH) decides.
  const significant = d.policy.gate ? pHolm !== null && pHolm < ctx.alpha : reported;
  if (significant && criticalRegression !== null && worse > criticalRegression) {
    return { verdict: 'critical', reasons: [`${change} is significant and beyond the critical ${formatPercent(criticalRegression)}`] };
  }
  if (significant && regression !== null && worse > regression) {
    return { verdict: 'fail', reasons: [`${change} is significant (${d.policy.gate ? `Holm p=${formatP(pHolm)}` : `BH p=${formatP(pBh)}`}) and beyond the ${formatPercent(regression)} threshold`] };
  }
  const worstBound = d.ci ? Math.max(worsening(d.ci[0], d.direction), worsening(d.ci[1], d.direction)) : worse;
  const bestBound = d.ci ? Math.min(worsening(d.ci[0], d.direction), worsening(d.ci[1], d.direction)) : worse;
  if (regression !== null && bestBound > regression && d.policy.gate && gatedCount > 1) {
    // The interval is a 95% one for this benchmark alone; failing needs significance after Holm.
    return {
      verdict: 'unstable',
      reasons: [
        `${change} is beyond the ${formatPercent(regression)} threshold for this benchmark alone (p=${formatP(d.p)}) but not after correcting for ${gatedCount} gated comparisons (Holm p=${formatP(pHolm)}); more rounds would decide`,
      ],
    };
  }
  if (regression !== null && worstBound > regression && !(reported && worse < 0)) {
    return { verdict: 'unstable', reasons: [unstableAdvice(d, regression, ctx, gatedCount)] };
  }
  if (reported && worse > 0) {
    return { verdict: 'warn', reasons: [`${change} is significant (BH p=${formatP(pBh)}) but within the ${regression === null ? 'report-only' : formatPercent(regression)} threshold`] };
  }
  if (reported && worse < 0) {
    return { verdict: 'improved', reasons: [`${change} is significant (BH p=${formatP(pBh)})`] };
  }
  return { verdict: 'pass', reasons: ['no significant change'] };
}

function bandReason(band: { spread: number; runs: number }): string {
  return `interval widened by main's run-to-run spread (${formatPercent(Math.expm1(band.spread))} over ${band.runs} runs)`;
}

function formatP(p: number | null): string {
  if (p === null) return 'n/a';
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}

function unstableAdvice(d: MetricDelta, threshold: number, ctx: VerdictContext, gatedCount: number): string {
  const ci = d.ci ? `${formatRatioChange(d.ci[0])} to ${formatRatioChange(d.ci[1])}` : 'the estimate';
  const have = Math.min(d.replicates.base, d.replicates.head);
  const base = `the interval ${ci} is too wide to decide against the ${formatPercent(threshold)} threshold`;
  if (d.replicateCv === null || d.replicateCv === 0) return `${base}; run more rounds`;
  // Holm divides alpha among the gated comparisons, so the advice plans for the strictest step.
  const alpha = ctx.alpha / Math.max(1, gatedCount);
  const need = roundsNeeded(d.replicateCv, threshold, alpha, ctx.power);
  if (need <= have) return `${base}; run more rounds (round-to-round spread ${formatPercent(d.replicateCv)})`;
  return `${base}: about ${need} rounds per side would detect it (has ${have}; round-to-round spread ${formatPercent(d.replicateCv)})`;
}

/**
 * A report-only metric never fails, and "unstable" (the gate cannot decide yet) means nothing
 * for a metric without a gate: the table would fill with noise about memory and CPU time. Nor
 * does one that a side lacks (a heap probe that did not fit in a round's budget) say anything
 * about the change: it must not turn the benchmark's row into "missing" or "new".
 */
function demote(decision: Decision, gated: boolean): Decision {
  if (gated) return decision;
  if (decision.verdict === 'fail' || decision.verdict === 'critical') return { verdict: 'warn', reasons: [...decision.reasons, 'report-only metric: not gated'] };
  if (decision.verdict === 'unstable') return { verdict: 'pass', reasons: ['no significant change (report-only metric: not gated)'] };
  if (decision.verdict === 'missing' || decision.verdict === 'new') return { verdict: 'pass', reasons: decision.reasons.map((r) => `${r} (report-only metric: not gated)`) };
  return decision;
}

/** A metric with no rule at all (no threshold, no limit, not gated) is shown, never tested. */
function hasRule(d: MetricDelta): boolean {
  return d.policy.gate || d.policy.regression !== null || d.policy.criticalRegression !== null || Object.keys(d.policy.limits).length > 0;
}

function decideMetric(d: MetricDelta, pHolm: number | null, pBh: number | null, ctx: VerdictContext, gatedCount: number): Decision {
  if (d.head === null) return demote({ verdict: 'missing', reasons: ['not measured in this change'] }, d.policy.gate);
  if (d.metric === HEAP_GROWTH && !d.policy.gate) {
    const leak = possibleLeak(d.head);
    if (leak) return { verdict: 'warn', reasons: [leak] };
  }
  if (!hasRule(d)) return { verdict: 'pass', reasons: ['shown only: no threshold or limit is configured for this metric'] };
  const limits = checkLimits(d);
  if (d.base === null) {
    return demote(limits ?? { verdict: 'new', reasons: ['no baseline for this metric'] }, d.policy.gate);
  }
  const relative = checkRelative(d, pHolm, pBh, ctx, gatedCount);
  const decisions = [limits, relative].filter((x): x is Decision => x !== null);
  const verdict = worstVerdict(decisions.map((x) => x.verdict));
  const reasons = decisions.filter((x) => x.verdict === verdict).flatMap((x) => x.reasons);
  return demote({ verdict, reasons }, d.policy.gate);
}

export function countVerdicts(benchmarks: readonly BenchmarkComparison[]): Partial<Record<Verdict, number>> {
  const counts: Partial<Record<Verdict, number>> = {};
  for (const b of benchmarks) counts[b.verdict] = (counts[b.verdict] ?? 0) + 1;
  return counts;
}

/**
 * Applies the policy to the comparisons: suite-level error control (Holm over the gated tests for
 * what fails, Benjamini–Hochberg over all tests for what is reported), relative thresholds,
 * absolute limits, and the worst-wins roll-up into one verdict.
 */
export function decideVerdict(deltas: readonly BenchmarkDelta[], ctx: VerdictContext): Report {
  const tested: { d: MetricDelta; key: string }[] = [];
  deltas.forEach((b, i) => b.metrics.forEach((m, j) => m.p !== null && hasRule(m) && tested.push({ d: m, key: `${i}:${j}` })));
  const gatedTests = tested.filter((t) => t.d.policy.gate);
  const holmP = new Map(holm(gatedTests.map((t) => t.d.p as number)).map((p, i) => [gatedTests[i]!.key, p]));
  const bhP = new Map(benjaminiHochberg(tested.map((t) => t.d.p as number)).map((p, i) => [tested[i]!.key, p]));

  const benchmarks: BenchmarkComparison[] = deltas.map((b, i) => {
    const metrics: MetricComparison[] = b.metrics.map((d, j) => {
      const key = `${i}:${j}`;
      const pHolm = holmP.get(key) ?? null;
      const pBh = bhP.get(key) ?? null;
      const decision = b.error
        ? { verdict: 'error' as const, reasons: [b.error] }
        : decideMetric(d, pHolm, pBh, ctx, gatedTests.length);
      return {
        metric: d.metric,
        unit: d.unit,
        direction: d.direction,
        statistic: d.policy.statistic,
        base: d.base,
        head: d.head,
        ratio: d.ratio,
        ci: d.ci,
        p: d.p,
        pHolm,
        pBh,
        test: d.test,
        ...(d.noiseBand ? { noiseBand: d.noiseBand } : {}),
        verdict: decision.verdict,
        reasons: d.noiseBand && decision.verdict !== 'pass' ? [...decision.reasons, bandReason(d.noiseBand)] : decision.reasons,
        gated: d.policy.gate,
      };
    });
    const verdict: Verdict = b.error
      ? 'error'
      : b.presence === 'new'
        ? worstVerdict(['new', ...metrics.map((m) => m.verdict).filter((v) => v !== 'new')])
        : b.presence === 'missing'
          ? 'missing'
          : worstVerdict(metrics.map((m) => m.verdict));
    return {
      id: b.id,
      suite: b.suite,
      name: b.name,
      verdict,
      metrics,
      ...(b.error ? { error: b.error } : {}),
    };
  });

  return {
    schema: 'perfgate/report',
    version: 1,
    verdict: worstVerdict(benchmarks.map((b) => b.verdict)),
    counts: countVerdicts(benchmarks),
    alpha: ctx.alpha,
    baseline: ctx.baseline,
    head: ctx.head,
    base: ctx.base,
    benchmarks,
    warnings: [...ctx.warnings, ...noiseFloorWarnings(deltas, ctx, gatedTests.length)],
  };
}

const MAX_NOISE_WARNINGS = 10;

/**
 * A threshold finer than the run can resolve is a gate that cannot close: say so, per metric,
 * with the rounds it would take, whatever this run's verdict was.
 */
function noiseFloorWarnings(deltas: readonly BenchmarkDelta[], ctx: VerdictContext, gatedCount: number): string[] {
  const alpha = ctx.alpha / Math.max(1, gatedCount);
  const lines: string[] = [];
  for (const b of deltas) {
    for (const d of b.metrics) {
      const threshold = d.policy.regression;
      if (!d.policy.gate || threshold === null || d.replicateCv === null || d.replicateCv === 0 || d.p === null) continue;
      const have = Math.min(d.replicates.base, d.replicates.head);
      const need = roundsNeeded(d.replicateCv, threshold, alpha, ctx.power);
      if (need > have) {
        lines.push(
          `${b.id} ${d.metric}: the ${formatPercent(threshold)} threshold is below what ${have} rounds can resolve (round-to-round spread ${formatPercent(d.replicateCv)}); about ${need} rounds per side would resolve it`,
        );
      }
    }
  }
  if (lines.length <= MAX_NOISE_WARNINGS) return lines;
  return [...lines.slice(0, MAX_NOISE_WARNINGS), `… and ${lines.length - MAX_NOISE_WARNINGS} more benchmarks whose threshold is below their noise floor`];
}
