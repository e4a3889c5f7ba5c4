/**
 * Checks requests (and the test server's own responses) against GitHub's official REST API
 * description, so the stand-in cannot accept a request real GitHub would refuse, nor teach the
 * action a response shape real GitHub never sends.
 *
 * Only `generated/api.github.com.json` is read: the package index would load every GHES variant
 * (hundreds of MB). It is parsed once, lazily, on the first request.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvModule from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv and ajv-formats are CommonJS with `exports.default`; under NodeNext the default import is
// the module object, whose `.default` is the constructor/plugin both at runtime and in the types.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

// The description is untyped JSON: nodes are `any`.
type Node = any;

/** Base URI under which the spec's components are registered with ajv. */
const ROOT = 'https://api.github.com/openapi.json';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export interface Operation {
  method: string; // upper case
  template: string;
  operationId: string;
  parameters: Node[]; // resolved, path-level ones merged in
  requestBody: Node | undefined;
  responses: Record<string, Node>; // resolved
}

interface Template {
  template: string;
  segments: (string | { param: string })[];
  operations: Map<string, Operation>;
}

interface Spec {
  doc: Node;
  bySegmentCount: Map<number, Template[]>;
  ajv: InstanceType<typeof Ajv>;
  compiled: Map<string, ValidateFunction>;
}

let spec: Spec | undefined;

function resolveRef(doc: Node, node: Node): Node {
  let n = node;
  while (n && typeof n === 'object' && typeof n.$ref === 'string') {
    const parts = (n.$ref as string).replace(/^#\//, '').split('/');
    n = parts.reduce((acc: Node, p) => acc?.[p.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return n;
}

function load(): Spec {
  if (spec) return spec;
  const require = createRequire(import.meta.url);
  const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const bySegmentCount = new Map<number, Template[]>();
  for (const [template, item] of Object.entries<Node>(doc.paths)) {
    const segments = template
      .split('/')
      .slice(1)
      .map((s) => (s.startsWith('{') && s.endsWith('}') ? { param: s.slice(1, -1) } : s));
    const pathParams: Node[] = (item.parameters ?? []).map((p: Node) => resolveRef(doc, p));
    const operations = new Map<string, Operation>();
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      const own: Node[] = (op.parameters ?? []).map((p: Node) => resolveRef(doc, p));
      const merged = [...own, ...pathParams.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in))];
      const responses: Record<string, Node> = {};
      for (const [status, r] of Object.entries<Node>(op.responses ?? {})) responses[status] = resolveRef(doc, r);
      operations.set(m.toUpperCase(), {
        method: m.toUpperCase(),
        template,
        operationId: op.operationId,
        parameters: merged,
        requestBody: op.requestBody ? resolveRef(doc, op.requestBody) : undefined,
        responses,
      });
    }
    const list = bySegmentCount.get(segments.length) ?? [];
    list.push({ template, segments, operations });
    bySegmentCount.set(segments.length, list);
  }

  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  ajv.addFormat('repo.nwo', true); // GitHub-specific format that ajv-formats does not know
  const schemas: Record<string, Node> = {};
  for (const [name, s] of Object.entries<Node>(doc.components.schemas)) schemas[name] = toJsonSchema(s, false);
  // One wrapper holds every component schema, so `$ref`s between them resolve inside ajv.
  ajv.addSchema({ $id: ROOT, components: { schemas } });
  spec = { doc, bySegmentCount, ajv, compiled: new Map() };
  return spec;
}

/**
 * OpenAPI 3.0 schema -> JSON Schema: `nullable: true` becomes a type union (or `anyOf` with null
 * when there is no plain `type`), `$ref`s become absolute into the wrapper registered above.
 * `close` adds `additionalProperties: false` to plain inline objects: used for request bodies so
 * a misspelt key (`bodyy`) is caught even where the description does not forbid extra keys.
 */
function toJsonSchema(s: Node, close: boolean): Node {
  if (!s || typeof s !== 'object' || Array.isArray(s)) return s;
  if (typeof s.$ref === 'string') {
    const ref = { $ref: ROOT + s.$ref };
    return s.nullable === true ? { anyOf: [ref, { type: 'null' }] } : ref;
  }
  const out: Node = {};
  for (const [k, v] of Object.entries<Node>(s)) {
    if (k === 'nullable' || k === 'discriminator' || k === 'example' || k === 'examples' || k.startsWith('x-')) continue;
    if (k === 'properties') {
      out[k] = Object.fromEntries(Object.entries<Node>(v).map(([name, p]) => [name, toJsonSchema(p, close)]));
    } else if (k === 'items' || k === 'not') {
      out[k] = toJsonSchema(v, close);
    } else if (k === 'additionalProperties') {
      out[k] = typeof v === 'object' ? toJsonSchema(v, false) : v;
    } else if (k === 'allOf' || k === 'anyOf' || k === 'oneOf') {
      out[k] = (v as Node[]).map((x) => toJsonSchema(x, false));
    } else {
      out[k] = v;
    }
  }
  if (close && out.properties && out.additionalProperties === undefined && !out.allOf && !out.anyOf && !out.oneOf) {
    out.additionalProperties = false;
  }
  if (s.nullable === true) {
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    } else {
      return { anyOf: [out, { type: 'null' }] };
    }
  }
  return out;
}

function compile(key: string, schema: Node, close: boolean): ValidateFunction {
  const s = load();
  let fn = s.compiled.get(key);
  if (!fn) {
    fn = s.ajv.compile(toJsonSchema(schema, close));
    s.compiled.set(key, fn);
  }
  return fn;
}

function ajvErrors(fn: ValidateFunction, where: string): string[] {
  return (fn.errors ?? []).slice(0, 8).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` "${String(e.params.additionalProperty)}"` : '';
    return `${where}${e.instancePath || ''} ${e.message ?? e.keyword}${extra}`;
  });
}

export interface PathMatch {
  template: string;
  pathParams: Record<string, string>;
  operations: Map<string, Operation>;
}

/** Finds the description's path template for a concrete path; literal segments beat parameters. */
export function matchPath(path: string): PathMatch | undefined {
  const segs = path.split('/').slice(1);
  let best: { t: Template; params: Record<string, string>; score: string } | undefined;
  for (const t of load().bySegmentCount.get(segs.length) ?? []) {
    const params: Record<string, string> = {};
    let score = '';
    let ok = true;
    for (let i = 0; i < segs.length && ok; i++) {
      const want = t.segments[i]!;
      const got = segs[i]!;
      if (typeof want === 'string') {
        ok = want === got;
        score += '1';
      } else {
        ok = got.length > 0;
        params[want.param] = safeDecode(got);
        score += '0';
      }
    }
    if (ok && (!best || score > best.score)) best = { t, params, score };
  }
  return best && { template: best.t.template, pathParams: best.params, operations: best.t.operations };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Does a path or query string value fit a parameter's (scalar) schema? */
function checkScalar(value: string, schema: Node): string | undefined {
  const s = resolveRef(load().doc, schema) ?? {};
  if (s.type === 'integer' && !/^-?\d+$/.test(value)) return `must be an integer, got "${value}"`;
  if (s.type === 'number' && !Number.isFinite(Number(value))) return `must be a number, got "${value}"`;
  if (s.type === 'boolean' && value !== 'true' && value !== 'false') return `must be true or false, got "${value}"`;
  if (Array.isArray(s.enum) && s.type !== 'array' && !s.enum.includes(value)) {
    return `must be one of ${s.enum.join(', ')}, got "${value}"`;
  }
  if (s.type === 'integer' && typeof s.minimum === 'number' && Number(value) < s.minimum) return `must be >= ${s.minimum}`;
  if (s.type === 'integer' && typeof s.maximum === 'number' && Number(value) > s.maximum) return `must be <= ${s.maximum}`;
  return undefined;
}

export interface RequestToValidate {
  method: string;
  path: string; // pathname only, no query
  query: Record<string, string>;
  /** undefined when the request had no body; otherwise the parsed JSON (or the raw text) */
  body: unknown;
  bodyIsJson: boolean;
}

export interface RequestVerdict {
  /** 404 when no template/method matches, 422 for a bad parameter or body, 400 for bad JSON */
  status?: 400 | 404 | 422;
  errors: string[];
  operation?: Operation;
  pathParams: Record<string, string>;
}

export function validateRequest(req: RequestToValidate): RequestVerdict {
  const where = `${req.method} ${req.path}`;
  const match = matchPath(req.path);
  if (!match) return { status: 404, errors: [`${where}: no path in the REST API description matches`], pathParams: {} };
  const op = match.operations.get(req.method);
  if (!op) {
    const allowed = [...match.operations.keys()].join(', ');
    return {
      status: 404,
      errors: [`${where}: ${match.template} has no ${req.method} operation (only ${allowed})`],
      pathParams: match.pathParams,
    };
  }
  const label = `${req.method} ${match.template}`;
  const notFound: string[] = [];
  const errors: string[] = [];
  for (const p of op.parameters.filter((x) => x.in === 'path')) {
    const v = match.pathParams[p.name];
    const problem = v === undefined ? 'missing' : checkScalar(v, p.schema);
    // GitHub answers a path that does not parse (issue number "abc") with 404, not 422
    if (problem) notFound.push(`${label}: path parameter ${p.name} ${problem}`);
  }
  for (const [name, value] of Object.entries(req.query)) {
    const p = op.parameters.find((x) => x.in === 'query' && x.name === name);
    if (!p) {
      errors.push(`${label}: query parameter "${name}" is not declared for ${op.operationId}`);
      continue;
    }
    const problem = checkScalar(value, p.schema);
    if (problem) errors.push(`${label}: query parameter ${name} ${problem}`);
  }
  for (const p of op.parameters.filter((x) => x.in === 'query' && x.required)) {
    if (!(p.name in req.query)) errors.push(`${label}: required query parameter ${p.name} is missing`);
  }
  if (notFound.length > 0) return { status: 404, errors: notFound, operation: op, pathParams: match.pathParams };

  const content = op.requestBody?.content ?? {};
  const jsonSchema = content['application/json']?.schema;
  if (req.body !== undefined && !op.requestBody) {
    errors.push(`${label}: ${op.operationId} takes no request body`);
  } else if (req.body === undefined && op.requestBody?.required) {
    errors.push(`${label}: request body is required`);
  } else if (req.body !== undefined && jsonSchema) {
    if (!req.bodyIsJson) {
      return { status: 400, errors: [`${label}: body is not valid JSON`], operation: op, pathParams: match.pathParams };
    }
    const fn = compile(`req ${label}`, jsonSchema, true);
    if (!fn(req.body)) errors.push(...ajvErrors(fn, `${label}: body`));
  }
  return { ...(errors.length > 0 ? { status: 422 as const } : {}), errors, operation: op, pathParams: match.pathParams };
}

/** The JSON schema declared for an operation's response with this status, if any. */
function responseSchema(op: Operation, status: number): { declared: boolean; schema?: Node } {
  const r = op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`];
  if (!r) return { declared: false };
  const content = r.content ?? {};
  const key = Object.keys(content).find((c) => c.includes('json'));
  return { declared: true, schema: key ? content[key].schema : undefined };
}

/**
 * Validates a response body the server is about to send (or sent) for method+path with status.
 * Returns the problems; empty when it fits. `path` is the /repos/{o}/{r}/... form.
 */
export function validateResponse(method: string, path: string, status: number, body: unknown): string[] {
  const match = matchPath(path);
  const op = match?.operations.get(method.toUpperCase());
  if (!match || !op) return [`${method} ${path}: not an operation of the REST API description`];
  const label = `${method.toUpperCase()} ${match.template} -> ${status}`;
  const { declared, schema } = responseSchema(op, status);
  if (!declared) return [`${label}: status ${status} is not declared for ${op.operationId}`];
  if (!schema) return body === undefined ? [] : [`${label}: declares no body but one was sent`];
  if (body === undefined) return [`${label}: declares a body but none was sent`];
  const fn = compile(`res ${label}`, schema, false);
  return fn(body) ? [] : ajvErrors(fn, `${label}: body`);
}

/** The raw spec node of a component schema, for building sample responses. */
export function componentSchema(name: string): Node {
  const s = load().doc.components.schemas[name];
  if (!s) throw new Error(`no component schema ${name}`);
  return s;
}

export function specDoc(): Node {
  return load().doc;
}

export { resolveRef as resolveSpecRef };
