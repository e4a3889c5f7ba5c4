import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { HistoryPoint, Report, Results } from '../core/model.js';
import { HISTORY_SCHEMA_ID } from '../results/history-schema.js';
import { renderMarkdown } from '../core/render/markdown.js';

/** Write-then-rename, so a reader never sees half a file and a crash never leaves one. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, file);
}

export async function writeResults(outDir: string, results: Results, name = 'results.json'): Promise<string> {
  const file = path.join(outDir, name);
  await writeFileAtomic(file, `${JSON.stringify(results)}\n`);
  return file;
}

export async function writeReport(outDir: string, report: Report): Promise<{ json: string; markdown: string }> {
  const json = path.join(outDir, 'report.json');
  const markdown = path.join(outDir, 'report.md');
  await writeFileAtomic(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFileAtomic(markdown, renderMarkdown(report));
  return { json, markdown };
}

/** history.json of the baseline artifact: main's recent runs, newest first. */
export async function writeHistory(outDir: string, points: HistoryPoint[]): Promise<string> {
  const file = path.join(outDir, 'history.json');
  await writeFileAtomic(file, `${JSON.stringify({ schema: HISTORY_SCHEMA_ID, version: 1, points })}\n`);
  return file;
}
