// perfgate runs this file in fresh Node processes, round by round, on both sides of a pull request.
// The default export receives tinybench's Bench: add one task per thing you want to keep fast.
import { parseCsv, toCsv } from '../src/csv.js';

// Fixed inputs, built once per process: every round measures exactly the same work.
const rows = Array.from({ length: 1000 }, (_, i) => [String(i), `name ${i}`, i % 7 === 0 ? 'says "hi", twice' : 'plain', (i * 0.37).toFixed(2)]);
const text = toCsv(rows);

export default (bench) => {
  bench.add('parseCsv 1,000 rows', () => parseCsv(text));
  bench.add('toCsv 1,000 rows', () => toCsv(rows));
};
