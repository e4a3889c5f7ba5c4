import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGitHub } from './index.js';
import type { TestGitHub } from './index.js';
import { octokitFor, statusOf } from './octokit.js';

let gh: TestGitHub;
let octokit: ReturnType<typeof octokitFor>;
let owner: string;
let repo: string;

beforeAll(async () => {
  gh = await startTestGitHub();
  octokit = octokitFor(gh);
  ({ owner, repo } = gh);
});

afterAll(async () => {
  await gh.close();
});

const daysAgo = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

async function downloadZip(id: number): Promise<Response> {
  const res = await octokit.rest.actions.downloadArtifact({ owner, repo, artifact_id: id, archive_format: 'zip', request: { redirect: 'manual' } });
  expect(res.status).toBe(302);
  // the signed URL is fetched WITHOUT the token, as from Azure blob storage
  return fetch(res.headers.location!);
}

describe('artifacts over REST', () => {
  it('lists newest first with workflow_run, paginates with Link, filters by name', async () => {
    const a = gh.addArtifact({ name: 'baseline', files: { 'results.json': '{"a":1}' }, headBranch: 'main', headSha: '1'.repeat(40), createdAt: daysAgo(3) });
    const b = gh.addArtifact({ name: 'baseline', files: { 'results.json': '{"b":2}' }, headBranch: 'main', headSha: '2'.repeat(40), createdAt: daysAgo(2), fromFork: true });
    const c = gh.addArtifact({ name: 'other', files: { 'x.txt': 'x' }, headBranch: 'feature', headSha: '3'.repeat(40), createdAt: daysAgo(1) });
    const { data } = await octokit.rest.actions.listArtifactsForRepo({ owner, repo, name: 'baseline', per_page: 100 });
    expect(data.total_count).toBe(2);
    expect(data.artifacts.map((x) => x.id)).toEqual([b.id, a.id]);
    const [fork, own] = data.artifacts;
    expect(own!.workflow_run).toMatchObject({ repository_id: gh.repositoryId, head_repository_id: gh.repositoryId, head_branch: 'main', head_sha: '1'.repeat(40) });
    expect(fork!.workflow_run!.head_repository_id).not.toBe(fork!.workflow_run!.repository_id);
    expect(own!.expired).toBe(false);
    // retention is 90 days from creation: an old baseline expires by itself
    const stale = gh.addArtifact({ name: 'stale', files: { a: 'a' }, headBranch: 'main', headSha: '4'.repeat(40), createdAt: daysAgo(91) });
    expect((await octokit.rest.actions.getArtifact({ owner, repo, artifact_id: stale.id })).data.expired).toBe(true);
    await octokit.rest.actions.deleteArtifact({ owner, repo, artifact_id: stale.id });
    expect(own!.digest).toMatch(/^sha256:[0-9a-f]{64}$/);

    const page1 = await octokit.rest.actions.listArtifactsForRepo({ owner, repo, per_page: 1 });
    expect(page1.headers.link).toContain(`${gh.url}/repositories/${gh.repositoryId}/actions/artifacts?per_page=1&page=2>; rel="next"`);
    const all = await octokit.paginate(octokit.rest.actions.listArtifactsForRepo, { owner, repo, per_page: 1 });
    expect(all.map((x) => x.id)).toEqual([c.id, b.id, a.id]);

    const run = (await octokit.rest.actions.getArtifact({ owner, repo, artifact_id: a.id })).data.workflow_run!.id!;
    const perRun = await octokit.rest.actions.listWorkflowRunArtifacts({ owner, repo, run_id: run });
    expect(perRun.data.artifacts.map((x) => x.id)).toEqual([a.id]);
    expect(await statusOf(octokit.rest.actions.listWorkflowRunArtifacts({ owner, repo, run_id: 1 }))).toBe(404);
    expect(await statusOf(octokit.rest.actions.getArtifact({ owner, repo, artifact_id: 1 }))).toBe(404);
  });

  it('downloads through a 302 to a one-shot URL that refuses the token', async () => {
    const { id } = gh.addArtifact({ name: 'dl', files: { 'results.json': '{"ok":true}', 'dir/b.txt': 'B' }, headBranch: 'main', headSha: 'e'.repeat(40) });
    const res = await octokit.rest.actions.downloadArtifact({ owner, repo, artifact_id: id, archive_format: 'zip', request: { redirect: 'manual' } });
    const location = res.headers.location!;
    expect(new URL(location).origin).not.toBe(gh.url);
    const withToken = await fetch(location, { headers: { authorization: `token ${gh.token}` } });
    expect(withToken.status).toBe(401);
    const blob = await fetch(location);
    expect(blob.status).toBe(200);
    expect(blob.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await blob.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(['dir/b.txt', 'results.json']);
    expect(strFromU8(files['results.json']!)).toBe('{"ok":true}');
    expect((await fetch(location)).status).toBe(403); // one-shot
    expect(gh.artifacts().find((a) => a.id === id)!.zip).toEqual(new Uint8Array(await (await downloadZip(id)).arrayBuffer()));
  });

  it('lets Octokit follow the redirect itself: fetch drops the token across origins', async () => {
    const { id } = gh.addArtifact({ name: 'follow', files: { 'f.txt': 'followed' }, headBranch: 'main', headSha: 'f'.repeat(40) });
    const res = await octokit.rest.actions.downloadArtifact({ owner, repo, artifact_id: id, archive_format: 'zip' });
    expect(res.status).toBe(200);
    const files = unzipSync(new Uint8Array(res.data as ArrayBuffer));
    expect(strFromU8(files['f.txt']!)).toBe('followed');
  });

  it('serves raw bytes for corrupt-zip tests, 410 when expired, 404 for a format other than zip', async () => {
    const corrupt = gh.addArtifact({ name: 'corrupt', files: {}, rawZip: new TextEncoder().encode('PK not a zip'), headBranch: 'main', headSha: 'a'.repeat(40) });
    expect(await (await downloadZip(corrupt.id)).text()).toBe('PK not a zip');
    const old = gh.addArtifact({ name: 'old', files: { a: 'a' }, headBranch: 'main', headSha: 'a'.repeat(40), expired: true });
    expect((await octokit.rest.actions.getArtifact({ owner, repo, artifact_id: old.id })).data.expired).toBe(true);
    expect(await statusOf(octokit.rest.actions.downloadArtifact({ owner, repo, artifact_id: old.id, archive_format: 'zip', request: { redirect: 'manual' } }))).toBe(410);
    expect(gh.validationErrors).toEqual([]);
    expect(await statusOf(octokit.rest.actions.downloadArtifact({ owner, repo, artifact_id: corrupt.id, archive_format: 'tar', request: { redirect: 'manual' } }))).toBe(404);
    expect(gh.validationErrors).toEqual([expect.stringMatching(/archive_format must be "zip"/)]);
    gh.validationErrors.length = 0;
  });

  it('deletes', async () => {
    const { id } = gh.addArtifact({ name: 'gone', files: { a: 'a' }, headBranch: 'main', headSha: 'a'.repeat(40) });
    expect((await octokit.rest.actions.deleteArtifact({ owner, repo, artifact_id: id })).status).toBe(204);
    expect(await statusOf(octokit.rest.actions.getArtifact({ owner, repo, artifact_id: id }))).toBe(404);
    expect(gh.artifacts().some((a) => a.id === id)).toBe(false);
  });

  it('answered only with shapes the description allows, to requests it allows', () => {
    expect(gh.responseErrors).toEqual([]);
    expect(gh.validationErrors).toEqual([]);
  });
});
