/**
 * A YAML configuration file kept together with its syntax tree, so that problems found later (by
 * the schema, or by checks against the file system) can be reported at a line and column.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { ConfigError, formatPath, type ConfigIssue, type ConfigPath } from './config-error.js';

export interface Location {
  line: number;
  column: number;
}

export interface YamlSource {
  /** The file as shown in messages. */
  file: string;
  /** The plain data of the document. */
  data: unknown;
  /**
   * Where `path` is in the file: its value, or with `key` its key. A path that does not exist
   * (a missing key) is reported at the nearest enclosing node that does.
   */
  locate(path: ConfigPath, options?: { key?: boolean }): Location;
  /** A ConfigIssue at `path`. */
  issueAt(path: ConfigPath, detail: string, options?: { key?: boolean }): ConfigIssue;
}

/** Parses YAML text; syntax errors (including duplicate keys) become a ConfigError. */
export function parseYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  // prettyErrors would append a multi-line code frame; messages must stay on one line.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Location => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  if (doc.errors.length > 0) {
    const issues = doc.errors.map((error): ConfigIssue => {
      const { line, column } = at(error.pos[0]);
      if (error.code === 'DUPLICATE_KEY') {
        const path = findKeyPath(doc, error.pos[0]);
        return { file, line, column, path: path && formatPath(path), detail: 'duplicate key; a key may appear only once in a mapping' };
      }
      return { file, line, column, path: null, detail: `invalid YAML: ${yamlMessage(error.code, error.message)}` };
    });
    throw new ConfigError(issues[0]!, issues.slice(1));
  }

  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // Too many alias expansions (a "billion laughs" file) and the like.
    throw new ConfigError({ file, line: 1, column: 1, path: null, detail: `invalid YAML: ${(error as Error).message}` });
  }

  const locate = (path: ConfigPath, options: { key?: boolean } = {}): Location => {
    let node: unknown = doc.contents;
    let found: Node | null = isNode(node) ? node : null;
    for (let i = 0; i < path.length && node; i++) {
      const segment = path[i]!;
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) break;
        const value = pair.value;
        const last = i === path.length - 1;
        // An empty value (`suites:` and nothing after) has no text to point at; the key has.
        const useKey = (last && options.key) || value === null || (isScalar(value) && value.source === '');
        found = useKey ? (pair.key as Node) : (value as Node);
        node = useKey && !last ? null : value;
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
        node = node.items[segment];
        if (isNode(node)) found = node;
      } else {
        break;
      }
    }
    return found?.range ? at(found.range[0]) : { line: 1, column: 1 };
  };

  return {
    file,
    data,
    locate,
    issueAt: (path, detail, options) => ({ file, ...locate(path, options), path: formatPath(path), detail }),
  };
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}

/** The path of the key that starts at `offset`, for duplicate-key errors. */
function findKeyPath(doc: Document, offset: number): ConfigPath | null {
  const walk = (node: unknown, path: (string | number)[]): ConfigPath | null => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '?';
        if (isNode(pair.key) && pair.key.range?.[0] === offset) return [...path, key];
        const inner = walk(pair.value, [...path, key]);
        if (inner) return inner;
      }
    } else if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) {
        const inner = walk(node.items[i], [...path, i]);
        if (inner) return inner;
      }
    }
    return null;
  };
  return walk(doc.contents, []);
}

/** The yaml package's messages, with advice where the usual cause is known. */
function yamlMessage(code: string, message: string): string {
  if (code === 'TAB_AS_INDENT') return 'tabs are not allowed for indentation; indent with spaces';
  if (code === 'MULTIPLE_DOCS') return 'more than one document (---) in the file; perfgate reads one';
  return message.charAt(0).toLowerCase() + message.slice(1);
}
