import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GHESNotSupportedError } from '@actions/artifact';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uploadBaselineArtifact, type ArtifactUploader } from '../../src/github/artifact-upload.js';
import { createOctokit, type GitHubClient } from '../../src/github/octokit-client.js';
import { artifact } from './artifact-fixtures.js';
import { FakeArtifactApi } from './fake-artifact-api.js';

/** What @actions/artifact throws when Twirp CreateArtifact answers 409 (message copied from its client). */
const CONFLICT = 'Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: an artifact with this name already exists on the workflow run';
const RUN_ID = 4242;

let api: FakeArtifactApi;
let client: GitHubClient;
let dir: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  api = await new FakeArtifactApi().start();
  client = createOctokit({ token: 'test-token', baseUrl: api.url, retries: 0, throttle: false });
  dir = await mkdtemp(path.join(tmpdir(), 'perfgate-upload-'));
  await writeFile(path.join(dir, 'results.json'), '{}');
});
afterAll(async () => {
  await api.stop();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  api.artifacts = [];
  api.requests.length = 0;
  api.deleteStatus = 204;
  delete process.env['GITHUB_SERVER_URL'];
  delete process.env['ACTIONS_RUNTIME_TOKEN'];
});
afterEach(() => {
  process.env = { ...savedEnv };
});

/** An uploader that answers from a script, recording its calls. */
function scripted(...answers: (number | Error)[]): ArtifactUploader & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  const upload = async (...args: unknown[]) => {
    calls.push(args);
    const answer = answers.shift();
    if (answer === undefined) throw new Error('unexpected upload');
    if (answer instanceof Error) throw answer;
    return { id: answer, size: 321 };
  };
  return Object.assign(upload as ArtifactUploader, { calls });
}

function options(upload: ArtifactUploader, withClient = true) {
  return {
    name: 'perfgate-baseline',
    files: [path.join(dir, 'results.json')],
    rootDirectory: dir,
    retentionDays: 30,
    ...(withClient ? { client } : {}),
    owner: 'acme',
    repo: 'app',
    runId: RUN_ID,
    upload,
  };
}

describe('uploadBaselineArtifact', () => {
  it('uploads once and returns id and size', async () => {
    const upload = scripted(11);
    await expect(uploadBaselineArtifact(options(upload))).resolves.toEqual({ id: 11, size: 321 });
    expect(upload.calls).toEqual([['perfgate-baseline', [path.join(dir, 'results.json')], dir, { retentionDays: 30 }]]);
  });

  it('replaces the artifact an earlier attempt of the run left, then uploads again once', async () => {
    api.artifacts = [artifact({ id: 7, runId: RUN_ID }), artifact({ id: 8, runId: RUN_ID, name: 'other' }), artifact({ id: 9, runId: 1 })];
    const upload = scripted(new Error(CONFLICT), 12);
    await expect(uploadBaselineArtifact(options(upload))).resolves.toEqual({ id: 12, size: 321 });
    expect(upload.calls).toHaveLength(2);
    expect(api.artifacts.map((a) => a.id)).toEqual([8, 9]);
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /repos/acme/app/actions/runs/${RUN_ID}/artifacts?name=perfgate-baseline&per_page=100`,
      'DELETE /repos/acme/app/actions/artifacts/7',
    ]);
  });

  it('names the permission when the old artifact may not be deleted', async () => {
    api.artifacts = [artifact({ id: 7, runId: RUN_ID })];
    api.deleteStatus = 403;
    const upload = scripted(new Error(CONFLICT));
    await expect(uploadBaselineArtifact(options(upload))).rejects.toThrow(
      `artifact "perfgate-baseline" already exists in run ${RUN_ID} (an earlier attempt?) and could not be replaced: deleting artifact 7 needs "permissions: actions: write"`,
    );
    expect(upload.calls).toHaveLength(1);
  });

  it('gives up after the second upload fails too', async () => {
    api.artifacts = [artifact({ id: 7, runId: RUN_ID })];
    await expect(uploadBaselineArtifact(options(scripted(new Error(CONFLICT), new Error(CONFLICT))))).rejects.toThrow(CONFLICT);
  });

  it('says what is missing when the name is taken and there is nothing to delete with', async () => {
    await expect(uploadBaselineArtifact(options(scripted(new Error(CONFLICT)), false))).rejects.toThrow(
      `artifact "perfgate-baseline" already exists in run ${RUN_ID}, and no GitHub client was given to replace it`,
    );
    await expect(uploadBaselineArtifact(options(scripted(new Error(CONFLICT))))).rejects.toThrow(
      `artifact "perfgate-baseline" already exists in run ${RUN_ID}, but the run's artifact list does not show it`,
    );
  });

  it('explains GitHub Enterprise Server before calling @actions/artifact', async () => {
    process.env['GITHUB_SERVER_URL'] = 'https://ghes.example.com';
    const upload = scripted(13);
    await expect(uploadBaselineArtifact(options(upload))).rejects.toThrow(
      'artifacts cannot be uploaded on GitHub Enterprise Server (ghes.example.com): @actions/artifact 6 supports only github.com and *.ghe.com; commit the baseline file instead',
    );
    expect(upload.calls).toHaveLength(0);
    await expect(uploadBaselineArtifact(options(scripted(new GHESNotSupportedError())))).rejects.toThrow(/GitHub Enterprise Server/);
  });

  it('accepts the hosts @actions/artifact supports', async () => {
    for (const host of ['https://github.com', 'https://acme.ghe.com', 'http://github.localhost']) {
      process.env['GITHUB_SERVER_URL'] = host;
      await expect(uploadBaselineArtifact(options(scripted(14)))).resolves.toEqual({ id: 14, size: 321 });
    }
  });

  it('with the real @actions/artifact client outside a job, says that it needs the runtime token', async () => {
    const { upload: _drop, ...real } = options(scripted());
    await expect(uploadBaselineArtifact(real)).rejects.toThrow(
      'Unable to get the ACTIONS_RUNTIME_TOKEN env variable: artifacts can be uploaded only from a step of a GitHub Actions job that runs this action',
    );
  });
});
