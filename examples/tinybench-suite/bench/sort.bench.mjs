// Two ways to sort 1,000 numbers; perfgate runs each in fresh processes, round by round.
const numbers = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);

export default (bench) => {
  bench.add('sort numbers (comparator)', () => [...numbers].sort((a, b) => a - b));
  bench.add('sort numbers (typed array)', () => Float64Array.from(numbers).sort());
};
