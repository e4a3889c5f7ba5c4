import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkflowArtifact } from '../../src/github/artifact-selection.js';
import { REPO_ID } from './artifact-fixtures.js';

export interface LoggedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
}

/**
 * Just the artifact endpoints perfgate calls, on 127.0.0.1: the lists (paginated with Link headers
 * in GitHub's /repositories/{id} form), DELETE, the 302 to a storage URL, the storage URL itself
 * (which refuses any Authorization header, as a leaked token would be a bug) and 410 when expired.
 */
export class FakeArtifactApi {
  readonly requests: LoggedRequest[] = [];
  artifacts: WorkflowArtifact[] = [];
  readonly zips = new Map<number, Uint8Array>();
  readonly gone = new Set<number>();
  pageSize = 100;
  /** Answers every list request with this status (e.g. 403 without actions: read). */
  listStatus = 200;
  /** Answers DELETE of an artifact with this status (403 without actions: write). */
  deleteStatus = 204;
  /** Sends no content-length on the storage answer, so only counting can cap it. */
  chunked = false;
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push({ method: req.method ?? '', path: `${url.pathname}${url.search}`, authorization: req.headers.authorization });
    const list = /^\/(?:repos\/acme\/app|repositories\/42)\/actions\/artifacts$/.exec(url.pathname);
    const zip = /^\/repos\/acme\/app\/actions\/artifacts\/(\d+)\/zip$/.exec(url.pathname);
    const blob = /^\/storage\/(\d+)$/.exec(url.pathname);
    const runList = /^\/repos\/acme\/app\/actions\/runs\/(\d+)\/artifacts$/.exec(url.pathname);
    const one = /^\/repos\/acme\/app\/actions\/artifacts\/(\d+)$/.exec(url.pathname);
    if (list) return this.list(url, res);
    if (runList) return this.list(url, res, Number(runList[1]));
    if (one && req.method === 'DELETE') {
      if (this.deleteStatus !== 204) return this.json(res, this.deleteStatus, { message: 'Resource not accessible by integration' });
      this.artifacts = this.artifacts.filter((a) => a.id !== Number(one[1]));
      res.writeHead(204);
      return void res.end();
    }
    if (zip) {
      const id = Number(zip[1]);
      if (!req.headers.authorization) return this.json(res, 401, { message: 'Requires authentication' });
      if (this.gone.has(id)) return this.json(res, 410, { message: 'Artifact has expired', documentation_url: 'https://docs.github.com/rest' });
      if (!this.zips.has(id)) return this.json(res, 404, { message: 'Not Found' });
      res.writeHead(302, { location: `${this.url}/storage/${id}?sig=secret-signature` });
      return void res.end();
    }
    if (blob) {
      if (req.headers.authorization) return this.json(res, 403, { message: 'the GitHub token was sent to the storage host' });
      const bytes = this.zips.get(Number(blob[1]));
      if (!bytes) return this.json(res, 404, { message: 'BlobNotFound' });
      res.writeHead(200, { 'content-type': 'application/zip', ...(this.chunked ? {} : { 'content-length': String(bytes.length) }) });
      return void res.end(bytes);
    }
    this.json(res, 404, { message: `no route for ${req.method} ${url.pathname}` });
  }

  private list(url: URL, res: ServerResponse, runId?: number): void {
    if (this.listStatus !== 200) return this.json(res, this.listStatus, { message: 'Resource not accessible by integration' });
    const name = url.searchParams.get('name');
    const matching = this.artifacts.filter((a) => (name === null || a.name === name) && (runId === undefined || a.workflow_run?.id === runId));
    const page = Number(url.searchParams.get('page') ?? 1);
    const slice = matching.slice((page - 1) * this.pageSize, page * this.pageSize);
    const headers: Record<string, string> = {};
    if (page * this.pageSize < matching.length) {
      const next = new URL(`/repositories/${REPO_ID}/actions/artifacts`, this.url);
      url.searchParams.forEach((value, key) => next.searchParams.set(key, value));
      next.searchParams.set('page', String(page + 1));
      headers['link'] = `<${next.href}>; rel="next"`;
    }
    this.json(res, 200, { total_count: matching.length, artifacts: slice }, headers);
  }
}
