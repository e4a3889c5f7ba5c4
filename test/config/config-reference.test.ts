import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const page = readFileSync(path.join(root, 'docs/configuration.md'), 'utf8');

type JsonSchema = { [key: string]: unknown; properties?: Record<string, JsonSchema>; items?: JsonSchema; oneOf?: JsonSchema[]; anyOf?: JsonSchema[] };
const schema = JSON.parse(readFileSync(path.join(root, 'schema/perfgate.schema.json'), 'utf8')) as JsonSchema;

describe('docs/configuration.md', () => {
  it('matches schema/perfgate.schema.json (regenerate with npm run docs)', () => {
    // The script renders the page in memory and exits 1 when the committed one differs.
    const run = () => execFileSync(process.execPath, ['scripts/write-config-reference.mjs', '--check'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    expect(run).not.toThrow();
  });

  it('has a row for every top-level key and a section for every suite type', () => {
    const rows = Object.keys(schema.properties ?? {}).filter((key) => !page.includes(`| \`${key}\``));
    expect(rows).toEqual([]);
    const suites = schema.properties!.suites!.items!;
    const types = (suites.oneOf ?? suites.anyOf ?? []).map((s) => (s.properties!.type as { const: string }).const);
    expect(types.length).toBeGreaterThan(0);
    const sections = types.filter((type) => !page.includes(`## \`suites[]\` with \`type: ${type}\``));
    expect(sections).toEqual([]);
  });

  it('links only to headings that exist on the page', () => {
    const slug = (heading: string) =>
      heading
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-');
    const anchors = new Set(page.split('\n').filter((line) => line.startsWith('#')).map((line) => slug(line.replace(/^#+\s*/, ''))));
    const broken = [...page.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!).filter((anchor) => !anchors.has(anchor));
    expect(broken).toEqual([]);
  });
});
