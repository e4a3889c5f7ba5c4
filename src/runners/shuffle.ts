import { createRandom } from '../core/stats.js';

/** The seeded generator of the statistics, so that a run's round order can be replayed from its seed. */
export const mulberry32 = createRandom;

/** Fisher–Yates on a copy. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
