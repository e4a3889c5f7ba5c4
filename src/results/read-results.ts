import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Results } from '../core/model.js';
import { ResultsError } from './results-error.js';
import { parseResults } from './parse-results.js';

/** Results files are data, but a runaway file must not exhaust memory. */
const MAX_RESULTS_BYTES = 256 * 1024 * 1024;

export async function readResultsFile(file: string, cwd: string = process.cwd()): Promise<Results> {
  const label = path.relative(cwd, file) || file;
  let text: string;
  try {
    const buffer = await readFile(file);
    if (buffer.length > MAX_RESULTS_BYTES) throw new ResultsError(label, '(file)', `expected at most ${MAX_RESULTS_BYTES} bytes, got ${buffer.length}`);
    text = buffer.toString('utf8');
  } catch (error) {
    if (error instanceof ResultsError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (error as Error).message;
    throw new ResultsError(label, '(file)', `expected a readable results file: ${why}`);
  }
  return parseResults(text, label);
}
