// Runs the hanging fixture until this process is told to stop: for the test that a signal to
// perfgate takes the round and everything the round started down with it.
import { runTinybenchSuites } from '../../src/runners/tinybench-runner.js';
import { suite } from './suites.js';

await runTinybenchSuites([suite('hangs', 'hangs.bench.mjs', { timeoutMs: 60_000 })]);
