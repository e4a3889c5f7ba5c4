/**
 * Builds response bodies for the big GitHub objects (repository, pull request, issue) from the
 * description itself: every required property gets a value that fits its schema, then the fields
 * the tests care about are laid over it. Hand-writing the ~100 required fields of a
 * `full-repository` would drift from the description; generating them cannot.
 */
import { componentSchema, resolveSpecRef, specDoc } from './openapi-validator.js';

// The description is untyped JSON: nodes are `any`.
type Node = any;

const FIXED_DATE = '2026-01-01T00:00:00Z';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** Flattens `allOf` into one object schema (properties merged, required united). */
function flatten(schema: Node): Node {
  const s = resolveSpecRef(specDoc(), schema);
  if (!s?.allOf) return s;
  const parts = (s.allOf as Node[]).map(flatten);
  const properties = Object.assign({}, ...parts.map((p) => p?.properties ?? {}), s.properties ?? {});
  const required = [...new Set(parts.flatMap((p) => p?.required ?? []).concat(s.required ?? []))];
  return { type: 'object', properties, required };
}

function pickAlternative(s: Node): Node {
  const alts: Node[] = s.oneOf ?? s.anyOf;
  const resolved = alts.map((a) => resolveSpecRef(specDoc(), a));
  return resolved.find((a) => a?.type !== 'null') ?? resolved[0];
}

function leaf(s: Node): unknown {
  if (Array.isArray(s.enum)) return s.enum[0];
  switch (s.type) {
    case 'string':
      switch (s.format) {
        case 'date-time':
          return FIXED_DATE;
        case 'date':
          return FIXED_DATE.slice(0, 10);
        case 'uri':
          return 'https://github.com';
        case 'uri-template':
          return 'https://api.github.com/{placeholder}';
        case 'email':
          return 'octocat@github.com';
        default:
          return typeof s.example === 'string' ? s.example : '';
      }
    case 'integer':
    case 'number':
      return typeof s.example === 'number' ? s.example : Math.max(1, typeof s.minimum === 'number' ? s.minimum : 1);
    case 'boolean':
      return false;
    case 'array':
      return [];
    default:
      return null;
  }
}

function build(schema: Node, override: unknown, depth: number): unknown {
  if (depth > 30) throw new Error('sample: schema nests too deep');
  const raw = resolveSpecRef(specDoc(), schema);
  if (override === undefined && raw?.nullable === true) return null;
  let s = flatten(raw);
  if (s && (s.oneOf || s.anyOf)) s = flatten(pickAlternative(s));
  if (!s) return override ?? null;
  if (override !== undefined && !isPlainObject(override)) return override;
  if (override === undefined && s.nullable === true) return null;
  const isObject = s.type === 'object' || (s.type === undefined && s.properties);
  if (!isObject) return override ?? leaf(s);
  const props: Record<string, Node> = s.properties ?? {};
  const out: Record<string, unknown> = {};
  const given = (override ?? {}) as Record<string, unknown>;
  const keys = new Set<string>([...(s.required ?? []), ...Object.keys(given)]);
  for (const key of keys) {
    const propSchema = props[key] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
    out[key] = propSchema ? build(propSchema, given[key], depth + 1) : given[key];
  }
  return out;
}

/** A body valid for components/schemas/<name>, with `override` laid over it (deeply). */
export function sampleOf<T = Record<string, unknown>>(name: string, override: Record<string, unknown>): T {
  return build(componentSchema(name), override, 0) as T;
}
