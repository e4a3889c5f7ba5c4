/**
 * What the fake GitHub remembers about one repository: comments, artifacts and statuses here;
 * commits (commits.ts), issues and pull requests (issue-tracker.ts) in their own stores. Stored
 * as plain records; routes render them into GitHub's JSON shapes with the URL the server listens
 * on (known only after `listen`).
 */
import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import { CommitStore } from './commits.js';
import { isoNow, nodeId } from './http-util.js';
import { IssueTracker } from './issue-tracker.js';

export interface TestGitHubOptions {
  owner?: string;
  repo?: string;
  repositoryId?: number;
  /** login of the token's user, default 'github-actions[bot]' */
  tokenUser?: string;
  /** the workflow run the runtime token belongs to (GITHUB_RUN_ID); uploads land here by default */
  runId?: number;
}

export interface User {
  login: string;
  id: number;
  node_id: string;
  avatar_url: string;
  gravatar_id: string;
  url: string;
  html_url: string;
  followers_url: string;
  following_url: string;
  gists_url: string;
  starred_url: string;
  subscriptions_url: string;
  organizations_url: string;
  repos_url: string;
  events_url: string;
  received_events_url: string;
  type: 'Bot' | 'User' | 'Organization';
  user_view_type: string;
  site_admin: boolean;
}

export interface Comment {
  id: number;
  node_id: string;
  url: string;
  html_url: string;
  issue_url: string;
  body: string;
  user: User;
  created_at: string;
  updated_at: string;
  author_association: string;
}

export interface CommentRecord {
  id: number;
  issueNumber: number;
  body: string;
  login: string;
  createdAt: string;
  updatedAt: string;
}

export interface StoredArtifact {
  id: number;
  name: string;
  runId: number;
  repositoryId: number;
  headRepositoryId: number;
  headBranch: string;
  headSha: string;
  createdAt: string;
  expiresAt: string;
  /** forced expiry (`expired: true` when seeded); also true once expiresAt has passed */
  expiredFlag: boolean;
  /** the bytes the download serves */
  zip: Uint8Array;
  digest: string;
  source: 'seeded' | 'upload';
}

export interface StatusRecord {
  id: number;
  sha: string;
  state: string;
  context: string;
  description: string | null;
  target_url: string | null;
  createdAt: string;
}

export interface UploadContext {
  headBranch: string;
  headSha: string;
  runId: number;
}

export interface SeedArtifact {
  name: string;
  files: Record<string, string | Uint8Array>;
  runId?: number;
  headBranch: string;
  headSha: string;
  fromFork?: boolean;
  expired?: boolean;
  createdAt?: string;
  /** serve these bytes instead of zipping files (for corrupt-zip tests) */
  rawZip?: Uint8Array;
}

/** A person's role on the repository, as the collaborator permission endpoint names it. */
export type RepoRole = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

const GITHUB_ACTIONS_BOT_ID = 41898282;

function stableId(login: string): number {
  return 1_000_000 + (createHash('sha256').update(login).digest().readUInt32BE(0) % 90_000_000);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class State {
  readonly owner: string;
  readonly repo: string;
  readonly repositoryId: number;
  readonly tokenUser: string;
  readonly defaultRunId: number;
  /** set once the server listens */
  apiUrl = 'http://127.0.0.1';

  private nextCommentId = 2_400_000_001;
  private nextArtifactId = 4_100_000_001;
  private nextRunId = 12_000_000_001;
  private nextStatusId = 30_000_000_001;

  readonly commentRecords: CommentRecord[] = [];
  readonly artifactRecords: StoredArtifact[] = [];
  readonly commits = new CommitStore();
  /** issues and pull requests; a number only commented on counts as used */
  readonly tracker = new IssueTracker(() => this.commentRecords.map((c) => c.issueNumber));
  readonly statuses: StatusRecord[] = [];
  /** keyed by lower-case login: GitHub logins are case-insensitive */
  readonly roles = new Map<string, RepoRole>();
  /** run ids the REST API knows (the current run and every run that has artifacts) */
  readonly runs = new Set<number>();
  uploadContext: UploadContext;

  constructor(options: TestGitHubOptions = {}) {
    this.owner = options.owner ?? 'octo-org';
    this.repo = options.repo ?? 'octo-repo';
    this.repositoryId = options.repositoryId ?? 812_345_678;
    this.tokenUser = options.tokenUser ?? 'github-actions[bot]';
    this.defaultRunId = options.runId ?? 11_000_000_001;
    this.runs.add(this.defaultRunId);
    this.uploadContext = { headBranch: 'main', headSha: 'a'.repeat(40), runId: this.defaultRunId };
  }

  get repoApi(): string {
    return `${this.apiUrl}/repos/${this.owner}/${this.repo}`;
  }

  get repoHtml(): string {
    return `https://github.com/${this.owner}/${this.repo}`;
  }

  user(login: string): User {
    const bot = login.endsWith('[bot]');
    const id = login === 'github-actions[bot]' ? GITHUB_ACTIONS_BOT_ID : stableId(login);
    const api = `${this.apiUrl}/users/${encodeURIComponent(login)}`;
    return {
      login,
      id,
      node_id: nodeId(bot ? 'BOT' : 'U', id),
      avatar_url: bot ? 'https://avatars.githubusercontent.com/in/15368?v=4' : `https://avatars.githubusercontent.com/u/${id}?v=4`,
      gravatar_id: '',
      url: api,
      html_url: bot ? `https://github.com/apps/${login.replace(/\[bot\]$/, '')}` : `https://github.com/${login}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type: bot ? 'Bot' : 'User',
      user_view_type: 'public',
      site_admin: false,
    };
  }

  // ---- comments --------------------------------------------------------------------------

  addComment(issueNumber: number, body: string, login = 'octocat'): CommentRecord {
    const now = isoNow();
    const rec: CommentRecord = { id: this.nextCommentId, issueNumber, body, login, createdAt: now, updatedAt: now };
    // GitHub's ids are increasing but not consecutive
    this.nextCommentId += 1 + Math.floor(Math.random() * 5);
    this.commentRecords.push(rec);
    return rec;
  }

  commentsOf(issueNumber: number): CommentRecord[] {
    return this.commentRecords.filter((c) => c.issueNumber === issueNumber).sort((a, b) => a.id - b.id);
  }

  renderComment(c: CommentRecord): Comment {
    // a number nobody seeded is taken for a pull request: the action comments on those
    const kind = this.tracker.issues.has(c.issueNumber) ? 'issues' : 'pull';
    const user = this.user(c.login);
    return {
      id: c.id,
      node_id: nodeId('IC', c.id),
      url: `${this.repoApi}/issues/comments/${c.id}`,
      html_url: `${this.repoHtml}/${kind}/${c.issueNumber}#issuecomment-${c.id}`,
      issue_url: `${this.repoApi}/issues/${c.issueNumber}`,
      body: c.body,
      user,
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      author_association: this.association(c.login),
    };
  }

  /** author_association: bots have none, the owner account owns, anyone given a role above read collaborates */
  association(login: string): string {
    if (login.endsWith('[bot]')) return 'NONE';
    if (login.toLowerCase() === this.owner.toLowerCase()) return 'OWNER';
    const role = this.roles.get(login.toLowerCase());
    return role && role !== 'none' && role !== 'read' ? 'COLLABORATOR' : 'NONE';
  }

  /**
   * The repository is public: github.com gives everyone who is not a collaborator "read" there.
   * The owner account administers it.
   */
  roleOf(login: string): RepoRole {
    return this.roles.get(login.toLowerCase()) ?? (login.toLowerCase() === this.owner.toLowerCase() ? 'admin' : 'read');
  }

  // ---- artifacts -------------------------------------------------------------------------

  newRunId(): number {
    const id = this.nextRunId;
    this.nextRunId += 1 + Math.floor(Math.random() * 50);
    return id;
  }

  addArtifact(a: Omit<StoredArtifact, 'id' | 'digest' | 'repositoryId'>): StoredArtifact {
    const rec: StoredArtifact = {
      ...a,
      id: this.nextArtifactId,
      repositoryId: this.repositoryId,
      digest: `sha256:${sha256Hex(a.zip)}`,
    };
    this.nextArtifactId += 1 + Math.floor(Math.random() * 20);
    this.artifactRecords.push(rec);
    this.runs.add(a.runId);
    return rec;
  }

  seedArtifact(a: SeedArtifact): StoredArtifact {
    const files: Record<string, Uint8Array> = {};
    for (const [name, content] of Object.entries(a.files)) {
      files[name] = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    }
    const createdAt = a.createdAt ?? isoNow();
    return this.addArtifact({
      name: a.name,
      runId: a.runId ?? this.newRunId(),
      headRepositoryId: a.fromFork ? this.repositoryId + 1_000_003 : this.repositoryId,
      headBranch: a.headBranch,
      headSha: a.headSha,
      createdAt,
      expiresAt: new Date(Date.parse(createdAt) + 90 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      expiredFlag: a.expired ?? false,
      zip: a.rawZip ?? zipSync(files),
      source: 'seeded',
    });
  }

  isExpired(a: StoredArtifact): boolean {
    return a.expiredFlag || Date.parse(a.expiresAt) <= Date.now();
  }

  artifact(id: number): StoredArtifact | undefined {
    return this.artifactRecords.find((a) => a.id === id);
  }

  deleteArtifact(id: number): boolean {
    const i = this.artifactRecords.findIndex((a) => a.id === id);
    if (i < 0) return false;
    this.artifactRecords.splice(i, 1);
    return true;
  }

  /** newest first, like the REST list */
  artifactsNewestFirst(): StoredArtifact[] {
    return [...this.artifactRecords].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  }

  // ---- statuses ----------------------------------------------------------------------------

  addStatus(sha: string, s: { state: string; context?: string; description?: string | null; target_url?: string | null }): StatusRecord {
    const rec: StatusRecord = {
      id: this.nextStatusId++,
      sha,
      state: s.state,
      context: s.context ?? 'default',
      description: s.description ?? null,
      target_url: s.target_url ?? null,
      createdAt: isoNow(),
    };
    this.statuses.push(rec);
    return rec;
  }
}
