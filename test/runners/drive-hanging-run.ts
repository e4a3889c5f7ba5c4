// Runs the hanging fixture until this process is told to stop: for the test that a signal to
// perfgate takes the round and everything the round started down with it.
import { runSuites } from '../../src/runners/run-suites.js';
import { suite } from './suites.js';

await runSuites([suite('hangs', 'hangs.bench.mjs', { timeoutMs: 60_000 })]);
