import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { logChangePoints, type LogChangePoint } from '../core/change-points.js';
import { MERGE_LOG_SCHEMA_ID, logSeries, mergeLogs, type MergeLogEntry } from '../core/merge-log.js';
import { renderMergeLogCsv } from '../core/render/merge-log-csv.js';
import { renderMergeLogHtml } from '../core/render/merge-log-html.js';
import { renderMergeLogMarkdown } from '../core/render/merge-log-markdown.js';
import { BASELINE_ZIP_LIMITS } from '../github/baseline-files.js';
import { readBaselineZip } from '../github/zip-reader.js';
import { parseMergeLog } from '../results/parse-results.js';
import { parseCommandArgs } from './args.js';
import { EXIT, UsageError, type ExitCode } from './exit-codes.js';
import { LOG_HELP } from './help.js';
import type { CliIo } from './io.js';
import { writeFileAtomic } from './output-files.js';

export const LOG_FORMATS = ['markdown', 'csv', 'json', 'html'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

const LOG_FILE = 'merge-log.json';
export const DEFAULT_LOG_PATH = path.join('.perfgate', LOG_FILE);
/** The log is bounded to 1000 merges; a file far beyond that is not one. */
const MAX_LOG_BYTES = 256 * 1024 * 1024;
const WHAT = `expected a ${LOG_FILE}, a folder holding one, or a baseline artifact .zip`;

function fail(message: string): never {
  throw new UsageError(message);
}

function parseFormat(value: string | undefined): LogFormat {
  if (value === undefined) return 'markdown';
  if ((LOG_FORMATS as readonly string[]).includes(value)) return value as LogFormat;
  return fail(`--format: expected ${LOG_FORMATS.slice(0, -1).join(', ')} or ${LOG_FORMATS[LOG_FORMATS.length - 1]}, got "${value}"`);
}

function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) fail(`--limit: expected a whole number of at least 1, got "${value}"`);
  return n;
}

function isZip(file: string, bytes: Uint8Array): boolean {
  // "PK\3\4" opens a zip with files, "PK\5\6" an empty one; the name alone can lie either way.
  const magic = bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
  return magic || file.toLowerCase().endsWith('.zip');
}

async function statOrNull(file: string) {
  try {
    return await stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw error;
  }
}

/** The log's text and the name its errors should carry: a file, a folder's file, or a zip's entry. */
async function readLogText(target: string, label: string): Promise<{ text: string; file: string }> {
  let file = target;
  let fileLabel = label;
  let info = await statOrNull(file);
  if (!info) fail(`${label}: no such file; ${WHAT}`);
  if (info.isDirectory()) {
    file = path.join(target, LOG_FILE);
    fileLabel = path.join(label, LOG_FILE);
    info = await statOrNull(file);
    if (!info || !info.isFile()) fail(`${label}: the folder holds no ${LOG_FILE}; ${WHAT}`);
  }
  if (!info.isFile()) fail(`${fileLabel}: not a regular file; ${WHAT}`);
  if (info.size > MAX_LOG_BYTES) fail(`${fileLabel}: ${info.size} bytes, over the ${MAX_LOG_BYTES}-byte limit for a ${LOG_FILE}`);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return fail(`${fileLabel}: cannot be read: ${(error as Error).message}`);
  }
  if (!isZip(file, bytes)) return { text: bytes.toString('utf8'), file: fileLabel };
  // Loaded only for a zip: the module also brings @actions/artifact, which would triple the
  // bundle every CLI command starts with and add a quarter of a second to each start.
  let files: Map<string, string>;
  try {
    files = await readBaselineZip(bytes, BASELINE_ZIP_LIMITS);
  } catch (error) {
    return fail(`${fileLabel}: ${(error as Error).message.split('\n')[0]}; expected a baseline artifact .zip`);
  }
  const text = files.get(LOG_FILE);
  if (text === undefined) {
    const held = [...files.keys()].sort().join(', ') || 'nothing';
    return fail(`${fileLabel}: the zip holds no ${LOG_FILE} (it holds ${held}); the artifact comes from a run before the per-merge log`);
  }
  return { text, file: `${fileLabel}/${LOG_FILE}` };
}

/** What `--format json` prints: the merge-log document as stored, plus the change points found in it. */
export interface LogJson {
  schema: typeof MERGE_LOG_SCHEMA_ID;
  version: 1;
  entries: MergeLogEntry[];
  changePoints: LogChangePoint[];
}

function render(format: LogFormat, entries: MergeLogEntry[], changePoints: LogChangePoint[], limit: number | undefined): string {
  switch (format) {
    case 'markdown':
      return renderMergeLogMarkdown(entries, changePoints, { charts: true, ...(limit !== undefined ? { limit } : {}) });
    case 'html':
      return renderMergeLogHtml(entries, changePoints, limit !== undefined ? { limit } : {});
    case 'csv':
      return renderMergeLogCsv(entries.slice(0, limit));
    case 'json': {
      const doc: LogJson = { schema: MERGE_LOG_SCHEMA_ID, version: 1, entries: entries.slice(0, limit), changePoints };
      return `${JSON.stringify(doc, null, 2)}\n`;
    }
  }
}

export async function logCommand(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('log', argv, {
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
    limit: { type: 'string', short: 'n' },
  });
  if (values.help) {
    io.stdout(LOG_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 1) fail(`expected at most one PATH, got ${positionals.length} (see perfgate log --help)`);
  const format = parseFormat(values.format as string | undefined);
  const limit = parseLimit(values.limit as string | undefined);
  if (values.output !== undefined && (values.output as string).trim() === '') fail('--output: expected a file name, got ""');
  const given = positionals[0] ?? DEFAULT_LOG_PATH;
  const target = path.resolve(io.cwd, given);
  const label = path.relative(io.cwd, target) || given;
  const { text, file } = await readLogText(target, label);
  // Copies united by other runs are already in order; a hand-edited file may not be.
  const parsed = parseMergeLog(text, file);
  const entries = mergeLogs([parsed], parsed.length);
  const changePoints = logChangePoints(logSeries(entries));
  const out = render(format, entries, changePoints, limit);
  if (values.output === undefined) {
    io.stdout(out);
    return EXIT.ok;
  }
  const outFile = path.resolve(io.cwd, values.output as string);
  try {
    await writeFileAtomic(outFile, out);
  } catch (error) {
    return fail(`--output ${values.output as string}: cannot be written: ${(error as Error).message.split('\n')[0]}`);
  }
  io.stdout(`perfgate log: wrote ${format} for ${entries.length} merge${entries.length === 1 ? '' : 's'} to ${path.relative(io.cwd, outFile) || outFile}`);
  return EXIT.ok;
}
