import { LineCounter, isCollection, parseDocument } from 'yaml';

export interface SourcePosition {
  line: number;
  column: number;
}

/** Line and column (1-based) of a character offset. */
export function positionOfOffset(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < Math.min(offset, text.length); i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Where the value at `path` starts in a YAML or JSON text (JSON is YAML), or where its nearest
 * existing parent starts when the value is missing. Only called on errors, so speed matters little.
 */
export function positionOfPath(text: string, path: readonly (string | number)[]): SourcePosition {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  let node: unknown = doc.contents;
  let offset = (doc.contents as { range?: [number, number] } | null)?.range?.[0] ?? 0;
  for (const key of path) {
    if (!isCollection(node)) break;
    const child = node.get(key, true) as { range?: [number, number] } | undefined;
    if (!child || !child.range) {
      // A missing key: point at the key itself when it exists with a null value, else the parent.
      break;
    }
    node = child;
    offset = child.range[0];
  }
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** Formats a path like the user would write it: suites[0].thresholds.latency. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(top level)' : out;
}
