import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

/**
 * Compares text with a committed golden file. A mismatch writes `<name>.got.<ext>` beside it for
 * a diff; UPDATE_GOLDEN=1 rewrites the golden file instead.
 */
export function expectGolden(actual: string, goldenPath: string): void {
  const gotPath = goldenPath.replace(/(\.[a-z]+)$/, '.got$1');
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(goldenPath)) {
    writeFileSync(goldenPath, actual);
    rmSync(gotPath, { force: true });
    return;
  }
  const expected = readFileSync(goldenPath, 'utf8');
  if (actual !== expected) writeFileSync(gotPath, actual);
  else rmSync(gotPath, { force: true });
  expect(actual, `differs from ${goldenPath}; see ${gotPath} (UPDATE_GOLDEN=1 rewrites)`).toBe(expected);
}
