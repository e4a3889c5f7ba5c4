/**
 * The HTTP front: logs every request, fires injected faults, then hands REST requests through
 * token check, description validation and the route table, and results-listener requests to the
 * Twirp service or the blob stand-in.
 *
 * Two listeners share this code: the REST API (GITHUB_API_URL) and the results service + blob
 * storage (ACTIONS_RESULTS_URL). They are separate origins on purpose: fetch() drops the
 * Authorization header on a cross-origin redirect, so an action that lets Octokit follow the
 * artifact download 302 works here exactly as on github.com, where the blob host differs.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BlobStore } from './blob-storage.js';
import { Faults, faultReply } from './faults.js';
import { githubError } from './http-util.js';
import type { Reply, RestRoutes } from './http-util.js';
import { validateRequest, validateResponse } from './openapi-validator.js';
import { TWIRP_PREFIX, handleTwirp } from './results-service.js';
import type { RuntimeIdentity } from './results-service.js';
import type { State } from './state.js';

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** 0 when a 'reset' fault dropped the connection */
  status: number;
  service: 'rest' | 'results' | 'blob';
}

export interface RouterDeps {
  state: State;
  blobs: BlobStore;
  faults: Faults;
  routes: RestRoutes;
  token: string;
  runtime: RuntimeIdentity;
  /** Runtime tokens of other jobs, each uploading into its own workflow run. */
  otherRuntimes: RuntimeIdentity[];
  requests: LoggedRequest[];
  validationErrors: string[];
  responseErrors: string[];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJson(buf: Buffer): { value: unknown; ok: boolean } {
  if (buf.length === 0) return { value: undefined, ok: false };
  const text = buf.toString('utf8');
  try {
    return { value: JSON.parse(text), ok: true };
  } catch {
    return { value: text, ok: false };
  }
}

let remaining = 5000;

/** Headers github.com puts on every API answer; clients (and plugin-throttling) read some. */
function githubHeaders(): Record<string, string> {
  remaining = remaining > 1 ? remaining - 1 : 4999;
  return {
    'x-github-api-version-selected': '2022-11-28',
    'x-github-media-type': 'github.v3; format=json',
    'x-github-request-id': randomUUID().toUpperCase().slice(0, 23),
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    'x-ratelimit-used': String(5000 - remaining),
    'x-ratelimit-resource': 'core',
  };
}

function send(res: ServerResponse, reply: Reply, base: Record<string, string>): void {
  const headers: Record<string, string> = { ...base, ...(reply.headers ?? {}) };
  let payload: Uint8Array | string = '';
  if (reply.raw !== undefined) {
    payload = reply.raw;
  } else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

export function createHandler(service: 'rest' | 'results', deps: RouterDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const pathname = url.pathname;
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const raw = await readBody(req);
    const kind: LoggedRequest['service'] = service === 'rest' ? 'rest' : pathname.startsWith('/blob/') ? 'blob' : 'results';
    const parsed = kind === 'blob' ? { value: raw.length > 0 ? `<${raw.length} bytes>` : undefined, ok: false } : parseJson(raw);
    const entry: LoggedRequest = { method, path: pathname, query, body: parsed.value, status: 0, service: kind };
    deps.requests.push(entry);

    const fault = deps.faults.take(method, pathname);
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'slow') await sleep(fault.delayMs ?? 1500);
    if (fault?.kind === 'hold') await fault.until;
    const faulted = fault ? faultReply(fault.kind) : undefined;

    let reply: Reply;
    let base: Record<string, string> = {};
    try {
      if (faulted) {
        reply = faulted;
        if (kind === 'rest') base = githubHeaders();
      } else if (kind === 'rest') {
        base = githubHeaders();
        reply = handleRest(method, pathname, query, req, parsed, deps);
      } else if (kind === 'blob') {
        reply = deps.blobs.handle(method, pathname, query, req.headers, raw);
      } else if (method === 'POST' && pathname.startsWith(TWIRP_PREFIX)) {
        const who = deps.otherRuntimes.find((r) => req.headers['authorization'] === `Bearer ${r.token}`) ?? deps.runtime;
        reply = handleTwirp(pathname.slice(TWIRP_PREFIX.length), req.headers, raw.toString('utf8'), deps.state, deps.blobs, who);
      } else {
        reply = { status: 404, body: { code: 'bad_route', msg: `no handler for ${method} ${pathname}` } };
      }
    } catch (err) {
      // a bug in the stand-in, not in the action: make it loud
      deps.responseErrors.push(`${method} ${pathname}: handler threw ${(err as Error).stack ?? String(err)}`);
      reply = githubError(500, 'test server error');
    }
    entry.status = reply.status;
    send(res, reply, base);
  };
}

function handleRest(
  method: string,
  pathname: string,
  query: Record<string, string>,
  req: IncomingMessage,
  parsed: { value: unknown; ok: boolean },
  deps: RouterDeps,
): Reply {
  const { state } = deps;
  const reject = (reply: Reply, why: string[]): Reply => {
    deps.validationErrors.push(...why);
    return reply;
  };
  // A missing or wrong token, the wrong repository or /user with an installation token are not
  // description mismatches, but github.com refuses them all: they are recorded too.
  const auth = /^(?:token|bearer)\s+(\S+)$/i.exec(String(req.headers['authorization'] ?? ''));
  if (!auth) return reject(githubError(401, 'Requires authentication'), [`${method} ${pathname}: no token (Authorization: token X)`]);
  if (auth[1] !== deps.token) return reject(githubError(401, 'Bad credentials'), [`${method} ${pathname}: a token other than the GITHUB_TOKEN`]);
  if (!req.headers['user-agent']) {
    return reject(githubError(403, 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header.'), [
      `${method} ${pathname}: no User-Agent header (github.com refuses these)`,
    ]);
  }

  // Pagination links use /repositories/{id}/...: answer them as the /repos/{owner}/{repo} form.
  let path = pathname;
  const byId = /^\/repositories\/(\d+)(\/.*)?$/.exec(pathname);
  if (byId) {
    if (Number(byId[1]) !== state.repositoryId) {
      return reject(githubError(404, 'Not Found'), [`${method} ${pathname}: repository id ${byId[1]} is not ${state.repositoryId}`]);
    }
    path = `/repos/${state.owner}/${state.repo}${byId[2] ?? ''}`;
  }

  const verdict = validateRequest({ method, path, query, body: parsed.value, bodyIsJson: parsed.ok });
  if (verdict.status === 404) return reject(githubError(404, 'Not Found'), verdict.errors);
  if (verdict.status === 400) return reject(githubError(400, 'Problems parsing JSON'), verdict.errors);
  if (verdict.status === 422) {
    const reasons = verdict.errors.map((e) => e.replace(/^[A-Z]+ \S+: /, ''));
    return reject(githubError(422, `Invalid request.\n\n${reasons.join('\n')}`), verdict.errors);
  }
  const op = verdict.operation!;
  const { owner, repo } = verdict.pathParams;
  if (owner !== undefined && (owner.toLowerCase() !== state.owner.toLowerCase() || repo?.toLowerCase() !== state.repo.toLowerCase())) {
    return reject(githubError(404, 'Not Found'), [`${method} ${pathname}: not the repository under test (${state.owner}/${state.repo})`]);
  }
  const handler = deps.routes[`${method} ${op.template}`];
  if (!handler) {
    return reject(githubError(501, `The test server does not implement ${method} ${op.template}`), [
      `${method} ${op.template}: valid for GitHub, but not implemented by the test server`,
    ]);
  }
  const reply = handler({ method, path, query, body: parsed.value, pathParams: verdict.pathParams, state, blobs: deps.blobs });
  if (reply.rejected) deps.validationErrors.push(`${method} ${pathname}: ${reply.rejected}`);

  // The stand-in must never answer with a shape github.com would not send.
  const problems = validateResponse(method, path, reply.status, reply.body);
  const undeclaredError = reply.status >= 400 && problems.length === 1 && problems[0]!.includes('is not declared');
  if (!undeclaredError) deps.responseErrors.push(...problems);
  return reply;
}
