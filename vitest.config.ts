import { defineConfig } from 'vitest/config';

/**
 * Tests that measure real code and assert the verdict (a 30% slower service fails, a 25% slower
 * benchmark fails) need the machine to themselves: run beside other test files, a neighbour's
 * CPU load lands in one side's rounds and not the other's. They run one at a time, after the rest.
 */
const MEASURING = [
  'test/cli/command-same-runner.test.ts',
  'test/cli/http-same-runner.test.ts',
  'test/cli/same-runner-cli.test.ts',
  'test/action-e2e/rollback.test.ts',
  'test/action-e2e/same-runner.test.ts',
  'test/action-e2e/readme-walkthrough.test.ts',
  'test/runners/heap-growth.test.ts',
];

const shared = {
  testTimeout: 60_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    reporters: ['default', './test/reporters/closing-line.ts'],
    projects: [
      { test: { ...shared, name: 'parallel', include: ['test/**/*.test.ts'], exclude: MEASURING, sequence: { groupOrder: 0 } } },
      { test: { ...shared, name: 'measuring', include: MEASURING, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
