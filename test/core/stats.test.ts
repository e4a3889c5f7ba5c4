/**
 * Reference values come from scipy 1.17.1 / numpy 2.4.6 (python3) and R 4.2.2 (Rscript). The exact
 * code that produced each expected value is written next to it. Where the method is exact the
 * comparison is to 12 significant digits; where R's reference comes from its root finder
 * (`uniroot`, asymptotic intervals) to 10 decimal places.
 */
import { describe, expect, it } from 'vitest';
import {
  benjaminiHochberg,
  bootstrapRatio,
  createRandom,
  holm,
  hodgesLehmannPaired,
  hodgesLehmannRatio,
  hodgesLehmannShift,
  mannWhitneyCounts,
  mannWhitneyU,
  normalCdf,
  normalQuantile,
  pairedRatio,
  percentile,
  roundsNeeded,
  signedRankCounts,
  summarize,
  summarizeRounds,
  wilcoxonSignedRank,
} from '../../src/core/stats.js';

/** toBeCloseTo with `sig` significant digits relative to the expected value. */
function expectSig(actual: number, expected: number, sig = 12): void {
  const magnitude = expected === 0 ? 0 : Math.floor(Math.log10(Math.abs(expected)));
  expect(actual).toBeCloseTo(expected, sig - 1 - magnitude);
}

function expectAllSig(actual: readonly number[], expected: readonly number[], sig = 12): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((e, i) => expectSig(actual[i]!, e, sig));
}

describe('percentile', () => {
  const data = [3.1, 1.4, 15.9, 2.6, 5.3, 5.8, 9.7, 9.3, 2.3, 8.4];
  const sorted = [...data].sort((a, b) => a - b);

  it('matches numpy.percentile (linear, type 7)', () => {
    // python: np.percentile([3.1, 1.4, 15.9, 2.6, 5.3, 5.8, 9.7, 9.3, 2.3, 8.4],
    //                       [0, 10, 25, 50, 90, 95, 99, 100])
    const qs = [0, 0.1, 0.25, 0.5, 0.9, 0.95, 0.99, 1];
    const numpy = [1.4, 2.21, 2.725, 5.55, 10.319999999999997, 13.109999999999992, 15.342, 15.9];
    expectAllSig(
      qs.map((q) => percentile(sorted, q)),
      numpy,
    );
  });

  it('returns the only value of a one-element array for every q', () => {
    for (const q of [0, 0.3, 0.5, 0.99, 1]) expect(percentile([42], q)).toBe(42);
  });

  it('rejects an empty array and q outside [0, 1]', () => {
    expect(() => percentile([], 0.5)).toThrow(/empty/);
    expect(() => percentile([1, 2], 1.5)).toThrow(/q must be in \[0, 1\]/);
    expect(() => percentile([1, 2], Number.NaN)).toThrow(/q must be/);
  });
});

describe('summarize', () => {
  it('matches numpy / scipy on a sample with an outlier', () => {
    // python:
    //   a = np.array([12.1, 11.8, 12.6, 13.0, 11.9, 12.2, 25.4, 12.0, 12.3])
    //   a.mean(), np.median(a), np.percentile(a, 95), np.percentile(a, 99), a.std(ddof=1),
    //   a.std(ddof=1) / a.mean(),
    //   1.4826 * scipy.stats.median_abs_deviation(a, scale=1) / np.median(a)
    const s = summarize([12.1, 11.8, 12.6, 13.0, 11.9, 12.2, 25.4, 12.0, 12.3]);
    expect(s.n).toBe(9);
    expect(s.min).toBe(11.8);
    expect(s.max).toBe(25.4);
    expectSig(s.mean, 13.7);
    expectSig(s.median, 12.2);
    expectSig(s.p50, 12.2);
    expectSig(s.p95, 20.439999999999994);
    expectSig(s.p99, 24.407999999999998);
    expectSig(s.sd, 4.403123891057348);
    expectSig(s.cv, 0.3213959044567407);
    expectSig(s.robustCv, 0.0364573770491802);
  });

  it('gives sd = cv = robustCv = 0 for one value', () => {
    expect(summarize([7.5])).toEqual({
      n: 1,
      min: 7.5,
      max: 7.5,
      mean: 7.5,
      median: 7.5,
      p50: 7.5,
      p95: 7.5,
      p99: 7.5,
      sd: 0,
      cv: 0,
      robustCv: 0,
    });
  });

  it('gives 0 spread for a constant sample and does not depend on the input order', () => {
    const s = summarize([3, 3, 3, 3]);
    expect([s.sd, s.cv, s.robustCv]).toEqual([0, 0, 0]);
    expect(summarize([5, 1, 4, 2, 3])).toEqual(summarize([1, 2, 3, 4, 5]));
  });

  it('throws a clear error on an empty array', () => {
    expect(() => summarize([])).toThrow('summarize: expected at least one value, got an empty array');
  });
});

describe('summarizeRounds', () => {
  const rounds = [
    [10.2, 10.4, 10.1, 10.3],
    [11.0, 11.3, 10.9],
    [10.5, 10.6, 10.4, 10.8, 10.7],
  ];

  it('pools the samples and measures the spread between round medians', () => {
    // python:
    //   rounds = [[10.2, 10.4, 10.1, 10.3], [11.0, 11.3, 10.9], [10.5, 10.6, 10.4, 10.8, 10.7]]
    //   a = np.concatenate(rounds); meds = np.array([np.median(r) for r in rounds])
    //   a.mean(), np.median(a), np.percentile(a, 95), a.std(ddof=1),
    //   1.4826 * median_abs_deviation(a, scale=1) / np.median(a),
    //   1.4826 * median_abs_deviation(meds, scale=1) / np.median(meds), 1000 / a.mean()
    const s = summarizeRounds(rounds, true);
    expect(s.n).toBe(12);
    expect(s.rounds).toBe(3);
    expectSig(s.mean, 10.6);
    expectSig(s.median, 10.55);
    expectSig(s.p95, 11.135);
    expectSig(s.sd, 0.3541956316141485);
    expectSig(s.robustCv, 0.035132701421800944);
    expectSig(s.roundCv, 0.04895377358490561);
    expectSig(s.opsPerSecond!, 94.33962264150944);
  });

  it('has roundCv 0 for a single round and no opsPerSecond unless timed', () => {
    const s = summarizeRounds([[1, 2, 3]], false);
    expect(s.roundCv).toBe(0);
    expect(s.rounds).toBe(1);
    expect('opsPerSecond' in s).toBe(false);
  });

  it('rejects no rounds and empty rounds', () => {
    expect(() => summarizeRounds([], true)).toThrow(/at least one round/);
    expect(() => summarizeRounds([[1], []], true)).toThrow(/round 2/);
  });
});

describe('normal distribution', () => {
  it('normalCdf matches scipy.stats.norm.cdf / R pnorm', () => {
    // python: [scipy.stats.norm.cdf(x) for x in [-37, -10, -6, -3, -1.5, -0.5, 0, 0.3, 0.7, 1.96, 4, 5.7, 8]]
    // (R pnorm agrees to 12 digits)
    const xs = [-37, -10, -6, -3, -1.5, -0.5, 0, 0.3, 0.7, 1.96, 4, 5.7, 8];
    const scipy = [
      5.7255712225239266e-300, 7.61985302416047e-24, 9.865876450376946e-10, 0.0013498980316300933, 0.06680720126885807,
      0.3085375387259869, 0.5, 0.6179114221889526, 0.758036347776927, 0.9750021048517795, 0.9999683287581669, 0.9999999940096286,
      0.9999999999999993,
    ];
    expectAllSig(xs.map(normalCdf), scipy, 12);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
  });

  it('normalQuantile matches scipy.stats.norm.ppf / R qnorm', () => {
    // python: [scipy.stats.norm.ppf(p) for p in [1e-300, 1e-20, 1e-10, 1e-5, 0.025, 0.1, 0.3, 0.5, 0.8, 0.975, 0.9999999]]
    const ps = [1e-300, 1e-20, 1e-10, 1e-5, 0.025, 0.1, 0.3, 0.5, 0.8, 0.975, 0.9999999];
    const scipy = [
      -37.0470962993612, -9.262340089798409, -6.361340902404056, -4.264890793922825, -1.9599639845400545, -1.2815515655446004,
      -0.5244005127080409, 0, 0.8416212335729143, 1.959963984540054, 5.199337582290661,
    ];
    expectAllSig(ps.map(normalQuantile), scipy, 12);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(() => normalQuantile(1.2)).toThrow(/p must be in \[0, 1\]/);
  });

  it('are inverse to each other', () => {
    for (const p of [1e-12, 0.001, 0.2, 0.5, 0.7, 0.999]) expectSig(normalCdf(normalQuantile(p)), p, 12);
  });
});

describe('exact null distributions', () => {
  it('Mann–Whitney counts sum to C(n1 + n2, n1) and are symmetric', () => {
    const counts = mannWhitneyCounts(4, 6);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(210); // choose(10, 4)
    // R: dwilcox(0:24, 4, 6) * choose(10, 4)
    expect(Array.from(counts)).toEqual([1, 1, 2, 3, 5, 6, 9, 10, 13, 14, 16, 16, 18, 16, 16, 14, 13, 10, 9, 6, 5, 3, 2, 1, 1]);
  });

  it('signed-rank counts sum to 2^n', () => {
    // R: dsignrank(0:15, 5) * 2^5
    expect(Array.from(signedRankCounts(5))).toEqual([1, 1, 1, 2, 2, 3, 3, 3, 3, 3, 3, 2, 2, 1, 1, 1]);
  });
});

describe('mannWhitneyU', () => {
  it('exact, equal n, no ties: matches scipy and R', () => {
    // python: scipy.stats.mannwhitneyu(x, y, method='exact')  -> (58.0, 0.13591114767585355)
    // R: wilcox.test(x, y, exact = TRUE)                      -> W = 58, p = 0.13591114767585355
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.12, 3.14, 1.27];
    const r = mannWhitneyU(x, y);
    expect(r.method).toBe('exact');
    expect(r.u).toBe(58);
    expectSig(r.p, 0.13591114767585355);
  });

  it('exact, unequal n: U is the statistic of x and p is symmetric', () => {
    // python: mannwhitneyu(x, y, method='exact') -> (2.0, 0.006216006216006216);
    //         mannwhitneyu(y, x, method='exact') -> (38.0, 0.006216006216006216)
    // R: wilcox.test(x, y, exact = TRUE) -> W = 2, p = 0.006216006216006216
    const x = [19.2, 20.1, 18.7, 21.3, 19.9];
    const y = [22.4, 20.5, 23.1, 21.9, 22.8, 20.9, 24.0, 21.6];
    const xy = mannWhitneyU(x, y);
    const yx = mannWhitneyU(y, x);
    expect([xy.u, yx.u]).toEqual([2, 38]);
    expectSig(xy.p, 0.006216006216006216);
    expectSig(yx.p, 0.006216006216006216);
  });

  it('n = 1 edge cases', () => {
    // python: mannwhitneyu([5.5], [1.2, 2.3, 3.4, 4.5, 6.6], method='exact') -> (4.0, 0.6666666666666666)
    const one = mannWhitneyU([5.5], [1.2, 2.3, 3.4, 4.5, 6.6]);
    expect(one.u).toBe(4);
    expectSig(one.p, 0.6666666666666666);
    // python: mannwhitneyu([1.0], [2.0], method='exact') -> (0.0, 1.0)
    expect(mannWhitneyU([1], [2])).toEqual({ u: 0, p: 1, method: 'exact' });
  });

  // Generated data without ties, identical in TypeScript, python and R:
  //   python: bx = [10 + ((i * 37) % 101) / 10 for i in range(30)]  (range(31) for bx31)
  //           by = [12.05 + ((i * 53 + 7) % 97) / 10 for i in range(30)]
  //   R:      bx <- 10 + ((0:29 * 37) %% 101) / 10; by <- 12.05 + ((0:29 * 53 + 7) %% 97) / 10
  const bx = Array.from({ length: 30 }, (_, i) => 10 + ((i * 37) % 101) / 10);
  const bx31 = Array.from({ length: 31 }, (_, i) => 10 + ((i * 37) % 101) / 10);
  const by = Array.from({ length: 30 }, (_, i) => 12.05 + ((i * 53 + 7) % 97) / 10);

  it('switches from exact (n1 + n2 = 60) to asymptotic (61)', () => {
    // python: mannwhitneyu(bx, by, method='exact')                              -> (285.0, 0.01424743272663333)
    // R: wilcox.test(bx, by, exact = TRUE)                                      -> W = 285, p = 0.014247432726633371
    const exact = mannWhitneyU(bx, by);
    expect(exact.method).toBe('exact');
    expect(exact.u).toBe(285);
    expectSig(exact.p, 0.01424743272663333);
    // python: mannwhitneyu(bx31, by, method='asymptotic', use_continuity=True) -> (310.0, 0.0258235637181354)
    // R: wilcox.test(bx31, by, exact = FALSE, correct = TRUE)                   -> W = 310, p = 0.025823563718135396
    const asymptotic = mannWhitneyU(bx31, by);
    expect(asymptotic.method).toBe('asymptotic');
    expect(asymptotic.u).toBe(310);
    expectSig(asymptotic.p, 0.0258235637181354);
  });

  it('ties: normal approximation with tie and continuity correction', () => {
    // python: mannwhitneyu([1, 2, 2, 3, 4, 4, 4, 5], [3, 4, 5, 5, 6, 6, 7],
    //                      method='asymptotic', use_continuity=True)  -> (8.0, 0.021920655864769517)
    // R: wilcox.test(tx, ty, exact = FALSE, correct = TRUE)          -> W = 8, p = 0.021920655864769524
    const r = mannWhitneyU([1, 2, 2, 3, 4, 4, 4, 5], [3, 4, 5, 5, 6, 6, 7]);
    expect(r.method).toBe('asymptotic');
    expect(r.u).toBe(8);
    expectSig(r.p, 0.021920655864769517);
  });

  it('constant samples', () => {
    // python: mannwhitneyu([5, 5, 5], [6, 6, 6], method='asymptotic') -> (0.0, 0.04685417760387376)
    const apart = mannWhitneyU([5, 5, 5], [6, 6, 6]);
    expect(apart.u).toBe(0);
    expectSig(apart.p, 0.04685417760387376);
    // python: mannwhitneyu([5, 5, 5], [5, 5, 5], method='asymptotic') -> (4.5, 1.0)  (R gives NaN)
    expect(mannWhitneyU([5, 5, 5], [5, 5, 5])).toEqual({ u: 4.5, p: 1, method: 'asymptotic' });
  });

  it('rejects empty and non-finite samples', () => {
    expect(() => mannWhitneyU([], [1])).toThrow(/mannWhitneyU \(x\): expected at least one value/);
    expect(() => mannWhitneyU([1], [Number.NaN])).toThrow(/finite/);
  });
});

describe('hodgesLehmannShift (shift y - x)', () => {
  it('exact interval: matches R wilcox.test(y, x, conf.int = TRUE, exact = TRUE)', () => {
    // R: x <- c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30)
    //    y <- c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.12, 3.14, 1.27)
    //    w <- wilcox.test(y, x, conf.int = TRUE, exact = TRUE); c(w$estimate, w$conf.int)
    //    -> -0.56000000000000005 -1.18300000000000005 0.36999999999999988
    const r = hodgesLehmannShift([1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3], [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.12, 3.14, 1.27]);
    expectSig(r.estimate, -0.56000000000000005);
    expectSig(r.lo, -1.18300000000000005);
    expectSig(r.hi, 0.36999999999999988);
  });

  it('exact interval, unequal n, 95% and 90%', () => {
    // R: x2 <- c(19.2, 20.1, 18.7, 21.3, 19.9); y2 <- c(22.4, 20.5, 23.1, 21.9, 22.8, 20.9, 24.0, 21.6)
    //    wilcox.test(y2, x2, conf.int = TRUE, exact = TRUE)                    -> 2.35, [0.79999999999999716, 3.89999999999999858]
    //    wilcox.test(y2, x2, conf.int = TRUE, exact = TRUE, conf.level = 0.9)  -> 2.35, [1.0999999999999979, 3.6000000000000014]
    const x = [19.2, 20.1, 18.7, 21.3, 19.9];
    const y = [22.4, 20.5, 23.1, 21.9, 22.8, 20.9, 24.0, 21.6];
    const r95 = hodgesLehmannShift(x, y);
    expectAllSig([r95.estimate, r95.lo, r95.hi], [2.34999999999999964, 0.79999999999999716, 3.89999999999999858]);
    const r90 = hodgesLehmannShift(x, y, 0.9);
    expectAllSig([r90.estimate, r90.lo, r90.hi], [2.3499999999999996, 1.0999999999999979, 3.6000000000000014]);
  });

  it('n = 1 edge cases', () => {
    // R: wilcox.test(c(1.2, 2.3, 3.4, 4.5, 6.6), 5.5, conf.int = TRUE, exact = TRUE)
    //    -> -2.1, [-4.3, 1.0999999999999996]  (warns: conf.level not achievable)
    const r = hodgesLehmannShift([5.5], [1.2, 2.3, 3.4, 4.5, 6.6]);
    expectAllSig([r.estimate, r.lo, r.hi], [-2.1000000000000001, -4.2999999999999998, 1.0999999999999996]);
    // R: wilcox.test(2, 1, conf.int = TRUE, exact = TRUE) -> 1, [1, 1]
    expect(hodgesLehmannShift([1], [2])).toEqual({ estimate: 1, lo: 1, hi: 1 });
  });

  const bx = Array.from({ length: 30 }, (_, i) => 10 + ((i * 37) % 101) / 10);
  const bx31 = Array.from({ length: 31 }, (_, i) => 10 + ((i * 37) % 101) / 10);
  const by = Array.from({ length: 30 }, (_, i) => 12.05 + ((i * 53 + 7) % 97) / 10);

  it('exact at n1 + n2 = 60, asymptotic at 61', () => {
    // R (bx, bx31, by as in the mannWhitneyU tests):
    //   wilcox.test(by, bx, conf.int = TRUE, exact = TRUE) -> 2.05, [0.44999999999999929, 3.55000000000000426]
    const exact = hodgesLehmannShift(bx, by);
    expectAllSig([exact.estimate, exact.lo, exact.hi], [2.05000000000000071, 0.44999999999999929, 3.55000000000000426]);
    // R: w <- wilcox.test(by, bx31, conf.int = TRUE, exact = FALSE, correct = TRUE, tol.root = 1e-12)
    //    w$conf.int -> [0.25000000000075362, 3.44999999999934381]  (uniroot lands on pairwise differences
    //    0.25 and 3.45; with the default tol.root = 1e-4: [0.2500494756256324, 3.4499505243743673])
    //    median(outer(by, bx31, "-")) -> 1.8500000000000014  (R's own asymptotic estimate is a uniroot
    //    point in the flat middle step, 1.84999999999999964; we report the median of the differences)
    const asymptotic = hodgesLehmannShift(bx31, by);
    expectSig(asymptotic.estimate, 1.8500000000000014);
    expect(asymptotic.lo).toBeCloseTo(0.25000000000075362, 10);
    expect(asymptotic.hi).toBeCloseTo(3.44999999999934381, 10);
  });

  it('ties: asymptotic interval with tie correction', () => {
    // R: tx <- c(1, 2, 2, 3, 4, 4, 4, 5); ty <- c(3, 4, 5, 5, 6, 6, 7)
    //    wilcox.test(ty, tx, conf.int = TRUE, exact = FALSE, correct = TRUE, tol.root = 1e-12)$conf.int
    //    -> [1.9214605457534719e-13, 3.9999999999998268]; median(outer(ty, tx, "-")) -> 2
    const r = hodgesLehmannShift([1, 2, 2, 3, 4, 4, 4, 5], [3, 4, 5, 5, 6, 6, 7]);
    expect(r.estimate).toBe(2);
    expect(r.lo).toBeCloseTo(1.9214605457534719e-13, 10);
    expect(r.hi).toBeCloseTo(3.9999999999998268, 10);
  });

  it('identical constant samples give a zero-width interval at 0', () => {
    expect(hodgesLehmannShift([5, 5, 5], [5, 5, 5])).toEqual({ estimate: 0, lo: 0, hi: 0 });
  });

  it('rejects bad confidence levels', () => {
    expect(() => hodgesLehmannShift([1], [2], 1)).toThrow(/confidence must be in \(0, 1\)/);
  });
});

describe('hodgesLehmannRatio', () => {
  // 10 rounds per side, head 20% slower than base, about 3% noise.
  const base = [10.12, 9.87, 10.25, 9.95, 10.31, 9.78, 10.05, 10.18, 9.91, 10.02];
  const head = [12.21, 11.83, 12.4, 11.95, 12.09, 12.36, 11.72, 12.15, 12.28, 11.9];

  it('20% slower with 3% noise: matches R and the interval contains 1.2', () => {
    // R: w <- wilcox.test(log(head), log(base), conf.int = TRUE, exact = TRUE)
    //    exp(c(w$estimate, w$conf.int)) -> 1.2043286664296271 1.1808300395256919 1.2260343087790111
    //    w$p.value -> 1.082508822446903e-05
    const r = hodgesLehmannRatio(base, head);
    expectAllSig([r.estimate, r.lo, r.hi], [1.2043286664296271038, 1.18083003952569187689, 1.22603430877901109497]);
    expect(r.lo).toBeLessThan(1.2);
    expect(r.hi).toBeGreaterThan(1.2);
    expectSig(mannWhitneyU(base, head).p, 0.00001082508822446903);
  });

  it('no change gives an interval around 1', () => {
    const r = hodgesLehmannRatio(base, base);
    expect(r.estimate).toBe(1);
    expect(r.lo).toBeLessThan(1);
    expect(r.hi).toBeGreaterThan(1);
  });

  it('throws on values that are not > 0', () => {
    expect(() => hodgesLehmannRatio([1, 0], [1, 2])).toThrow('hodgesLehmannRatio (base): ratios need finite values > 0, got 0');
    expect(() => hodgesLehmannRatio([1, 2], [-1, 2])).toThrow(/\(head\).*got -1/);
  });
});

describe('wilcoxonSignedRank', () => {
  it('exact without ties or zeros: matches scipy and R', () => {
    // python: scipy.stats.wilcoxon(d, method='exact').pvalue -> 0.02734375
    // R: wilcox.test(d, exact = TRUE)$p.value                -> 0.02734375
    const d = [0.12, -0.05, 0.31, 0.08, 0.22, -0.11, 0.17, 0.26, 0.04, 0.14];
    expect(wilcoxonSignedRank(d)).toEqual({ p: 0.02734375, method: 'exact' });
  });

  it('ties and zeros: zeros dropped, normal approximation with corrections', () => {
    // python: wilcoxon([0.1, -0.2, 0.3, 0, 0.2, 0.1, 0.4, -0.1, 0.5], zero_method='wilcox',
    //                  correction=True, method='approx').pvalue -> 0.12118138858542601
    // R: wilcox.test(dt, exact = FALSE, correct = TRUE)$p.value  -> 0.12118138858542607
    const r = wilcoxonSignedRank([0.1, -0.2, 0.3, 0, 0.2, 0.1, 0.4, -0.1, 0.5]);
    expect(r.method).toBe('asymptotic');
    expectSig(r.p, 0.12118138858542601);
  });

  it('switches from exact (n = 50) to asymptotic (n = 51)', () => {
    // python: d51 = [((i * 29) % 53 - 20) / 100 + 0.001 * i for i in range(51)]   (no ties in |d|, no zeros)
    //         wilcoxon(d51[:50], method='exact').pvalue                    -> 0.0013800985654270903
    //         wilcoxon(d51, correction=True, method='approx').pvalue       -> 0.0016620146885129154
    // R: d51 <- ((0:50 * 29) %% 53 - 20) / 100 + 0.001 * (0:50)
    //    wilcox.test(d51[1:50], exact = TRUE)$p.value -> 0.0013800985654270901
    //    wilcox.test(d51, exact = FALSE, correct = TRUE)$p.value -> 0.0016620146885129182
    const d51 = Array.from({ length: 51 }, (_, i) => (((i * 29) % 53) - 20) / 100 + 0.001 * i);
    const exact = wilcoxonSignedRank(d51.slice(0, 50));
    expect(exact.method).toBe('exact');
    expectSig(exact.p, 0.0013800985654270903);
    const asymptotic = wilcoxonSignedRank(d51);
    expect(asymptotic.method).toBe('asymptotic');
    expectSig(asymptotic.p, 0.0016620146885129154);
  });

  it('n = 1 and all zeros give p = 1', () => {
    // python: wilcoxon([0.3], method='exact').pvalue -> 1.0
    expect(wilcoxonSignedRank([0.3])).toEqual({ p: 1, method: 'exact' });
    expect(wilcoxonSignedRank([0, 0, 0]).p).toBe(1);
  });
});

describe('hodgesLehmannPaired and pairedRatio', () => {
  it('exact one-sample interval: matches R wilcox.test(d, conf.int = TRUE, exact = TRUE)', () => {
    // R: wilcox.test(d, exact = TRUE, conf.int = TRUE) -> estimate 0.125, conf.int [0.015000000000000006, 0.215000000000000024]
    const r = hodgesLehmannPaired([0.12, -0.05, 0.31, 0.08, 0.22, -0.11, 0.17, 0.26, 0.04, 0.14]);
    expectAllSig([r.estimate, r.lo, r.hi], [0.125, 0.015000000000000006, 0.215000000000000024]);
  });

  it('asymptotic one-sample interval for n = 51', () => {
    // R: wilcox.test(d51, exact = FALSE, correct = TRUE, conf.int = TRUE, tol.root = 1e-13)$conf.int
    //    -> [0.034499999999955316, 0.127999999999928837]
    //    W <- outer(d51, d51, "+"); median(W[!lower.tri(W)] / 2) -> 0.081000000000000003
    const d51 = Array.from({ length: 51 }, (_, i) => (((i * 29) % 53) - 20) / 100 + 0.001 * i);
    const r = hodgesLehmannPaired(d51);
    expectSig(r.estimate, 0.081000000000000003);
    expect(r.lo).toBeCloseTo(0.034499999999955316, 10);
    expect(r.hi).toBeCloseTo(0.127999999999928837, 10);
  });

  it('paired rounds, exact: matches R on the per-round log ratios', () => {
    // R: b <- c(10.1, 10.4, 9.8, 10.6, 10.2, 9.9, 10.3, 10.0); h <- c(12.3, 12.4, 11.9, 12.8, 12.1, 11.8, 12.5, 12.2)
    //    w <- wilcox.test(log(h / b), conf.int = TRUE, exact = TRUE)
    //    exp(c(w$estimate, w$conf.int)), w$p.value
    //    -> 1.2048990403182204822 1.1919191919191920448 1.2171395036841796689, p = 0.0078125
    const r = pairedRatio([10.1, 10.4, 9.8, 10.6, 10.2, 9.9, 10.3, 10.0], [12.3, 12.4, 11.9, 12.8, 12.1, 11.8, 12.5, 12.2]);
    expectAllSig([r.estimate, r.lo, r.hi, r.p], [1.2048990403182204822, 1.1919191919191920448, 1.2171395036841796689, 0.0078125]);
  });

  it('paired rounds with ties: asymptotic interval', () => {
    // R: b2 <- rep(10, 10); h2 <- c(11, 12, 11, 13, 12, 11, 14, 9, 12, 11)
    //    w <- wilcox.test(log(h2 / b2), conf.int = TRUE, exact = FALSE, correct = TRUE, tol.root = 1e-13)
    //    exp(w$conf.int) -> [1.039230484541370014, 1.248999599679591510]; w$p.value -> 0.023628551856265834
    //    x <- log(h2 / b2); W <- outer(x, x, "+"); exp(median(W[!lower.tri(W)] / 2)) -> 1.1489125293076057
    const r = pairedRatio(Array<number>(10).fill(10), [11, 12, 11, 13, 12, 11, 14, 9, 12, 11]);
    expectSig(r.estimate, 1.1489125293076057);
    expect(r.lo).toBeCloseTo(1.039230484541370014, 10);
    expect(r.hi).toBeCloseTo(1.24899959967959151, 10);
    expectSig(r.p, 0.023628551856265834);
  });

  it('a round without change (log ratio 0) stays in the estimate and interval (unlike R, which drops it)', () => {
    // The interval is a property of the sample, not of the tested value 0. R drops zeros before the
    // interval too, so the reference shifts mu off every data point, which leaves the interval of the
    // full sample:
    // R: b3 <- c(10.0, 10.4, 9.8, 10.6, 10.2, 9.9, 10.3); h3 <- c(10.0, 10.9, 10.1, 11.2, 10.5, 10.6, 10.4)
    //    x3 <- log(h3 / b3)
    //    w <- wilcox.test(x3, mu = 0.001, conf.int = TRUE, exact = TRUE)
    //    exp(c(w$estimate, w$conf.int)) -> 1.0338195382171398 1.0097087378640777 1.0593315685767948
    //    p from the zero-dropping test: wilcox.test(x3, exact = FALSE, correct = TRUE)$p.value -> 0.036031686218233556
    //    (R's default wilcox.test(x3, conf.int = TRUE) drops the zero: estimate 1.0397606864013373)
    const r = pairedRatio([10.0, 10.4, 9.8, 10.6, 10.2, 9.9, 10.3], [10.0, 10.9, 10.1, 11.2, 10.5, 10.6, 10.4]);
    expectAllSig([r.estimate, r.lo, r.hi, r.p], [1.0338195382171398, 1.0097087378640777, 1.0593315685767948, 0.036031686218233556]);
  });

  it('a single pair', () => {
    const r = pairedRatio([10], [12]);
    expectAllSig([r.estimate, r.lo, r.hi], [1.2, 1.2, 1.2]);
    expect(r.p).toBe(1);
  });

  it('rejects mismatched, empty and non-positive rounds', () => {
    expect(() => pairedRatio([1, 2], [1])).toThrow(/same number of rounds, got 2 and 1/);
    expect(() => pairedRatio([], [])).toThrow(/at least one round/);
    expect(() => pairedRatio([1, 0], [1, 1])).toThrow(/values > 0, got 0/);
  });
});

describe('createRandom', () => {
  it('is deterministic, in [0, 1), and differs between seeds', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const sa = Array.from({ length: 1000 }, a);
    expect(Array.from({ length: 1000 }, b)).toEqual(sa);
    expect(Array.from({ length: 1000 }, c)).not.toEqual(sa);
    for (const v of sa) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
    }
    const mean = sa.reduce((s, v) => s + v, 0) / sa.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
  });
});

describe('bootstrapRatio', () => {
  /** Rounds of samples around `level` with about 3% noise and a per-round offset. */
  function makeRounds(seed: number, rounds: number, samples: number, level: number): number[][] {
    const random = createRandom(seed);
    return Array.from({ length: rounds }, () => {
      const offset = 1 + 0.02 * (random() - 0.5);
      return Array.from({ length: samples }, () => level * offset * (1 + 0.03 * (random() - 0.5)));
    });
  }
  const p95 = (sorted: number[]) => percentile(sorted, 0.95);
  const base = makeRounds(11, 10, 1000, 10);
  const head = makeRounds(12, 10, 1000, 12);

  it('estimate is the ratio of the statistic of the pooled samples', () => {
    const r = bootstrapRatio(base, head, p95, { resamples: 10 });
    const pooled = (rounds: number[][]) => rounds.flat().sort((a, b) => a - b);
    expect(r.estimate).toBe(p95(pooled(head)) / p95(pooled(base)));
  });

  it('equals a naive implementation that resamples rounds, pools and sorts', () => {
    const small = makeRounds(5, 6, 7, 10);
    const smallHead = makeRounds(6, 5, 9, 11).map((round, i) => round.slice(0, 5 + i)); // unequal round sizes
    const resamples = 200;
    const random = createRandom(7);
    const draw = (rounds: number[][]) =>
      Array.from({ length: rounds.length }, () => rounds[Math.floor(random() * rounds.length)]!)
        .flat()
        .sort((a, b) => a - b);
    const ratios: number[] = [];
    for (let i = 0; i < resamples; i++) {
      const b = p95(draw(small));
      ratios.push(p95(draw(smallHead)) / b);
    }
    ratios.sort((a, b) => a - b);
    const r = bootstrapRatio(small, smallHead, p95, { resamples, seed: 7, confidence: 0.9 });
    expect(r.lo).toBe(percentile(ratios, 0.05));
    expect(r.hi).toBe(percentile(ratios, 0.95));
  });

  it('is deterministic for a seed and changes with the seed', () => {
    const a = bootstrapRatio(base, head, p95, { seed: 3, resamples: 500 });
    const b = bootstrapRatio(base, head, p95, { seed: 3, resamples: 500 });
    const c = bootstrapRatio(base, head, p95, { seed: 4, resamples: 500 });
    expect(b).toEqual(a);
    expect(c.estimate).toBe(a.estimate);
    expect([c.lo, c.hi]).not.toEqual([a.lo, a.hi]);
  });

  // How fast this runs is measured in bench/ (npm run bench), not asserted here.
  it('20% slower: the p95 interval contains 1.2 (1000 samples x 10 rounds x 2000 resamples)', () => {
    const r = bootstrapRatio(base, head, p95);
    expect(r.lo).toBeLessThan(1.2);
    expect(r.hi).toBeGreaterThan(1.2);
    expect(r.lo).toBeLessThanOrEqual(r.estimate);
    expect(r.hi).toBeGreaterThanOrEqual(r.estimate);
  });

  it('rejects empty input and bad options', () => {
    expect(() => bootstrapRatio([], head, p95)).toThrow(/\(base\): expected at least one round/);
    expect(() => bootstrapRatio(base, [[1], []], p95)).toThrow(/\(head\): round 2 is empty/);
    expect(() => bootstrapRatio([[1, Number.NaN]], head, p95)).toThrow(/finite numbers, got NaN/);
    expect(() => bootstrapRatio(base, head, p95, { resamples: 0 })).toThrow(/resamples must be a positive integer/);
    expect(() => bootstrapRatio(base, head, p95, { confidence: 95 })).toThrow(/confidence must be in \(0, 1\)/);
  });
});

describe('holm and benjaminiHochberg', () => {
  const p = [0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.5, 0.001];

  it('match R p.adjust, in the input order', () => {
    // R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.5, 0.001), "holm")
    //    -> 0.06 0.16 0.15 0.035 0.4 0.16 0.5 0.008
    expectAllSig(holm(p), [0.06, 0.16, 0.15, 0.035, 0.4, 0.16, 0.5, 0.008]);
    // R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.5, 0.001), "BH")
    //    -> 0.026666666666666665 0.05333333333333333 0.05333333333333333 0.02 0.22857142857142856
    //       0.05333333333333333 0.5 0.008
    expectAllSig(benjaminiHochberg(p), [
      0.0266666666666666649, 0.0533333333333333298, 0.0533333333333333298, 0.02, 0.2285714285714285643, 0.0533333333333333298, 0.5,
      0.008,
    ]);
  });

  it('clip at 1 and handle one or no p-values', () => {
    // R: p.adjust(c(0.6, 0.7, 0.9), "holm") -> 1 1 1; p.adjust(c(0.6, 0.7, 0.9), "BH") -> 0.9 0.9 0.9
    expect(holm([0.6, 0.7, 0.9])).toEqual([1, 1, 1]);
    expectAllSig(benjaminiHochberg([0.6, 0.7, 0.9]), [0.9, 0.9, 0.9]);
    // R: p.adjust(0.3, "holm") -> 0.3; p.adjust(0.3, "BH") -> 0.3
    expect(holm([0.3])).toEqual([0.3]);
    expect(benjaminiHochberg([0.3])).toEqual([0.3]);
    expect(holm([])).toEqual([]);
    expect(benjaminiHochberg([])).toEqual([]);
  });
});

describe('roundsNeeded', () => {
  it('follows n = 2 ((z_{1-alpha/2} + z_power) cv / ln(1 + threshold))^2, rounded up, at least 2', () => {
    // z_0.975 = 1.959963984540054, z_0.8 = 0.8416212335729143, sum 2.8015852181129683; ln(1.1) = 0.09531017980432493
    // cv 0.05, threshold 0.1: 2 * (2.8015852181129683 * 0.05 / 0.09531017980432493)^2 = 4.3201527355778 -> 5
    expect(roundsNeeded(0.05, 0.1)).toBe(5);
    // cv 0.03, threshold 0.05: ln(1.05) = 0.04879016416943205; 2 * (2.80158... * 0.03 / 0.04879...)^2 = 5.934930271010521 -> 6
    expect(roundsNeeded(0.03, 0.05)).toBe(6);
    // alpha 0.01, power 0.9: z_0.995 + z_0.9 = 2.5758293035489004 + 1.2815515655446004 = 3.857380869093501;
    // cv 0.1, threshold 0.1: 2 * (3.857380869093501 * 0.1 / 0.09531017980432493)^2 = 32.75943949128741 -> 33
    expect(roundsNeeded(0.1, 0.1, 0.01, 0.9)).toBe(33);
    // (python: from scipy.stats import norm; z = norm.ppf(1 - a/2) + norm.ppf(pw); 2 * (z * cv / math.log(1 + th))**2)
    // no noise still needs 2 rounds per side
    expect(roundsNeeded(0, 0.1)).toBe(2);
  });

  it('rejects meaningless inputs', () => {
    expect(() => roundsNeeded(-1, 0.1)).toThrow(/cv must be/);
    expect(() => roundsNeeded(0.05, 0)).toThrow(/threshold must be > 0/);
    expect(() => roundsNeeded(0.05, 0.1, 1)).toThrow(/alpha/);
    expect(() => roundsNeeded(0.05, 0.1, 0.05, 0)).toThrow(/power/);
  });
});
