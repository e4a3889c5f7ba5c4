/**
 * A local, strict GitHub for end-to-end tests of the built action: REST API (validated against
 * GitHub's official description), the Actions results service and blob storage that
 * @actions/artifact uploads through, and injectable faults. Listens on 127.0.0.1 only.
 *
 *   const gh = await startTestGitHub();
 *   env: GITHUB_API_URL=gh.url, ACTIONS_RESULTS_URL=gh.resultsUrl, ACTIONS_RUNTIME_TOKEN=gh.runtimeToken,
 *        INPUT_TOKEN / GITHUB_TOKEN=gh.token, GITHUB_RUN_ID=String(gh.runId); leave GITHUB_SERVER_URL unset
 *   ... run `node dist/index.js` ...
 *   expect(gh.validationErrors).toEqual([]);
 *
 * A push to the base branch needs the history seeded first, e.g. for a squash merge:
 *   gh.addCommit({ sha: squash, parents: [before], message: 'Faster parser (#7)' });
 *   gh.addPullRequest({ number: 7, commits: [c1, c2], mergedAt: '2026-02-03T10:00:00Z', mergeCommitSha: squash });
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { BlobStore } from './blob-storage.js';
import { Faults } from './faults.js';
import type { FaultSpec } from './faults.js';
import { randomToken } from './http-util.js';
import { makeRuntimeToken, type RuntimeIdentity } from './results-service.js';
import { createHandler } from './router.js';
import type { LoggedRequest } from './router.js';
import { artifactRoutes } from './routes-artifacts.js';
import { collaboratorRoutes } from './routes-collaborators.js';
import { commentRoutes } from './routes-comments.js';
import { commitRoutes } from './routes-commits.js';
import { issueEventRoutes } from './routes-issue-events.js';
import { issueRoutes } from './routes-issues.js';
import { pullRoutes } from './routes-pulls.js';
import { repoRoutes } from './routes-repo.js';
import { State } from './state.js';
import type { Comment, RepoRole, SeedArtifact, StatusRecord, TestGitHubOptions, UploadContext } from './state.js';
import type { CommitSeed, GitIdentity } from './commits.js';
import type { IssueEventRecord, IssueRecord, IssueSeed, LabelRecord, PullRecord, PullRequestSeed, StateReason } from './issue-tracker.js';

export type { Comment, FaultSpec, LoggedRequest, RepoRole, SeedArtifact, StatusRecord, TestGitHubOptions, UploadContext };
export type { CommitSeed, GitIdentity, IssueEventRecord, IssueRecord, IssueSeed, LabelRecord, PullRecord, PullRequestSeed, StateReason };
export type { FaultKind } from './faults.js';
export { validateRequest, validateResponse } from './openapi-validator.js';
export { MAX_COMMENT_CHARS } from './routes-comments.js';
export { MAX_ISSUE_BODY_CHARS, MAX_ISSUE_TITLE_CHARS } from './routes-issues.js';

/** An artifact as the server holds it: what the REST API shows, plus the zip bytes it serves. */
export interface ArtifactRecord {
  id: number;
  name: string;
  runId: number;
  repositoryId: number;
  /** differs from repositoryId for an artifact from a fork */
  headRepositoryId: number;
  headBranch: string;
  headSha: string;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
  sizeInBytes: number;
  digest: string;
  zip: Uint8Array;
  /** 'upload' when it came through the results service */
  source: 'seeded' | 'upload';
}

export interface TestGitHub {
  /** http://127.0.0.1:PORT — GITHUB_API_URL */
  url: string;
  /** ACTIONS_RESULTS_URL: the Twirp results service + blob storage (its own port: another origin) */
  resultsUrl: string;
  /** ACTIONS_RUNTIME_TOKEN: a JWT whose scp claim is Actions.Results:<runBackendId>:<jobBackendId> */
  runtimeToken: string;
  /** the GITHUB_TOKEN the server accepts (`token X` or `Bearer X`); anything else -> 401 */
  token: string;
  /** the current workflow run (GITHUB_RUN_ID): uploads land here unless setNextUploadContext says otherwise */
  runId: number;
  owner: string;
  repo: string;
  repositoryId: number;

  /** the comments of an issue or pull request, oldest first */
  comments(issueNumber: number): Comment[];
  /** seed a comment (by another user unless `login` is the token user) */
  addComment(issueNumber: number, body: string, login?: string): Comment;
  /** remove a comment as if someone deleted it on github.com; false if there was none */
  deleteComment(id: number): boolean;
  addArtifact(a: SeedArtifact): { id: number };
  /** every artifact, seeded or uploaded, with its zip bytes (`zip`) */
  artifacts(): ArtifactRecord[];
  /** where later uploads through the results service are filed (sticky until changed) */
  setNextUploadContext(c: Partial<UploadContext>): void;
  /**
   * An ACTIONS_RUNTIME_TOKEN for a job of another workflow run: its uploads land in that run with
   * this context, whatever setNextUploadContext says, so that runs racing each other each upload
   * their own artifact.
   */
  runtimeFor(c: Partial<UploadContext>): string;
  /**
   * A commit of the repository's history. Only seeded commits can be read (GET /commits/{ref});
   * any other SHA is 422 "No commit found for SHA", as on github.com.
   */
  addCommit(c: CommitSeed): { sha: string; html_url: string };
  /**
   * A pull request: GET /pulls/{n}, the issue endpoints (it is an issue too) and the pull
   * requests of a commit (its merge commit, head-branch commits and rebased commits) show it.
   * Throws when the number is taken by an issue or another pull request.
   */
  addPullRequest(p: PullRequestSeed): { number: number; html_url: string };
  /** an issue someone (default 'octocat') opened earlier, e.g. by an earlier run */
  addIssue(i: IssueSeed): { number: number; html_url: string };
  /** the issues (not pull requests), lowest number first: copies, with label names and bodies */
  issues(): IssueRecord[];
  /** the repository's labels: the defaults of a new repository, and those issues created */
  labels(): LabelRecord[];
  /**
   * `actor` (default 'octocat') adds a label to an issue or pull request on github.com: the
   * events endpoint then lists a `labeled` event by them. Labels given in a seed were added by its author.
   */
  addLabel(issueNumber: number, label: string, actor?: string): void;
  /** the label events of an issue or pull request, oldest first */
  issueEvents(issueNumber: number): IssueEventRecord[];
  /**
   * A user's role on the repository (GET /collaborators/{username}/permission). Without one, the
   * owner account is admin and anyone else has read, as on a public repository.
   */
  setPermission(login: string, role: RepoRole): void;
  statuses(): StatusRecord[];

  /**
   * Each fault fires `times` times (default 1) on the next requests matching method + pathname
   * (the regex is tested against the path without the query). `times: 0` disarms the faults
   * injected earlier with the same method and path regex.
   */
  injectFault(f: FaultSpec): void;
  /** disarm every fault */
  clearFaults(): void;
  requests: LoggedRequest[];
  /** every request github.com would refuse (description mismatch, over-long comment ...), with the reason */
  validationErrors: string[];
  /** the server's own answers that do not fit the description (a bug in the stand-in) */
  responseErrors: string[];
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startTestGitHub(options: TestGitHubOptions = {}): Promise<TestGitHub> {
  const state = new State(options);
  const blobs = new BlobStore();
  const faults = new Faults();
  const runtime = { runBackendId: randomUUID(), jobBackendId: randomUUID(), token: '' };
  runtime.token = makeRuntimeToken(runtime.runBackendId, runtime.jobBackendId);
  const token = `ghs_${randomToken(36)}`;
  const requests: LoggedRequest[] = [];
  const validationErrors: string[] = [];
  const responseErrors: string[] = [];
  const deps = {
    state,
    blobs,
    faults,
    routes: { ...repoRoutes, ...commentRoutes, ...artifactRoutes, ...pullRoutes, ...commitRoutes, ...issueRoutes, ...issueEventRoutes, ...collaboratorRoutes },
    token,
    runtime,
    otherRuntimes: [] as RuntimeIdentity[],
    requests,
    validationErrors,
    responseErrors,
  };
  const rest = createServer(createHandler('rest', deps));
  const results = createServer(createHandler('results', deps));
  const restPort = await listen(rest);
  const resultsPort = await listen(results);
  state.apiUrl = `http://127.0.0.1:${restPort}`;
  blobs.origin = `http://127.0.0.1:${resultsPort}`;

  const close = (server: Server): Promise<void> =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });

  return {
    url: state.apiUrl,
    resultsUrl: `${blobs.origin}/`,
    runtimeToken: runtime.token,
    token,
    runId: state.defaultRunId,
    owner: state.owner,
    repo: state.repo,
    repositoryId: state.repositoryId,
    comments: (n) => state.commentsOf(n).map((c) => state.renderComment(c)),
    addComment: (n, body, login) => state.renderComment(state.addComment(n, body, login)),
    deleteComment: (id) => {
      const i = state.commentRecords.findIndex((c) => c.id === id);
      if (i >= 0) state.commentRecords.splice(i, 1);
      return i >= 0;
    },
    addArtifact: (a) => ({ id: state.seedArtifact(a).id }),
    artifacts: () =>
      state.artifactsNewestFirst().map((stored) => {
        const { expiredFlag: _forced, ...a } = stored;
        return { ...a, expired: state.isExpired(stored), sizeInBytes: a.zip.length };
      }),
    runtimeFor: (c) => {
      const identity: RuntimeIdentity = { runBackendId: randomUUID(), jobBackendId: randomUUID(), token: '', context: { ...state.uploadContext, ...c } };
      identity.token = makeRuntimeToken(identity.runBackendId, identity.jobBackendId);
      state.runs.add(identity.context!.runId);
      deps.otherRuntimes.push(identity);
      return identity.token;
    },
    setNextUploadContext: (c) => {
      state.uploadContext = { ...state.uploadContext, ...c };
      state.runs.add(state.uploadContext.runId);
    },
    addCommit: (c) => {
      const { sha } = state.commits.add(c);
      return { sha, html_url: `${state.repoHtml}/commit/${sha}` };
    },
    addPullRequest: (p) => {
      const { number } = state.tracker.addPullRequest(p);
      return { number, html_url: `${state.repoHtml}/pull/${number}` };
    },
    addIssue: (i) => {
      const { number } = state.tracker.addIssue(i);
      return { number, html_url: `${state.repoHtml}/issues/${number}` };
    },
    issues: () =>
      [...state.tracker.issues.values()].sort((a, b) => a.number - b.number).map((i) => ({ ...i, labels: [...i.labels], assignees: [...i.assignees] })),
    labels: () => [...state.tracker.labels.values()].map((l) => ({ ...l })),
    addLabel: (n, label, actor = 'octocat') => state.tracker.labelIssue(n, label, actor),
    issueEvents: (n) => state.tracker.events.filter((e) => e.issueNumber === n).map((e) => ({ ...e })),
    setPermission: (login, role) => {
      state.roles.set(login.toLowerCase(), role);
    },
    statuses: () => [...state.statuses],
    injectFault: (f) => faults.add(f),
    clearFaults: () => faults.clear(),
    requests,
    validationErrors,
    responseErrors,
    close: async () => {
      await Promise.all([close(rest), close(results)]);
    },
  };
}
