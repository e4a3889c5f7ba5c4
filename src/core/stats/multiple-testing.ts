/**
 * Adjusted p-values for many tests at once, in the input order, as R's `p.adjust`.
 */

/** Indices of p sorted ascending by value (stable). */
function orderAscending(p: readonly number[]): number[] {
  return p.map((_, i) => i).sort((a, b) => p[a]! - p[b]! || a - b);
}

/** Holm's step-down adjustment: controls the family-wise error rate (R `p.adjust(p, 'holm')`). */
export function holm(p: readonly number[]): number[] {
  const m = p.length;
  const adjusted = new Array<number>(m);
  let running = 0;
  orderAscending(p).forEach((index, rank) => {
    running = Math.max(running, (m - rank) * p[index]!);
    adjusted[index] = Math.min(1, running);
  });
  return adjusted;
}

/** Benjamini–Hochberg step-up adjustment: controls the false discovery rate (R `p.adjust(p, 'BH')`). */
export function benjaminiHochberg(p: readonly number[]): number[] {
  const m = p.length;
  const adjusted = new Array<number>(m);
  const order = orderAscending(p);
  let running = Number.POSITIVE_INFINITY;
  for (let rank = m - 1; rank >= 0; rank--) {
    const index = order[rank]!;
    running = Math.min(running, (m / (rank + 1)) * p[index]!);
    adjusted[index] = Math.min(1, running);
  }
  return adjusted;
}
