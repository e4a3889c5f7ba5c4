/**
 * Stand-in for the Actions results service that @actions/artifact 6 talks to: Twirp JSON
 * (`POST /twirp/github.actions.results.api.v1.ArtifactService/<Method>`) authenticated with the
 * runtime token. The client drops any path of ACTIONS_RESULTS_URL and keeps only its origin,
 * so the Twirp routes live at the root of the results listener.
 *
 * Field names are protobuf names (snake_case) because the client serialises with
 * `useProtoFieldName: true`; int64 values travel as strings.
 */
import type { BlobStore } from './blob-storage.js';
import { isoNow } from './http-util.js';
import type { Reply } from './http-util.js';
import { sha256Hex } from './state.js';
import type { State, UploadContext } from './state.js';

export const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.ArtifactService/';

export interface RuntimeIdentity {
  token: string;
  runBackendId: string;
  jobBackendId: string;
  /** A job of its own workflow run (see TestGitHub.runtimeFor); else the shared upload context. */
  context?: UploadContext;
}

const TWIRP_STATUS: Record<string, number> = {
  invalid_argument: 400,
  malformed: 400,
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  bad_route: 404,
  already_exists: 409,
  failed_precondition: 412,
  internal: 500,
};

function twirpError(code: string, msg: string): Reply {
  return { status: TWIRP_STATUS[code] ?? 500, body: { code, msg } };
}

function base64url(s: string): string {
  return Buffer.from(s).toString('base64url');
}

/**
 * An unsigned-looking JWT whose `scp` claim names the run and job backend ids: the client only
 * decodes it (jwt-decode) to read `Actions.Results:<runBackendId>:<jobBackendId>`.
 */
export function makeRuntimeToken(runBackendId: string, jobBackendId: string): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5t: 'test-server' }));
  const payload = base64url(
    JSON.stringify({
      nameid: 'dddddddd-dddd-dddd-dddd-dddddddddddd',
      scp: `Actions.ExampleScope Actions.Results:${runBackendId}:${jobBackendId}`,
      iss: 'vstoken.actions.githubusercontent.com',
      aud: 'vso:test-server',
      nbf: now - 60,
      iat: now - 60,
      exp: now + 6 * 3600,
    }),
  );
  return `${header}.${payload}.${base64url('not-a-real-signature')}`;
}

const FIELDS: Record<string, string[]> = {
  CreateArtifact: ['workflow_run_backend_id', 'workflow_job_run_backend_id', 'name', 'expires_at', 'version', 'mime_type'],
  FinalizeArtifact: ['workflow_run_backend_id', 'workflow_job_run_backend_id', 'name', 'size', 'hash'],
  ListArtifacts: ['workflow_run_backend_id', 'workflow_job_run_backend_id', 'name_filter', 'id_filter'],
  GetSignedArtifactURL: ['workflow_run_backend_id', 'workflow_job_run_backend_id', 'name'],
  DeleteArtifact: ['workflow_run_backend_id', 'workflow_job_run_backend_id', 'name'],
};

export function handleTwirp(
  rpc: string,
  headers: Record<string, string | string[] | undefined>,
  bodyText: string,
  state: State,
  blobs: BlobStore,
  who: RuntimeIdentity,
): Reply {
  const fields = FIELDS[rpc];
  if (!fields) return twirpError('bad_route', `no handler for path "${TWIRP_PREFIX}${rpc}"`);
  if (headers['authorization'] !== `Bearer ${who.token}`) return twirpError('unauthenticated', 'invalid or missing runtime token');
  if (!String(headers['content-type'] ?? '').startsWith('application/json')) {
    return twirpError('bad_route', 'unexpected Content-Type (this stand-in speaks Twirp JSON only)');
  }
  let req: Record<string, unknown>;
  try {
    req = JSON.parse(bodyText) as Record<string, unknown>;
  } catch {
    return twirpError('malformed', 'the json request could not be decoded');
  }
  // protojson on the real service refuses unknown fields
  const unknown = Object.keys(req).filter((k) => !fields.includes(k));
  if (unknown.length > 0) return twirpError('malformed', `unknown field(s) ${unknown.join(', ')}`);
  if (req['workflow_run_backend_id'] !== who.runBackendId || req['workflow_job_run_backend_id'] !== who.jobBackendId) {
    return twirpError('permission_denied', 'backend ids do not match the runtime token');
  }
  const uploadContext = who.context ?? state.uploadContext;
  const runId = uploadContext.runId;
  const name = typeof req['name'] === 'string' ? req['name'] : '';
  const finalizedInRun = (): ReturnType<State['artifactsNewestFirst']> =>
    state.artifactRecords.filter((a) => a.runId === runId && a.source === 'upload');

  switch (rpc) {
    case 'CreateArtifact': {
      if (!name) return twirpError('invalid_argument', 'name is required');
      if (typeof req['version'] !== 'number' || req['version'] < 4) return twirpError('invalid_argument', 'unsupported artifact version');
      const expiresAt = req['expires_at'];
      if (expiresAt !== undefined && (typeof expiresAt !== 'string' || Number.isNaN(Date.parse(expiresAt)))) {
        return twirpError('invalid_argument', 'expires_at is not a timestamp');
      }
      const pending = [...blobs.uploads.values()].some((s) => s.name === name && s.context.runId === runId && !s.finalized);
      const done = state.artifactRecords.some((a) => a.runId === runId && a.name === name);
      if (pending || done) {
        return twirpError('already_exists', `an artifact with this name already exists on the workflow run`);
      }
      const slot = blobs.newUpload({
        name,
        runBackendId: who.runBackendId,
        jobBackendId: who.jobBackendId,
        context: { ...uploadContext },
        ...(typeof expiresAt === 'string' ? { expiresAt } : {}),
      });
      return { status: 200, body: { ok: true, signed_upload_url: blobs.uploadUrl(slot) } };
    }
    case 'FinalizeArtifact': {
      const slot = [...blobs.uploads.values()].find((s) => s.name === name && s.context.runId === runId && !s.finalized);
      if (!slot) return twirpError('not_found', 'artifact not found');
      if (!slot.committed) return twirpError('failed_precondition', 'the artifact blob was never written');
      if (String(req['size']) !== String(slot.committed.length)) {
        return twirpError('invalid_argument', `size ${String(req['size'])} does not match the uploaded ${slot.committed.length} bytes`);
      }
      const digest = `sha256:${sha256Hex(slot.committed)}`;
      if (req['hash'] !== undefined && req['hash'] !== digest) return twirpError('invalid_argument', `hash does not match the uploaded blob (${digest})`);
      slot.finalized = true;
      const createdAt = isoNow();
      const rec = state.addArtifact({
        name,
        runId: slot.context.runId,
        headRepositoryId: state.repositoryId,
        headBranch: slot.context.headBranch,
        headSha: slot.context.headSha,
        createdAt,
        expiresAt: (slot.expiresAt ? new Date(slot.expiresAt) : new Date(Date.parse(createdAt) + 90 * 86_400_000)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        expiredFlag: false,
        zip: new Uint8Array(slot.committed),
        source: 'upload',
      });
      return { status: 200, body: { ok: true, artifact_id: String(rec.id) } };
    }
    case 'ListArtifacts': {
      const nameFilter = req['name_filter'];
      const idFilter = req['id_filter'];
      const list = finalizedInRun().filter(
        (a) => (nameFilter === undefined || a.name === nameFilter) && (idFilter === undefined || String(a.id) === String(idFilter)),
      );
      return {
        status: 200,
        body: {
          artifacts: list.map((a) => ({
            workflow_run_backend_id: who.runBackendId,
            workflow_job_run_backend_id: who.jobBackendId,
            database_id: String(a.id),
            name: a.name,
            size: String(a.zip.length),
            created_at: a.createdAt,
            digest: a.digest,
          })),
        },
      };
    }
    case 'GetSignedArtifactURL': {
      const a = finalizedInRun().find((x) => x.name === name);
      if (!a) return twirpError('not_found', 'artifact not found');
      return { status: 200, body: { signed_url: blobs.downloadUrl(a.id, () => state.artifact(a.id)?.zip) } };
    }
    default: {
      // DeleteArtifact
      const a = finalizedInRun().find((x) => x.name === name);
      if (!a) return twirpError('not_found', 'artifact not found');
      state.deleteArtifact(a.id);
      return { status: 200, body: { ok: true, artifact_id: String(a.id) } };
    }
  }
}
