import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { downloadArtifactZip, findBaselineArtifact, loadArtifactBaseline } from '../../src/github/artifact-baseline.js';
import { createOctokit, type GitHubClient } from '../../src/github/octokit-client.js';
import { artifact } from './artifact-fixtures.js';
import { FakeArtifactApi } from './fake-artifact-api.js';

const BASE_SHA = 'c'.repeat(40);
const RESULTS = '{"benchmarks":[{"name":"parse","unit":"ms","samples":[1.5,1.6,1.4]}]}';
const FALLBACK = 'falling back to the committed baseline';
const HISTORY = JSON.stringify({ schema: 'perfgate/history', version: 1, points: [{ commit: BASE_SHA, values: { parse: { latency: { median: 1.5 } } } }] });

let api: FakeArtifactApi;
let client: GitHubClient;
const where = { owner: 'acme', repo: 'app', name: 'perfgate-baseline', baseBranch: 'main' };

beforeAll(async () => {
  api = await new FakeArtifactApi().start();
  client = createOctokit({ token: 'test-token', baseUrl: api.url, retries: 0, throttle: false });
});
afterAll(() => api.stop());
beforeEach(() => {
  api.artifacts = [];
  api.zips.clear();
  api.gone.clear();
  api.requests.length = 0;
  api.pageSize = 100;
  api.listStatus = 200;
  api.chunked = false;
});

function publish(spec: Parameters<typeof artifact>[0], files: Record<string, string>): void {
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));
  api.artifacts.push(artifact({ ...spec, size: zip.length }));
  api.zips.set(spec.id, zip);
}

describe('loadArtifactBaseline', () => {
  it('downloads the base commit artifact without sending the token to storage', async () => {
    publish({ id: 501, runId: 9001, sha: BASE_SHA, created: '2026-11-01T00:00:00Z' }, { 'results.json': RESULTS, 'history.json': HISTORY });
    publish({ id: 502, runId: 9002, created: '2026-11-02T00:00:00Z' }, { 'results.json': RESULTS });
    const loaded = await loadArtifactBaseline(client, { ...where, baseSha: BASE_SHA });
    expect(loaded.warnings).toEqual([]);
    if (!loaded.results) throw new Error('expected results');
    expect(loaded.results.benchmarks.map((b) => b.id)).toEqual(['parse']);
    expect(loaded.info).toEqual({ method: 'artifact', source: 'artifact perfgate-baseline #501 from run 9001', commit: BASE_SHA });
    expect(loaded.history).toEqual([{ commit: BASE_SHA, values: { parse: { latency: { median: 1.5 } } } }]);
    const storage = api.requests.filter((r) => r.path.startsWith('/storage/'));
    expect(storage).toEqual([{ method: 'GET', path: '/storage/501?sig=secret-signature', authorization: undefined }]);
    expect(api.requests[0]).toMatchObject({ path: '/repos/acme/app/actions/artifacts?name=perfgate-baseline&per_page=100', authorization: 'token test-token' });
  });

  it('keeps the baseline when its history.json is broken, and says what was wrong with it', async () => {
    publish({ id: 701, runId: 9201, created: '2026-11-01T00:00:00Z' }, { 'results.json': RESULTS, 'history.json': '{"schema":"perfgate/history","version":1,"points":[{"values":{"parse":{"latency":{"median":"fast"}}}}]}' });
    const loaded = await loadArtifactBaseline(client, where);
    if (!loaded.results) throw new Error('expected results');
    expect(loaded.history).toEqual([]);
    expect(loaded.warnings).toEqual([
      'artifact 701 (run 9201) history.json:1:92: points[0].values.parse.latency.median: expected number, got "fast"; the history of main is not used',
    ]);
  });

  it('uses the newest artifact when none was made from the base commit, and says so', async () => {
    publish({ id: 601, runId: 9101, sha: 'd'.repeat(40), created: '2026-11-02T00:00:00Z' }, { 'results.json': RESULTS });
    publish({ id: 600, runId: 9100, created: '2026-11-01T00:00:00Z' }, { 'results.json': RESULTS });
    const loaded = await loadArtifactBaseline(client, { ...where, baseSha: BASE_SHA });
    expect(loaded.results).not.toBeNull();
    expect(loaded.warnings).toEqual(['no baseline artifact was made from the base commit ccccccc; comparing with the newest from "main" (ddddddd), which may include other changes']);
  });

  it('follows pagination (GitHub links to /repositories/{id}) to the base commit artifact', async () => {
    api.pageSize = 2;
    publish({ id: 703, created: '2026-11-03T00:00:00Z' }, { 'results.json': RESULTS });
    publish({ id: 702, created: '2026-11-02T00:00:00Z', fork: true }, { 'results.json': RESULTS });
    publish({ id: 701, runId: 777, created: '2026-11-01T00:00:00Z', sha: BASE_SHA }, { 'results.json': RESULTS });
    const debug: string[] = [];
    const loaded = await loadArtifactBaseline(client, { ...where, baseSha: BASE_SHA, debug: (line) => debug.push(line) });
    expect(loaded.results && loaded.info.source).toBe('artifact perfgate-baseline #701 from run 777');
    expect(api.requests.map((r) => r.path.split('?')[0])).toContain('/repositories/42/actions/artifacts');
    expect(debug).toEqual(['skipped artifact 702 (run 7020): made from a branch of another repository (id 77)']);
  });

  it('stops listing at the first page that holds a usable artifact when no base commit is given', async () => {
    api.pageSize = 1;
    publish({ id: 801, created: '2026-11-03T00:00:00Z' }, { 'results.json': RESULTS });
    publish({ id: 800, created: '2026-11-02T00:00:00Z' }, { 'results.json': RESULTS });
    const pick = await findBaselineArtifact(client, where);
    expect(pick.artifact?.id).toBe(801);
    expect(api.requests.filter((r) => r.path.includes('/actions/artifacts?'))).toHaveLength(1);
  });

  it.each([
    ['an expired artifact (410)', (id: number) => api.gone.add(id), 'artifact 901 has expired'],
    ['a path that escapes the folder', () => publish({ id: 901, runId: 456 }, { '../evil': 'x' }), 'zip entry "../evil" escapes the folder'],
    ['a file that is not results', () => publish({ id: 901, runId: 456 }, { 'results.json': RESULTS, 'run.sh': 'rm -rf /' }), 'zip entry "run.sh" is not expected'],
    ['no results.json', () => publish({ id: 901, runId: 456 }, { 'history.json': '[]' }), 'the zip holds no results.json'],
    ['invalid results', () => publish({ id: 901, runId: 456 }, { 'results.json': '{"schema":"perfgate/results","version":2}' }), 'artifact 901 (run 456) results.json:1:'],
    ['corrupt bytes', () => api.zips.set(901, strToU8('PK\u0003\u0004 not a zip')), 'not a valid zip: '],
  ])('falls back with one warning line for %s', async (_label, breakIt, problem) => {
    publish({ id: 901, runId: 456 }, { 'results.json': RESULTS });
    breakIt(901);
    const loaded = await loadArtifactBaseline(client, where);
    expect(loaded.results).toBeNull();
    expect(loaded.warnings).toHaveLength(1);
    expect(loaded.warnings[0]).toMatch(/^baseline artifact 901 from run 456 could not be used: /);
    expect(loaded.warnings[0]).toContain(problem);
    expect(loaded.warnings[0]).toMatch(new RegExp(`; ${FALLBACK}$`));
    expect(loaded.warnings[0]).not.toContain('\n');
  });

  it('refuses a zip larger than the download limit, by listing size or while reading', async () => {
    publish({ id: 950, runId: 1 }, { 'results.json': RESULTS.repeat(1) });
    const small = await loadArtifactBaseline(client, { ...where, maxZipBytes: 50 });
    expect(small.warnings[0]).toMatch(/could not be used: it is \d+ bytes, over the 50-byte limit/);
    // The listing can understate: the body is counted too, with or without a content-length.
    for (const chunked of [false, true]) {
      api.chunked = chunked;
      await expect(downloadArtifactZip(client, { owner: 'acme', repo: 'app', artifactId: 950, maxBytes: 50 })).rejects.toThrow(/^artifact 950 is (\d+ bytes, )?over the 50-byte limit$/);
    }
  });

  it('says so when there is no usable artifact', async () => {
    publish({ id: 960, branch: 'feature' }, { 'results.json': RESULTS });
    const loaded = await loadArtifactBaseline(client, where);
    expect(loaded).toEqual({ results: null, warnings: [`no usable baseline artifact named "perfgate-baseline" from branch "main" was found; ${FALLBACK}`] });
  });

  it('names the permission when the artifacts cannot be listed', async () => {
    api.listStatus = 403;
    const loaded = await loadArtifactBaseline(client, where);
    expect(loaded.warnings).toEqual([
      `baseline artifacts named "perfgate-baseline" could not be listed: Resource not accessible by integration (the workflow needs "permissions: actions: read"); ${FALLBACK}`,
    ]);
  });

  it('reports an unreachable API as a warning, not an exception', async () => {
    const closed = await new FakeArtifactApi().start();
    await closed.stop();
    const offline = createOctokit({ token: 't', baseUrl: closed.url, retries: 0, throttle: false });
    const loaded = await loadArtifactBaseline(offline, where);
    expect(loaded.results).toBeNull();
    expect(loaded.warnings[0]).toMatch(/^baseline artifacts named "perfgate-baseline" could not be listed: connect ECONNREFUSED 127\.0\.0\.1:\d+; falling back/);
  });
});
