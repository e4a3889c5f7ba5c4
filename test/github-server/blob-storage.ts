/**
 * Stand-in for the Azure blob storage behind artifacts: SAS-style signed URLs for uploads
 * (what `CreateArtifact` hands out and @azure/storage-blob's BlockBlobClient writes to) and
 * for downloads (where the REST `.../artifacts/{id}/zip` 302 points).
 *
 * Like the real storage, it wants no GitHub token: a request carrying an Authorization header is
 * refused. Download URLs are one-shot and live one minute, so a client that caches or replays
 * them is caught.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Reply } from './http-util.js';
import { randomToken } from './http-util.js';
import type { UploadContext } from './state.js';

export interface UploadSlot {
  name: string;
  runBackendId: string;
  jobBackendId: string;
  context: UploadContext;
  expiresAt?: string;
  path: string;
  sig: string;
  blocks: Map<string, Buffer>;
  committed?: Buffer;
  finalized: boolean;
}

interface DownloadTicket {
  path: string;
  artifactId: number;
  expiresAtMs: number;
  used: boolean;
}

const SAS_VERSION = '2025-01-05';

function azureError(status: number, code: string, message: string): Reply {
  const requestId = randomUUID();
  return {
    status,
    raw:
      `\uFEFF<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code>` +
      `<Message>${message}\nRequestId:${requestId}\nTime:${new Date().toISOString()}</Message></Error>`,
    headers: { 'content-type': 'application/xml', 'x-ms-error-code': code, 'x-ms-request-id': requestId },
  };
}

const authFailed = (why: string): Reply =>
  azureError(403, 'AuthenticationFailed', `Server failed to authenticate the request. ${why}`);

function etag(bytes: Uint8Array): string {
  return `"0x8DC${createHash('md5').update(bytes).digest('hex').slice(0, 12).toUpperCase()}"`;
}

/** Headers Azure sends on every successful write; the SDK maps them into its response object. */
function writeHeaders(requestVersion: string | undefined, extra: Record<string, string>): Record<string, string> {
  return {
    'x-ms-request-id': randomUUID(),
    'x-ms-version': requestVersion ?? SAS_VERSION,
    'x-ms-request-server-encrypted': 'true',
    date: new Date().toUTCString(),
    ...extra,
  };
}

export class BlobStore {
  /** origin of the results/blob listener, set once it listens */
  origin = 'http://127.0.0.1';
  readonly uploads = new Map<string, UploadSlot>(); // by sig
  private readonly downloads = new Map<string, DownloadTicket>(); // by sig
  private readonly payloads = new Map<number, () => Uint8Array | undefined>();

  private signed(path: string, permissions: string, lifetimeMs: number): { url: string; sig: string } {
    const sig = randomToken(43) + '=';
    const params = new URLSearchParams({
      sv: SAS_VERSION,
      se: new Date(Date.now() + lifetimeMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      sr: 'b',
      sp: permissions,
      sig,
    });
    return { url: `${this.origin}${path}?${params.toString()}`, sig };
  }

  newUpload(slot: Omit<UploadSlot, 'path' | 'sig' | 'blocks' | 'finalized'>): UploadSlot {
    const path = `/blob/actions-results/${slot.runBackendId}/workflow-job-run-${slot.jobBackendId}/artifacts/${randomUUID()}.zip`;
    const sig = randomToken(43) + '=';
    const full: UploadSlot = { ...slot, path, sig, blocks: new Map(), finalized: false };
    this.uploads.set(sig, full);
    return full;
  }

  uploadUrl(slot: UploadSlot): string {
    const se = new Date(Date.now() + 6 * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const params = new URLSearchParams({ sv: SAS_VERSION, se, sr: 'b', sp: 'cw', sig: slot.sig });
    return `${this.origin}${slot.path}?${params.toString()}`;
  }

  /** A one-minute, one-shot URL serving `bytes()` (looked up at fetch time, so deletes count). */
  downloadUrl(artifactId: number, bytes: () => Uint8Array | undefined): string {
    const path = `/blob/actions-results/downloads/${artifactId}.zip`;
    const { url, sig } = this.signed(path, 'r', 60_000);
    this.downloads.set(sig, { path, artifactId, expiresAtMs: Date.now() + 60_000, used: false });
    this.payloads.set(artifactId, bytes);
    return url;
  }

  handle(method: string, pathname: string, query: Record<string, string>, headers: Record<string, string | string[] | undefined>, body: Buffer): Reply {
    if (headers['authorization'] !== undefined) {
      // Azure refuses a second credential next to the SAS; fetch() drops Authorization on a
      // cross-origin redirect, so only a client that re-sends the token by hand lands here.
      return azureError(401, 'InvalidAuthenticationInfo', 'Authentication information is not given in the correct format. Check the value of Authorization header.');
    }
    const sig = query['sig'];
    if (!sig) return azureError(404, 'ResourceNotFound', 'The specified resource does not exist.');
    const ticket = this.downloads.get(sig);
    if (ticket) return this.serveDownload(method, pathname, ticket);
    const slot = this.uploads.get(sig);
    if (!slot || slot.path !== pathname) return authFailed('Signature did not match.');
    if (slot.finalized) return authFailed('Signed expiry time has passed.');
    if (method !== 'PUT') return azureError(405, 'UnsupportedHttpVerb', `The resource doesn't support specified Http Verb.`);
    const version = typeof headers['x-ms-version'] === 'string' ? headers['x-ms-version'] : undefined;
    const comp = query['comp'];
    if (comp === 'block') {
      const id = query['blockid'];
      if (!id || !/^[A-Za-z0-9+/]+={0,2}$/.test(id) || Buffer.from(id, 'base64').length > 64) {
        return azureError(400, 'InvalidQueryParameterValue', 'Value for one of the query parameters specified in the request URI is invalid.');
      }
      const sameLength = [...slot.blocks.keys()].every((k) => k.length === id.length);
      if (!sameLength) return azureError(400, 'InvalidBlobOrBlock', 'The specified blob or block content is invalid.');
      slot.blocks.set(id, body);
      return { status: 201, raw: '', headers: writeHeaders(version, { 'content-md5': createHash('md5').update(body).digest('base64') }) };
    }
    if (comp === 'blocklist') {
      const ids = [...body.toString('utf8').matchAll(/<(Latest|Uncommitted|Committed)>([^<]*)<\/\1>/g)].map((m) => m[2]!);
      const parts: Buffer[] = [];
      for (const id of ids) {
        const block = slot.blocks.get(id);
        if (!block) return azureError(400, 'InvalidBlockList', 'The specified block list is invalid.');
        parts.push(block);
      }
      slot.committed = Buffer.concat(parts);
      return { status: 201, raw: '', headers: writeHeaders(version, { etag: etag(slot.committed), 'last-modified': new Date().toUTCString() }) };
    }
    if (comp !== undefined) return azureError(400, 'InvalidQueryParameterValue', `comp=${comp} is not supported here.`);
    // a single-shot Put Blob
    if (headers['x-ms-blob-type'] !== 'BlockBlob') {
      return azureError(400, 'MissingRequiredHeader', 'An HTTP header that\'s mandatory for this request is not specified. (x-ms-blob-type)');
    }
    slot.committed = body;
    return {
      status: 201,
      raw: '',
      headers: writeHeaders(version, {
        etag: etag(body),
        'last-modified': new Date().toUTCString(),
        'content-md5': createHash('md5').update(body).digest('base64'),
      }),
    };
  }

  private serveDownload(method: string, pathname: string, ticket: DownloadTicket): Reply {
    if (ticket.path !== pathname) return authFailed('Signature did not match.');
    if (method !== 'GET') return azureError(405, 'UnsupportedHttpVerb', `The resource doesn't support specified Http Verb.`);
    if (Date.now() > ticket.expiresAtMs) return authFailed('Signed expiry time has passed.');
    if (ticket.used) return authFailed('This test server hands out one-shot download URLs; ask the REST API for a new one.');
    ticket.used = true;
    const bytes = this.payloads.get(ticket.artifactId)?.();
    if (!bytes) return azureError(404, 'BlobNotFound', 'The specified blob does not exist.');
    return {
      status: 200,
      raw: bytes,
      headers: {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename=${ticket.artifactId}.zip`,
        etag: etag(bytes),
        'last-modified': new Date().toUTCString(),
        'accept-ranges': 'bytes',
        'x-ms-blob-type': 'BlockBlob',
        'x-ms-version': SAS_VERSION,
        'x-ms-request-id': randomUUID(),
        'x-ms-server-encrypted': 'true',
      },
    };
  }
}
