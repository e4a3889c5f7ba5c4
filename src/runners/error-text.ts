import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Most of a reason that a person reads in a table cell; the tail is kept, it says the most. */
const MAX_REASON = 300;

/** `Error: boom at bench/x.mjs:3:9`: the first line of the message and where it was thrown. */
export function describeError(error: unknown, cwd = process.cwd()): string {
  if (!(error instanceof Error)) return firstLine(String(error)) || 'a non-Error value was thrown';
  const message = firstLine(error.message);
  const head = message ? `${error.name}: ${message}` : error.name;
  const where = firstUserFrame(error.stack ?? '', cwd);
  return where ? `${head} at ${where}` : head;
}

/**
 * One line from a dead child's stderr: Node's "Error: ... at file:line" when there is one (the
 * last lines of an uncaught error are stack frames and "Node.js v20"), else the last lines.
 */
export function summarizeStderr(stderr: string, cwd = process.cwd()): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '' && !/^Node\.js v\d/.test(line));
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (/^(?:Uncaught )?[\w$.]*(?:Error|Exception)\b.*?:/.test(line)) {
      const where = firstUserFrame(lines.slice(i + 1).join('\n'), cwd);
      return clip(where ? `${line.trim()} at ${where}` : line.trim());
    }
  }
  return clip(lines.slice(-3).map((line) => line.trim()).join(' | '));
}

function firstLine(text: string): string {
  return (text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '').trim();
}

function clip(text: string): string {
  return text.length <= MAX_REASON ? text : `…${text.slice(text.length - MAX_REASON + 1)}`;
}

/** The first stack frame in the user's own code: not Node's internals, not node_modules. */
function firstUserFrame(stack: string, cwd: string): string | undefined {
  for (const line of stack.split('\n')) {
    const frame = /^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/.exec(line);
    if (!frame) continue;
    const [, location = '', row, column] = frame;
    if (location.startsWith('node:') || location.includes('node_modules') || location.startsWith('<')) continue;
    const file = location.startsWith('file:') ? safeFilePath(location) : location;
    if (!file || !path.isAbsolute(file)) continue;
    const relative = path.relative(cwd, file);
    const shown = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
    return `${shown.split(path.sep).join('/')}:${row}:${column}`;
  }
  return undefined;
}

function safeFilePath(url: string): string | undefined {
  try {
    return fileURLToPath(url);
  } catch {
    return undefined;
  }
}
