import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Report, Results } from '../core/model.js';
import { renderMarkdown } from '../core/render/markdown.js';

/** Write-then-rename, so a reader never sees half a file and a crash never leaves one. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, file);
}

export async function writeResults(outDir: string, results: Results): Promise<string> {
  const file = path.join(outDir, 'results.json');
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
