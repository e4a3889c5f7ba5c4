/** Shared reply shapes and helpers for the test server's routes. */
import type { BlobStore } from './blob-storage.js';
import type { State } from './state.js';

export interface Reply {
  status: number;
  /** JSON body; omitted for 204/302 */
  body?: unknown;
  /** a non-JSON body (zip bytes, Azure XML) */
  raw?: Uint8Array | string;
  headers?: Record<string, string>;
  /** set when the request is one real GitHub refuses (e.g. a comment over 65536 characters) */
  rejected?: string;
}

const DOCS = 'https://docs.github.com/rest';

/** GitHub's error body: `{message, documentation_url, status}` (status is a string on github.com). */
export function githubError(status: number, message: string, extra: Record<string, unknown> = {}): Reply {
  return { status, body: { message, documentation_url: DOCS, status: String(status), ...extra } };
}

export const notFound = (): Reply => githubError(404, 'Not Found');

/** GitHub's 422 for a field-level failure (`Validation Failed` + errors[]). */
export function validationFailed(resource: string, field: string, message: string): Reply {
  return githubError(422, 'Validation Failed', { errors: [{ resource, code: 'custom', field, message }] });
}

/** Timestamps the way GitHub writes them: second precision, `Z`. */
export function isoNow(offsetMs = 0): string {
  return new Date(Date.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface Page<T> {
  items: T[];
  link?: string;
}

/**
 * GitHub-style pagination: `per_page` (default 30, clamped to 100) and `page` (from 1), with a
 * `Link` header whose URLs use `linkBase` (GitHub points them at `/repositories/{id}/...`).
 */
export function paginate<T>(all: T[], query: Record<string, string>, linkBase: string): Page<T> {
  const requested = Number(query['per_page'] ?? 30);
  const perPage = requested >= 1 ? Math.min(100, Math.floor(requested)) : 30;
  const page = Math.max(1, Math.floor(Number(query['page'] ?? 1)) || 1);
  const items = all.slice((page - 1) * perPage, page * perPage);
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const url = (p: number): string => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (k !== 'page') params.set(k, v);
    params.set('page', String(p));
    return `<${linkBase}?${params.toString()}>; rel=`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`${url(Math.min(page - 1, last))}"prev"`);
  if (page < last) rels.push(`${url(page + 1)}"next"`, `${url(last)}"last"`);
  if (page > 1) rels.push(`${url(1)}"first"`);
  return rels.length > 0 ? { items, link: rels.join(', ') } : { items };
}

export function linkHeader(page: Page<unknown>): Record<string, string> {
  return page.link ? { link: page.link } : {};
}

export function randomToken(length: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}

/** `node_id`s look like `IC_kwDO` + base64: opaque to clients, but realistic in logs. */
export function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(String(id)).toString('base64').replace(/=+$/, '')}`;
}

/** What a REST route handler gets: the request in its canonical `/repos/{owner}/{repo}` form. */
export interface RestCtx {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  pathParams: Record<string, string>;
  state: State;
  blobs: BlobStore;
}

/** Keyed by `METHOD /template` exactly as the REST API description spells the path. */
export type RestRoutes = Record<string, (ctx: RestCtx) => Reply>;
