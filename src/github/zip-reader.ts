import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';

export interface ZipLimits {
  /** Entries in the central directory, directories included. */
  maxEntries: number;
  /** Inflated bytes of all files together, counted while inflating. */
  maxTotalBytes: number;
  /** The only file names accepted (exact, at the top level). */
  allowed: readonly string[];
}

/** Why a name may not be used, or null; checked before anything is inflated. */
function unsafeName(name: string): string | null {
  if (name.startsWith('/')) return 'is an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'starts with a drive letter';
  if (name.includes('\\')) return 'contains a backslash';
  if (name.split('/').includes('..')) return 'escapes the folder';
  if (/[\u0000-\u001f]/.test(name)) return 'contains a control character';
  return null;
}

function quote(name: string): string {
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 77)}...` : name);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads the few small text files of a baseline artifact from an untrusted zip, in memory.
 * The zip comes from another workflow run (possibly one a fork could influence), so every entry
 * is checked before use, and inflation is counted chunk by chunk: a header's declared size is
 * never trusted, and a zip bomb is abandoned as soon as the budget is passed.
 */
export function readBaselineZip(bytes: Uint8Array, limits: ZipLimits): Promise<Map<string, string>> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Promise((resolve, reject) => {
    const files = new Map<string, string>();
    let zip: ZipFile | undefined;
    let settled = false;
    let total = 0;
    const fail = (message: string): void => {
      if (settled) return;
      settled = true;
      zip?.close();
      reject(new Error(message));
    };

    const readFile = (entry: Entry, name: string): void => {
      zip!.openReadStream(entry, (openError, stream) => {
        if (openError) return fail(`zip entry ${quote(name)} cannot be read: ${openError.message}`);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > limits.maxTotalBytes) {
            stream.destroy();
            fail(`zip inflates past the ${limits.maxTotalBytes}-byte limit (stopped inside ${quote(name)})`);
            return;
          }
          chunks.push(chunk);
        });
        stream.on('error', (error: Error) => fail(`zip entry ${quote(name)} is corrupt: ${error.message}`));
        stream.on('end', () => {
          if (settled) return;
          try {
            files.set(name, utf8.decode(Buffer.concat(chunks)));
          } catch {
            return fail(`zip entry ${quote(name)} is not UTF-8 text`);
          }
          zip!.readEntry();
        });
      });
    };

    // decodeStrings off: yauzl would otherwise turn backslashes into slashes before we can see them.
    yauzl.fromBuffer(buffer, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (openError, opened) => {
      if (openError || !opened) return fail(`not a valid zip: ${openError?.message ?? 'unreadable'}`);
      zip = opened;
      if (zip.entryCount > limits.maxEntries) {
        return fail(`zip has ${zip.entryCount} entries, more than the ${limits.maxEntries} allowed`);
      }
      zip.on('error', (error: Error) => fail(`not a valid zip: ${error.message}`));
      zip.on('end', () => {
        if (settled) return;
        settled = true;
        resolve(files);
      });
      zip.on('entry', (entry: Entry) => {
        if (settled) return;
        const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
        const problem = unsafeName(name);
        if (problem) return fail(`zip entry ${quote(name)} ${problem}`);
        if (name.endsWith('/')) return zip!.readEntry();
        if (!limits.allowed.includes(name)) {
          return fail(`zip entry ${quote(name)} is not expected (allowed: ${limits.allowed.join(', ')})`);
        }
        // Two entries of one name would let two readers see different files.
        if (files.has(name)) return fail(`zip entry ${quote(name)} appears twice`);
        readFile(entry, name);
      });
      zip.readEntry();
    });
  });
}
