/**
 * How many rounds a comparison needs.
 */
import { normalQuantile } from './normal.js';

/**
 * Rounds per side needed to detect a relative change of `threshold` (0.1 = 10%) between two
 * samples whose rounds vary with coefficient of variation `cv`, with a two-sided test at level
 * `alpha` and the given power, on the log scale:
 * n = 2 * ((z_{1-alpha/2} + z_{power}) * cv / ln(1 + threshold))^2, rounded up, at least 2.
 */
export function roundsNeeded(cv: number, threshold: number, alpha = 0.05, power = 0.8): number {
  if (!(cv >= 0) || !Number.isFinite(cv)) throw new RangeError(`roundsNeeded: cv must be a finite number >= 0, got ${cv}`);
  if (!(threshold > 0) || !Number.isFinite(threshold)) throw new RangeError(`roundsNeeded: threshold must be > 0, got ${threshold}`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`roundsNeeded: alpha must be in (0, 1), got ${alpha}`);
  if (!(power > 0 && power < 1)) throw new RangeError(`roundsNeeded: power must be in (0, 1), got ${power}`);
  const z = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  const n = 2 * ((z * cv) / Math.log1p(threshold)) ** 2;
  return Math.max(2, Math.ceil(n));
}
