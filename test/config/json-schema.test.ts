import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FILE_DEFAULTS, perfgateConfigSchema } from '../../src/config/schema.js';
import { formatTime } from '../../src/config/quantities.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const committed = JSON.parse(readFileSync(path.join(root, 'schema/perfgate.schema.json'), 'utf8')) as JsonSchema;

type JsonSchema = { [key: string]: unknown; properties?: Record<string, JsonSchema>; $defs?: Record<string, JsonSchema>; $ref?: string };

describe('schema/perfgate.schema.json', () => {
  it('matches the zod schema (regenerate with npm run schemas)', () => {
    // The script regenerates every committed schema in memory and exits 1 when one differs.
    const run = () => execFileSync(process.execPath, ['scripts/write-schemas.mjs', '--check'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    expect(run).not.toThrow();
  });

  it('is what z.toJSONSchema gives for the input side of the config schema', () => {
    const { $schema, ...rest } = z.toJSONSchema(perfgateConfigSchema, { io: 'input', target: 'draft-2020-12' });
    expect(committed).toEqual({ $schema, title: 'perfgate.yml', ...rest });
  });

  it('describes every field, so that it works as an editor reference', () => {
    const undocumented: string[] = [];
    const visit = (schema: JsonSchema, where: string) => {
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        if (typeof property.description !== 'string') {
          const target = property.$ref ? committed.$defs?.[property.$ref.replace('#/$defs/', '')] : undefined;
          if (typeof target?.description !== 'string') undocumented.push(`${where}.${key}`);
        }
        visit(property, `${where}.${key}`);
      }
      for (const [kind, inner] of [['items', schema.items], ['additionalProperties', schema.additionalProperties]] as const) {
        if (inner && typeof inner === 'object') visit(inner as JsonSchema, `${where}.${kind}`);
      }
      for (const option of (schema.oneOf as JsonSchema[] | undefined) ?? []) visit(option, where);
    };
    visit(committed, '');
    for (const [name, def] of Object.entries(committed.$defs ?? {})) visit(def, `$defs.${name}`);
    expect(undocumented).toEqual([]);
  });

  it('shows the defaults the loader applies', () => {
    const defaults = committed.properties!.defaults!.properties!;
    expect([defaults.rounds!.default, defaults.time!.default, defaults.warmup!.default, defaults['min-samples']!.default, defaults.timeout!.default]).toEqual([
      FILE_DEFAULTS.rounds,
      formatTime(FILE_DEFAULTS.timeMs),
      formatTime(FILE_DEFAULTS.warmupMs),
      FILE_DEFAULTS.minSamples,
      formatTime(FILE_DEFAULTS.timeoutMs),
    ]);
  });
});
