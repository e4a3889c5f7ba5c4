/**
 * The repository's commits as a test seeds them. GitHub answers an unknown SHA with 422, not an
 * empty body, so only seeded commits are readable: a test that forgets one sees what the action
 * would see on github.com for a commit that is not there.
 */
import { createHash } from 'node:crypto';

export interface GitIdentity {
  name: string;
  email: string;
  /** the GitHub account the email belongs to; null when none does (the API then shows no user) */
  login: string | null;
}

export interface CommitSeed {
  /** 40 lowercase hex digits; generated when left out */
  sha?: string;
  /** first parent first; two or more for a merge commit; none for a root commit */
  parents?: string[];
  message?: string;
  author?: Partial<GitIdentity>;
  /** the author date */
  date?: string;
  /** defaults to the author */
  committer?: Partial<GitIdentity>;
  /** the committer date, defaults to `date`; a rebase rewrites it and keeps the author date */
  committedAt?: string;
}

export interface CommitRecord {
  sha: string;
  parents: string[];
  message: string;
  author: GitIdentity;
  committer: GitIdentity;
  date: string;
  committedAt: string;
}

const FULL_SHA = /^[0-9a-f]{40}$/;

export function isFullSha(s: string): boolean {
  return FULL_SHA.test(s);
}

/** GitHub writes timestamps to the second, in UTC with `Z`. */
export function githubTime(value: string, what: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`${what}: "${value}" is not a timestamp`);
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function identity(given: Partial<GitIdentity> | undefined, fallback: GitIdentity): GitIdentity {
  if (!given) return fallback;
  const login = given.login === undefined ? fallback.login : given.login;
  return {
    name: given.name ?? (login ?? fallback.name),
    email: given.email ?? (login ? `${login}@users.noreply.github.com` : fallback.email),
    login,
  };
}

const DEFAULT_AUTHOR: GitIdentity = { name: 'Mona Lisa Octocat', email: 'octocat@users.noreply.github.com', login: 'octocat' };

export class CommitStore {
  private readonly bySha = new Map<string, CommitRecord>();
  private generated = 0;

  add(seed: CommitSeed): CommitRecord {
    const sha = seed.sha ?? createHash('sha1').update(`seeded commit ${++this.generated} ${seed.message ?? ''}`).digest('hex');
    if (!isFullSha(sha)) throw new Error(`addCommit: sha "${sha}" is not 40 lowercase hex digits`);
    if (this.bySha.has(sha)) throw new Error(`addCommit: ${sha} was seeded already`);
    const parents = seed.parents ?? [];
    for (const p of parents) if (!isFullSha(p)) throw new Error(`addCommit: parent "${p}" of ${sha} is not 40 lowercase hex digits`);
    const date = githubTime(seed.date ?? new Date().toISOString(), `addCommit ${sha} date`);
    const author = identity(seed.author, DEFAULT_AUTHOR);
    const rec: CommitRecord = {
      sha,
      parents: [...parents],
      message: seed.message ?? `Commit ${sha.slice(0, 7)}`,
      author,
      committer: identity(seed.committer, author),
      date,
      committedAt: seed.committedAt === undefined ? date : githubTime(seed.committedAt, `addCommit ${sha} committedAt`),
    };
    this.bySha.set(sha, rec);
    return rec;
  }

  get(sha: string): CommitRecord | undefined {
    return this.bySha.get(sha);
  }

  /** A full SHA, or an abbreviated one git would accept (4+ hex digits naming exactly one commit). */
  resolve(ref: string): CommitRecord | undefined {
    const exact = this.bySha.get(ref);
    if (exact) return exact;
    if (!/^[0-9a-f]{4,39}$/.test(ref)) return undefined;
    const hits = [...this.bySha.values()].filter((c) => c.sha.startsWith(ref));
    return hits.length === 1 ? hits[0] : undefined;
  }
}
