import { once } from 'node:events';
import { crc32, createDeflateRaw } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readBaselineZip, type ZipLimits } from '../../src/github/zip-reader.js';

const LIMITS: ZipLimits = { maxEntries: 20, maxTotalBytes: 1024 * 1024, allowed: ['results.json', 'history.json', 'meta.json'] };
const text = (value: string): Uint8Array => strToU8(value);

/**
 * A zip of `megabytes` MB of zeros with honest headers, deflated natively chunk by chunk, so that
 * building it is quick and the test itself never holds the inflated size.
 */
async function zipBomb(megabytes: number): Promise<Uint8Array> {
  const zeros = Buffer.alloc(1024 * 1024);
  const deflate = createDeflateRaw({ level: 9 });
  const compressed: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => compressed.push(chunk));
  let crc = 0;
  for (let i = 0; i < megabytes; i += 1) {
    crc = crc32(zeros, crc);
    if (!deflate.write(zeros)) await once(deflate, 'drain');
  }
  deflate.end();
  await once(deflate, 'end');
  const data = Buffer.concat(compressed);
  const name = Buffer.from('results.json');
  const size = megabytes * 1024 * 1024;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(local.length + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

/** Rewrites the declared uncompressed size of every entry (local and central headers). */
function understateSizes(zip: Uint8Array, declared: number): Uint8Array {
  const bytes = Buffer.from(zip);
  for (let i = 0; i + 4 <= bytes.length; i += 1) {
    const signature = bytes.readUInt32LE(i);
    if (signature === 0x04034b50) bytes.writeUInt32LE(declared, i + 22);
    if (signature === 0x02014b50) bytes.writeUInt32LE(declared, i + 24);
  }
  return bytes;
}

describe('readBaselineZip', () => {
  it('returns the allowed files as text and ignores directories', async () => {
    const zip = zipSync({ 'results.json': text('{"a":"é"}'), 'history.json': text('[]'), 'docs/': {} as never });
    const files = await readBaselineZip(zip, LIMITS);
    expect([...files.entries()]).toEqual([
      ['results.json', '{"a":"é"}'],
      ['history.json', '[]'],
    ]);
  });

  it('reads an empty zip as no files', async () => {
    expect((await readBaselineZip(zipSync({}), LIMITS)).size).toBe(0);
  });

  it.each([
    ['../evil', 'zip entry "../evil" escapes the folder'],
    ['a/../../results.json', 'zip entry "a/../../results.json" escapes the folder'],
    ['/etc/passwd', 'zip entry "/etc/passwd" is an absolute path'],
    ['C:/results.json', 'zip entry "C:/results.json" starts with a drive letter'],
    ['dir\\results.json', 'zip entry "dir\\\\results.json" contains a backslash'],
    ['notes.txt', 'zip entry "notes.txt" is not expected (allowed: results.json, history.json, meta.json)'],
    ['sub/results.json', 'zip entry "sub/results.json" is not expected (allowed: results.json, history.json, meta.json)'],
  ])('rejects the entry name %s', async (name, message) => {
    const zip = zipSync({ 'results.json': text('{}'), [name]: text('x') });
    await expect(readBaselineZip(zip, LIMITS)).rejects.toThrow(message);
  });

  it('rejects more entries than allowed before reading any', async () => {
    const entries = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`d${i}/`, {}]));
    await expect(readBaselineZip(zipSync(entries), LIMITS)).rejects.toThrow('zip has 21 entries, more than the 20 allowed');
  });

  it('stops a zip bomb as soon as the inflated bytes pass the limit, without holding them', async () => {
    const bomb = await zipBomb(200);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const started = performance.now();
    await expect(readBaselineZip(bomb, LIMITS)).rejects.toThrow('zip inflates past the 1048576-byte limit (stopped inside "results.json")');
    // Stopping at the limit takes ~20 ms here; inflating and decoding all 200 MB takes over a second.
    expect(performance.now() - started).toBeLessThan(400);
  });

  it('counts bytes across entries, not per entry', async () => {
    const half = new Uint8Array(600 * 1024).fill(32);
    await expect(readBaselineZip(zipSync({ 'results.json': half, 'history.json': half }), LIMITS)).rejects.toThrow('stopped inside "history.json"');
  });

  it('does not trust a header that understates the size', async () => {
    const zip = understateSizes(zipSync({ 'results.json': new Uint8Array(100_000) }), 10);
    await expect(readBaselineZip(zip, LIMITS)).rejects.toThrow(/^zip entry "results.json" is corrupt: too many bytes/);
  });

  it('rejects a file named twice', async () => {
    // Same-length names keep every offset valid after the rename.
    const dup = zipSync({ 'results.json': text('{"one":1}'), 'xesults.json': text('{"two":2}') });
    const patched = Buffer.from(Buffer.from(dup).toString('latin1').replaceAll('xesults.json', 'results.json'), 'latin1');
    await expect(readBaselineZip(patched, LIMITS)).rejects.toThrow('zip entry "results.json" appears twice');
  });

  it('rejects text that is not UTF-8', async () => {
    await expect(readBaselineZip(zipSync({ 'results.json': new Uint8Array([0x7b, 0xff, 0x7d]) }), LIMITS)).rejects.toThrow('zip entry "results.json" is not UTF-8 text');
  });

  it.each([
    ['no bytes', new Uint8Array(0)],
    ['text', text('PK\u0003\u0004 this is not a zip')],
    ['a truncated zip', zipSync({ 'results.json': text('{}') }).subarray(0, 40)],
  ])('rejects %s as not a valid zip', async (_label, bytes) => {
    await expect(readBaselineZip(bytes, LIMITS)).rejects.toThrow(/^not a valid zip: /);
  });
});
