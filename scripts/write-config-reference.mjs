// Writes docs/configuration.md, the reference of every key of perfgate.yml, from the committed JSON
// Schema (schema/perfgate.schema.json, itself generated from the zod schema by write-schemas.mjs),
// so the page cannot disagree with what perfgate accepts. `--check` renders in memory and exits 1
// when the committed page is out of date (the tests run it).
//
//   node scripts/write-config-reference.mjs [--check]      (npm run docs)
//
// The walk is generic: every mapping with keys gets a table, and so do nested mappings, the items of
// lists and the values of keyed mappings; each alternative of a oneOf/anyOf of mappings told apart
// by a constant key (the suite types, by `type`) gets a section; a $ref'd definition gets one
// section that every use links to, after the rest. New keys, new sections and new suite types of
// the schema appear without touching this script.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMA_FILE = 'schema/perfgate.schema.json';
const OUT_FILE = 'docs/configuration.md';

// ---------------------------------------------------------------------------------------------
// Reading the schema.

/** Resolves a local "#/$defs/name" reference. */
function resolveRef(schema, ref) {
  const match = /^#\/\$defs\/(.+)$/.exec(ref);
  if (!match || !schema.$defs?.[match[1]]) throw new Error(`${SCHEMA_FILE}: unsupported or unknown $ref ${ref}`);
  return { name: match[1], target: schema.$defs[match[1]] };
}

const isObjectNode = (s) => Boolean(s && typeof s === 'object' && s.properties && Object.keys(s.properties).length > 0);
const isKeyedMapping = (s) => Boolean(s && typeof s === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object');
const alternativesOf = (s) => (s && typeof s === 'object' && (s.oneOf ?? s.anyOf)) || null;

/** The key whose `const` tells mapping alternatives apart (`type` for suites), if there is one. */
function discriminator(alternatives) {
  if (!alternatives.every(isObjectNode)) return null;
  const [first, ...rest] = alternatives;
  for (const key of Object.keys(first.properties)) {
    if (first.properties[key].const === undefined) continue;
    if (rest.every((alt) => alt.properties[key]?.const !== undefined)) return key;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Paths: what a reader writes to reach a key, e.g. suites[].requests[] of an http suite.
// Segments: {key}, {items: true}, {value: noun} (the value of a keyed mapping), {alt: {key, value}},
// {root: text} (where a shared definition's own keys start).

/** What the keys of a keyed mapping are: benchmarks.<benchmark>, thresholds.<metric>, env.<variable>. */
const KEY_NOUNS = { benchmarks: 'benchmark', commands: 'benchmark', thresholds: 'metric', env: 'variable', headers: 'header' };

function keyNoun(segments) {
  const last = [...segments].reverse().find((s) => s.key !== undefined || s.root !== undefined);
  const key = last?.key ?? last?.root?.split('.').at(-1) ?? '';
  return KEY_NOUNS[key] ?? 'name';
}

function pathText(segments) {
  let text = '';
  for (const s of segments) {
    if (s.root !== undefined) text += s.root;
    else if (s.key !== undefined) text += text === '' ? s.key : `.${s.key}`;
    else if (s.items) text += '[]';
    else if (s.value) text += `.<${s.value}>`;
  }
  return text;
}

const altOf = (segments) => segments.find((s) => s.alt)?.alt ?? null;
const withoutAlt = (segments) => segments.filter((s) => !s.alt);

// ---------------------------------------------------------------------------------------------
// Collecting the sections, in reading order.

/**
 * A section documents one mapping. A $ref'd definition is one section wherever it is used, and so
 * is an inline mapping that occurs identically in several places (the values of `benchmarks`).
 */
function collectSections(schema) {
  const sections = [];
  const byId = new Map();
  const deferred = [];

  const idOf = (node, ref) => (ref ? `ref:${ref}` : `inline:${JSON.stringify(node)}`);

  /** A definition used inside another keeps that path (thresholds.latency); else its own key (thresholds). */
  function refRoot(ref, segments) {
    if (segments[0]?.root !== undefined) return pathText(segments);
    const last = [...segments].reverse().find((s) => s.key !== undefined);
    return last?.key ?? ref;
  }

  function add(node, segments, parent, { ref = null, alternative = null } = {}) {
    const id = idOf(node, ref);
    const known = byId.get(id);
    if (known) {
      known.uses.push(segments);
      return;
    }
    const section = {
      id,
      node,
      ref,
      alternative,
      uses: [segments],
      // Definitions are listed after the tree: one used from the tree starts a new branch.
      parent: ref && !parent?.ref ? null : parent,
      base: ref ? [{ root: refRoot(ref, segments) }] : segments,
    };
    byId.set(id, section);
    if (ref) deferred.push(section);
    else {
      sections.push(section);
      walk(node, section.base, section);
    }
  }

  function visit(value, segments, parent) {
    if (!value || typeof value !== 'object') return;
    if (value.$ref) {
      const { name, target } = resolveRef(schema, value.$ref);
      if (isObjectNode(target) || isKeyedMapping(target)) add(target, segments, parent, { ref: name });
      return;
    }
    const alternatives = alternativesOf(value);
    if (alternatives) {
      const key = discriminator(alternatives);
      for (const alt of alternatives) {
        if (key) {
          const alternative = { key, value: alt.properties[key].const };
          add(alt, [...segments, { alt: alternative }], parent, { alternative });
        } else visit(alt, segments, parent);
      }
      return;
    }
    if (isObjectNode(value)) add(value, segments, parent);
    else if (value.items) visit(value.items, [...segments, { items: true }], parent);
    else if (isKeyedMapping(value)) visit(value.additionalProperties, [...segments, { value: keyNoun(segments) }], parent);
  }

  function walk(node, segments, section) {
    for (const [key, value] of Object.entries(node.properties ?? {})) visit(value, [...segments, { key }], section);
    if (isKeyedMapping(node)) visit(node.additionalProperties, [...segments, { value: keyNoun(segments) }], section);
  }

  add(schema, [], null);
  while (deferred.length > 0) {
    const section = deferred.shift();
    sections.push(section);
    walk(section.node, section.base, section);
  }
  return sections;
}

function depthOf(section, rootSection) {
  let depth = 0;
  for (let p = section.parent; p && p !== rootSection; p = p.parent) depth++;
  return depth;
}

// ---------------------------------------------------------------------------------------------
// Headings and anchors.

function sectionTitle(section, isRoot) {
  if (isRoot) return 'Top level';
  if (section.ref) return `\`${pathText(section.base)}\``;
  const first = section.uses[0];
  const text = `\`${pathText(withoutAlt(first))}\``;
  if (section.alternative) return `${text} with \`${section.alternative.key}: ${section.alternative.value}\``;
  const alt = altOf(first);
  return alt && section.uses.length === 1 ? `${text} (\`${alt.key}: ${alt.value}\`)` : text;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to "-", repeats numbered. */
function createSlugger() {
  const seen = new Map();
  return (heading) => {
    const base = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base}-${count}`;
  };
}

// ---------------------------------------------------------------------------------------------
// Describing values.

/** Quantities, recognised by what their pattern accepts, so the page shows a name instead of a regex. */
const QUANTITIES = [
  { name: 'relative change (`10%`) or `off`', accepts: ['off', '10%', '2.5%'], rejects: ['200ms', '80/s'] },
  { name: 'percentage (`99%`)', accepts: ['99%', '2.5%'], rejects: ['off', '200ms', '80/s', '512MB'] },
  { name: 'time (`200ms`, `1.5s`)', accepts: ['200ms', '1.5s', '2m', '50ns'], rejects: ['10%', '80/s', '512MB'] },
  { name: 'rate (`80/s`, `1.2k ops/s`)', accepts: ['80/s', '1.2k ops/s', '600 req/min'], rejects: ['10%', '200ms', '512MB'] },
  { name: 'size (`512MB`, `1GiB`)', accepts: ['512MB', '1GiB'], rejects: ['10%', '200ms', '80/s'] },
];

function patternText(pattern) {
  let re = null;
  try {
    re = new RegExp(pattern, 'u');
  } catch {
    // shown as written
  }
  const kind = re && QUANTITIES.find((q) => q.accepts.every((s) => re.test(s)) && q.rejects.every((s) => !re.test(s)));
  return kind ? kind.name : `string matching \`${pattern}\``;
}

function numberText(s, noun) {
  const parts = [];
  if (s.minimum !== undefined) parts.push(`≥ ${s.minimum}`);
  if (s.exclusiveMinimum !== undefined) parts.push(`> ${s.exclusiveMinimum}`);
  if (s.maximum !== undefined && s.maximum !== Number.MAX_SAFE_INTEGER) parts.push(`≤ ${s.maximum}`);
  if (s.exclusiveMaximum !== undefined) parts.push(`< ${s.exclusiveMaximum}`);
  return parts.length ? `${noun} ${parts.join(', ')}` : noun;
}

const literal = (value) => `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;

/** "list of X": the first noun of X in the plural. */
function plural(text) {
  if (text === 'anything') return text;
  return text.replace(/^(non-empty )?(string|whole number|number|mapping)\b/, (_, adjective = '', noun) => `${adjective}${noun}s`);
}

function typeText(schema, s, links, key) {
  if (!s || typeof s !== 'object' || Object.keys(s).length === 0) return 'anything';
  if (s.$ref) {
    const link = links.get(`ref:${resolveRef(schema, s.$ref).name}`);
    return link ? `mapping, see [${link.title}](#${link.anchor})` : 'mapping';
  }
  if (isObjectNode(s)) {
    const link = links.get(`inline:${JSON.stringify(s)}`);
    return link ? `mapping, see [${link.title}](#${link.anchor})` : 'mapping';
  }
  if (s.const !== undefined) return literal(s.const);
  if (s.enum) return `one of ${s.enum.map(literal).join(', ')}`;
  const alternatives = alternativesOf(s);
  if (alternatives) {
    const by = discriminator(alternatives);
    if (!by) return alternatives.map((alt) => typeText(schema, alt, links, key)).join(' or ');
    const types = alternatives.map((alt) => {
      const link = links.get(`inline:${JSON.stringify(alt)}`);
      return link ? `[${literal(alt.properties[by].const)}](#${link.anchor})` : literal(alt.properties[by].const);
    });
    return `mapping with \`${by}\` one of ${types.join(', ')}`;
  }
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length > 1) return types.map((t) => typeText(schema, { ...s, type: t }, links, key)).join(' or ');
  switch (types[0]) {
    case 'string':
      if (s.pattern) return patternText(s.pattern);
      return s.minLength ? 'non-empty string' : 'string';
    case 'integer':
      return numberText(s, 'whole number');
    case 'number':
      return numberText(s, 'number');
    case 'boolean':
      return '`true` or `false`';
    case 'null':
      return '`null`';
    case 'array': {
      const atLeast = s.minItems ? ` (at least ${s.minItems})` : '';
      const items = s.items ? typeText(schema, s.items, links, key) : 'anything';
      const by = alternativesOf(s.items) && discriminator(alternativesOf(s.items));
      if (by) return `list of mappings${atLeast}, ${items.replace(/^mapping with/, 'each with')}`;
      if (items.startsWith('mapping, see')) return `list of mappings${atLeast}${items.slice('mapping'.length)}`;
      return `list of ${plural(items)}${atLeast}`;
    }
    case 'object':
      if (isKeyedMapping(s)) return `mapping of ${KEY_NOUNS[key] ? `${KEY_NOUNS[key]} name` : 'name'} to ${typeText(schema, s.additionalProperties, links, key)}`;
      return 'mapping';
    default:
      return 'anything';
  }
}

function defaultText(s) {
  const d = s.default;
  if (d === undefined) return '';
  if (d !== null && typeof d === 'object' && !Array.isArray(d) && Object.keys(d).length === 0) return '';
  if (Array.isArray(d)) return `\`[${d.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ')}]\``;
  return literal(d);
}

function descriptionOf(schema, s) {
  if (s.description) return s.description;
  if (s.$ref) return resolveRef(schema, s.$ref).target.description ?? '';
  return '';
}

const sentence = (text) => text.trim().replace(/\.?$/, '.');

/** Schema text as Markdown: outside code spans, "<suite>" would be taken for an HTML tag and "*" for emphasis. */
const prose = (text) =>
  text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, '&lt;').replace(/\*/g, '\\*')))
    .join('');
const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ').trim();

// ---------------------------------------------------------------------------------------------
// The page.

/** A suite type's guide in docs/sources/, when there is one. */
function alternativePage(alternative) {
  const page = `sources/${alternative.value}.md`;
  return existsSync(path.join(root, 'docs', page)) ? page : null;
}

const INTRO = `Every key of \`perfgate.yml\`: its type, its default and what it does. This page is generated from
the JSON Schema [\`schema/perfgate.schema.json\`](../schema/perfgate.schema.json) by
\`npm run docs\`; the schema is generated from the rules perfgate itself checks the file with.

perfgate reads \`.github/perfgate.yml\`, else \`perfgate.yml\` (\`.yaml\` works too) in the working
directory; \`--config FILE\` on the command line and the action's \`config\` input name another file.
Paths in it are relative to the repository root: the folder that holds \`.github/\` when the file is
\`.github/perfgate.yml\`, else the file's own folder.

For completion and checking as you type, start the file with

\`\`\`yaml
# yaml-language-server: $schema=https://raw.githubusercontent.com/perfgate/perfgate/v0/schema/perfgate.schema.json
\`\`\`

VS Code with the YAML extension (Red Hat), and every other editor that uses yaml-language-server,
then completes keys, shows these descriptions on hover and underlines mistakes.

**Quantities carry their unit**: times \`50ns\`, \`3us\`, \`200ms\`, \`1.5s\`, \`2m\`; rates \`80/s\`,
\`1.2k ops/s\`, \`600 req/min\`; percentages and relative changes \`10%\`; sizes \`512MB\`, \`1GiB\`. A bare
\`200\` is refused (it could be ms or s), except as a limit of a metric perfgate does not know, which
is a number in that metric's own unit.

**Thresholds** apply most specific first: built-in defaults < \`defaults.thresholds\` < a suite's
\`thresholds\` < \`benchmarks.<benchmark>.thresholds\`; a key left out keeps the value of the level
above.`;

function notesOf(section, isRoot) {
  const node = section.node;
  const notes = [];
  if (section.alternative) {
    const own = node.properties[section.alternative.key]?.description ?? '';
    const mine = node.description ?? '';
    // Keep both descriptions unless one already says the other.
    const strip = (t) => t.toLowerCase().replace(/[.:].*$/, '').trim();
    const texts = own && mine && strip(own).startsWith(strip(mine)) ? [own] : [mine, own];
    notes.push(prose(texts.filter(Boolean).map(sentence).join(' ')));
    const page = alternativePage(section.alternative);
    if (page) notes.push(`Guide and examples: [docs/${page}](${page}).`);
  } else if (!isRoot && node.description) {
    notes.push(prose(sentence(node.description)));
  }
  if (!isRoot && !section.alternative) {
    const title = pathText(section.ref ? section.base : withoutAlt(section.uses[0]));
    const where = [...new Set(section.uses.map((u) => pathText(withoutAlt(u))))];
    const alts = [...new Set(section.uses.map(altOf).filter(Boolean).map((a) => `\`${a.value}\``))];
    if (where.length > 1 || where[0] !== title) notes.push(`Used at ${where.map((w) => `\`${w}\``).join(', ')}.`);
    else if (alts.length > 1) notes.push(`The same for every \`${section.uses.map(altOf).find(Boolean).key}\` that has it: ${alts.join(', ')}.`);
  }
  const rules = [];
  const required = node.required ?? [];
  if (required.length > 0) rules.push(`Required: ${required.map((k) => `\`${k}\``).join(', ')}.`);
  if (node.additionalProperties === false) rules.push('Other keys are refused.');
  if (rules.length > 0) notes.push(rules.join(' '));
  return notes.filter(Boolean);
}

function rowsOf(schema, section, links) {
  const node = section.node;
  const required = new Set(node.required ?? []);
  const rows = Object.entries(node.properties ?? {}).map(([key, value]) => {
    const resolved = value.$ref ? { ...resolveRef(schema, value.$ref).target, ...value } : value;
    return [`\`${key}\`${required.has(key) ? ' (required)' : ''}`, typeText(schema, value, links, key), defaultText(resolved), prose(descriptionOf(schema, value))];
  });
  if (isKeyedMapping(node)) {
    const extra = node.additionalProperties;
    rows.push([`any other \`<${keyNoun(section.base)}>\``, typeText(schema, extra, links), defaultText(extra), prose(descriptionOf(schema, extra))]);
  }
  return rows;
}

function render(schema) {
  const sections = collectSections(schema);
  const slug = createSlugger();
  slug('perfgate.yml reference'); // headings above the sections take their anchors first
  slug('Contents');
  const links = new Map();
  sections.forEach((section, i) => {
    const title = sectionTitle(section, i === 0);
    links.set(section.id, { title, anchor: slug(title) });
  });

  const out = [
    '<!-- Generated by scripts/write-config-reference.mjs from schema/perfgate.schema.json. Do not edit: run "npm run docs". -->',
    '',
    '# perfgate.yml reference',
    '',
    INTRO,
    '',
    '## Contents',
    '',
  ];
  for (const section of sections) {
    const link = links.get(section.id);
    out.push(`${'  '.repeat(depthOf(section, sections[0]))}- [${link.title}](#${link.anchor})`);
  }
  out.push('');

  sections.forEach((section, i) => {
    out.push(`## ${links.get(section.id).title}`, '');
    for (const note of notesOf(section, i === 0)) out.push(note, '');
    const rows = rowsOf(schema, section, links);
    if (rows.length === 0) return;
    out.push('| key | type | default | meaning |', '| --- | --- | --- | --- |');
    for (const row of rows) out.push(`| ${row.map(cell).join(' | ')} |`);
    out.push('');
  });
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

// ---------------------------------------------------------------------------------------------

const schema = JSON.parse(readFileSync(path.join(root, SCHEMA_FILE), 'utf8'));
const text = render(schema);
const file = path.join(root, OUT_FILE);
if (process.argv.includes('--check')) {
  let committed = null;
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (committed !== text) {
    console.error(`out of date: ${OUT_FILE} (generated from ${SCHEMA_FILE}); run npm run docs`);
    process.exit(1);
  }
} else {
  writeFileSync(file, text);
  console.log(`wrote ${OUT_FILE}`);
}
