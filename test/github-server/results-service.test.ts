import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGitHub } from './index.js';
import type { TestGitHub } from './index.js';

let gh: TestGitHub;
let ids: { workflow_run_backend_id: string; workflow_job_run_backend_id: string };

beforeAll(async () => {
  gh = await startTestGitHub();
  const scp = (JSON.parse(Buffer.from(gh.runtimeToken.split('.')[1]!, 'base64url').toString()) as { scp: string }).scp;
  const [, run, job] = /Actions\.Results:([^:]+):(\S+)/.exec(scp)!;
  ids = { workflow_run_backend_id: run!, workflow_job_run_backend_id: job! };
});

afterAll(async () => {
  await gh.close();
});

function twirp(method: string, body: unknown, token: string | null = gh.runtimeToken): Promise<Response> {
  return fetch(new URL(`/twirp/github.actions.results.api.v1.ArtifactService/${method}`, gh.resultsUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

describe('results service and blob stand-in, refusing what the real ones refuse', () => {
  it('wants the runtime token and the backend ids it names', async () => {
    expect((await twirp('ListArtifacts', ids, null)).status).toBe(401);
    expect((await twirp('ListArtifacts', { ...ids, workflow_run_backend_id: 'someone-else' })).status).toBe(403);
    const unknownField = await twirp('ListArtifacts', { ...ids, workflowRunBackendId: 'camelCase' });
    expect(unknownField.status).toBe(400);
    expect(await unknownField.json()).toMatchObject({ code: 'malformed' });
  });

  it('takes a single-shot Put Blob, checks size and hash at finalize', async () => {
    const create = await twirp('CreateArtifact', { ...ids, name: 'single', version: 7 });
    const { signed_upload_url: url } = (await create.json()) as { signed_upload_url: string };
    expect(new URL(url).searchParams.get('sig')).toBeTruthy();
    const bytes = new TextEncoder().encode('not really a zip');
    expect((await fetch(url, { method: 'PUT', body: bytes })).status).toBe(400); // no x-ms-blob-type
    expect((await fetch(url, { method: 'PUT', body: bytes, headers: { 'x-ms-blob-type': 'BlockBlob', authorization: 'token x' } })).status).toBe(401);
    const put = await fetch(url, { method: 'PUT', body: bytes, headers: { 'x-ms-blob-type': 'BlockBlob' } });
    expect(put.status).toBe(201);
    expect(put.headers.get('etag')).toBeTruthy();
    const tampered = new URL(url);
    tampered.searchParams.set('sig', 'forged=');
    expect((await fetch(tampered, { method: 'PUT', body: bytes, headers: { 'x-ms-blob-type': 'BlockBlob' } })).status).toBe(403);

    expect((await twirp('FinalizeArtifact', { ...ids, name: 'single', size: '3' })).status).toBe(400);
    expect((await twirp('FinalizeArtifact', { ...ids, name: 'single', size: String(bytes.length), hash: 'sha256:00' })).status).toBe(400);
    const done = await twirp('FinalizeArtifact', { ...ids, name: 'single', size: String(bytes.length) });
    expect(done.status).toBe(200);
    const { artifact_id: id } = (await done.json()) as { ok: boolean; artifact_id: string };
    expect(gh.artifacts().find((a) => String(a.id) === id)).toMatchObject({ name: 'single', runId: gh.runId, sizeInBytes: bytes.length });
    // the upload URL is spent once the artifact is finalized
    expect((await fetch(url, { method: 'PUT', body: bytes, headers: { 'x-ms-blob-type': 'BlockBlob' } })).status).toBe(403);

    const dup = await twirp('CreateArtifact', { ...ids, name: 'single', version: 7 });
    expect(dup.status).toBe(409);
    expect(await dup.json()).toMatchObject({ code: 'already_exists' });
    const signed = await twirp('GetSignedArtifactURL', { ...ids, name: 'single' });
    const { signed_url: dl } = (await signed.json()) as { signed_url: string };
    expect(await (await fetch(dl)).text()).toBe('not really a zip');
  });

  it('refuses a commit that names a block never staged', async () => {
    const create = await twirp('CreateArtifact', { ...ids, name: 'blocks', version: 7 });
    const { signed_upload_url: url } = (await create.json()) as { signed_upload_url: string };
    const blockId = Buffer.from('block-0').toString('base64');
    const stage = await fetch(`${url}&comp=block&blockid=${encodeURIComponent(blockId)}`, { method: 'PUT', body: 'abc' });
    expect(stage.status).toBe(201);
    const list = (id: string): string => `<?xml version="1.0" encoding="utf-8"?><BlockList><Latest>${id}</Latest></BlockList>`;
    expect((await fetch(`${url}&comp=blocklist`, { method: 'PUT', body: list(Buffer.from('block-9').toString('base64')) })).status).toBe(400);
    expect((await fetch(`${url}&comp=blocklist`, { method: 'PUT', body: list(blockId) })).status).toBe(201);
    expect((await twirp('FinalizeArtifact', { ...ids, name: 'blocks', size: '3' })).status).toBe(200);
  });
});
