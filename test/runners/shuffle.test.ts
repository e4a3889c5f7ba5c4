import { describe, expect, it } from 'vitest';
import { mulberry32, shuffled } from '../../src/runners/shuffle.js';

describe('seeded shuffling', () => {
  it('replays from the seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(draws).size).toBe(1000);
  });

  it('permutes a copy and reaches every order', () => {
    const items = ['a', 'b', 'c'];
    const random = mulberry32(1);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const out = shuffled(items, random);
      expect([...out].sort()).toEqual(items);
      seen.add(out.join(''));
    }
    expect(seen.size).toBe(6);
    expect(items).toEqual(['a', 'b', 'c']);
  });
});
