// Writes the committed JSON Schemas from their zod schemas, so the editor reference can never
// disagree with what perfgate accepts. `--check` regenerates in memory and exits 1 when a
// committed file is out of date (the tests run it).
//
//   node scripts/write-schemas.mjs [--check]      (npm run schemas)
//
// The zod schemas are TypeScript; tsx's loader is registered here so the script also runs
// without `node --import tsx`.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const { z } = await import('zod');
const { perfgateConfigSchema } = await import('../src/config/schema.ts');
const { resultsSchema, minimalResultsSchema } = await import('../src/results/results-schema.ts');
const { historySchema } = await import('../src/results/history-schema.ts');
const { mergeLogSchema } = await import('../src/results/merge-log-schema.ts');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * One entry per schema. `io: 'input'` describes what may be written (defaults optional, quantities
 * as strings); use 'output' for data perfgate writes and reads back unchanged.
 * @type {{ zodSchema: import('zod').ZodType; outFile: string; title: string; io?: 'input' | 'output' }[]}
 */
const targets = [
  { zodSchema: perfgateConfigSchema, outFile: 'schema/perfgate.schema.json', title: 'perfgate.yml', io: 'input' },
  { zodSchema: resultsSchema, outFile: 'schema/results.schema.json', title: 'perfgate results', io: 'output' },
  { zodSchema: minimalResultsSchema, outFile: 'schema/minimal-results.schema.json', title: 'perfgate minimal results', io: 'input' },
  { zodSchema: historySchema, outFile: 'schema/history.schema.json', title: 'perfgate history of main', io: 'output' },
  { zodSchema: mergeLogSchema, outFile: 'schema/merge-log.schema.json', title: 'perfgate per-merge log', io: 'output' },
];

function render({ zodSchema, title, io = 'input' }) {
  const { $schema, ...rest } = z.toJSONSchema(zodSchema, { io, target: 'draft-2020-12' });
  return `${JSON.stringify({ $schema, title, ...rest }, null, 2)}\n`;
}

const check = process.argv.includes('--check');
const stale = [];
for (const target of targets) {
  const file = path.join(root, target.outFile);
  const text = render(target);
  if (check) {
    let committed = null;
    try {
      committed = readFileSync(file, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (committed !== text) stale.push(target.outFile);
  } else {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    console.log(`wrote ${target.outFile}`);
  }
}
if (stale.length > 0) {
  console.error(`out of date: ${stale.join(', ')}; run npm run schemas`);
  process.exit(1);
}
