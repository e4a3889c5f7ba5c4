/**
 * Issues, pull requests and labels. On GitHub a pull request is an issue: both draw numbers from
 * one sequence, and the issue endpoints list and edit pull requests too. Numbers here are unique
 * across both, and a new one is the highest number in use plus one, as on github.com.
 */
import { createHash } from 'node:crypto';
import { githubTime, isFullSha } from './commits.js';
import { isoNow } from './http-util.js';

export type StateReason = 'completed' | 'not_planned' | 'reopened' | 'duplicate';

export interface IssueRecord {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: StateReason | null;
  labels: string[];
  assignees: string[];
  /** login of the author */
  user: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: string | null;
}

export interface IssueSeed {
  number?: number;
  title: string;
  body?: string | null;
  state?: 'open' | 'closed';
  stateReason?: StateReason | null;
  /** added by the author when opening (a labeled event by the author) */
  labels?: string[];
  assignees?: string[];
  /** author login, default 'octocat' */
  user?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface PullRecord {
  number: number;
  title: string;
  body: string | null;
  user: string;
  state: 'open' | 'closed';
  draft: boolean;
  mergedAt: string | null;
  mergeCommitSha: string | null;
  mergedBy: string | null;
  baseRef: string;
  baseSha: string;
  headRef: string;
  headSha: string;
  fromFork: boolean;
  /** the head branch's commits, oldest first; the last is headSha */
  commits: string[];
  /** a rebase merge's copies of `commits` on the base branch, oldest first */
  rebasedCommits: string[];
  labels: string[];
  assignees: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface PullRequestSeed {
  /** default: the next free number */
  number?: number;
  title?: string;
  body?: string | null;
  /** author login; default 'octocat' ('fork-user' for a fork) */
  user?: string;
  /** default 'closed' when mergedAt is set, else 'open' */
  state?: 'open' | 'closed';
  draft?: boolean;
  /** set for a merged pull request */
  mergedAt?: string | null;
  /**
   * merge commit, squash commit, or the last rebased commit (default: the last of
   * rebasedCommits); for an open pull request GitHub shows its test merge commit here
   */
  mergeCommitSha?: string | null;
  /** login, default the author */
  mergedBy?: string;
  baseRef?: string;
  baseSha?: string;
  headRef?: string;
  /** default: the last of commits */
  headSha?: string;
  fromFork?: boolean;
  /** the head branch's commits, oldest first; default [headSha] */
  commits?: string[];
  /** for a rebase merge: the copies of `commits` the merge put on the base branch, oldest first */
  rebasedCommits?: string[];
  /** added by the author when opening (a labeled event by the author) */
  labels?: string[];
  assignees?: string[];
  createdAt?: string;
}

/** A label added to or removed from an issue or pull request: what the events endpoint lists. */
export interface IssueEventRecord {
  id: number;
  issueNumber: number;
  event: 'labeled' | 'unlabeled';
  label: string;
  /** login of who changed the label */
  actor: string;
  createdAt: string;
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

/** The labels every new repository starts with. */
const DEFAULT_LABELS: [string, string, string][] = [
  ['bug', 'd73a4a', "Something isn't working"],
  ['documentation', '0075ca', 'Improvements or additions to documentation'],
  ['duplicate', 'cfd3d7', 'This issue or pull request already exists'],
  ['enhancement', 'a2eeef', 'New feature or request'],
  ['good first issue', '7057ff', 'Good for newcomers'],
  ['help wanted', '008672', 'Extra attention is needed'],
  ['invalid', 'e4e669', "This doesn't seem right"],
  ['question', 'd876e3', 'Further information is requested'],
  ['wontfix', 'ffffff', 'This will not be worked on'],
];

/** The colour GitHub gives a label that an issue created implicitly. */
const IMPLICIT_LABEL_COLOR = 'ededed';

function fakeSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

function checkSha(sha: string, what: string): string {
  if (!isFullSha(sha)) throw new Error(`${what}: "${sha}" is not 40 lowercase hex digits`);
  return sha;
}

export class IssueTracker {
  readonly issues = new Map<number, IssueRecord>();
  readonly pulls = new Map<number, PullRecord>();
  /** keyed by lower-case name: GitHub label names are case-insensitive */
  readonly labels = new Map<string, LabelRecord>();
  /** oldest first, as GitHub lists them */
  readonly events: IssueEventRecord[] = [];
  private nextLabelId = 5_200_000_001;
  private nextEventId = 16_000_000_001;

  /** `numbersInUse` adds numbers the tracker does not hold, e.g. issues only commented on */
  constructor(private readonly numbersInUse: () => Iterable<number> = () => []) {
    for (const [name, color, description] of DEFAULT_LABELS) this.addLabel(name, color, description, true);
  }

  private addLabel(name: string, color: string, description: string | null, isDefault: boolean): LabelRecord {
    const rec: LabelRecord = { id: this.nextLabelId, name, color, description, default: isDefault };
    this.nextLabelId += 1 + Math.floor(Math.random() * 7);
    this.labels.set(name.toLowerCase(), rec);
    return rec;
  }

  /** The repository's spelling of each name, creating the missing labels (GitHub does, given push access). */
  ensureLabels(names: string[]): string[] {
    const out: string[] = [];
    for (const raw of names) {
      const name = raw.trim();
      if (name === '' || out.some((n) => n.toLowerCase() === name.toLowerCase())) continue;
      out.push((this.labels.get(name.toLowerCase()) ?? this.addLabel(name, IMPLICIT_LABEL_COLOR, null, false)).name);
    }
    return out;
  }

  label(name: string): LabelRecord | undefined {
    return this.labels.get(name.toLowerCase());
  }

  /** The labeled and unlabeled events of a change from `before` to `after`, by `actor`. */
  recordLabelChange(issueNumber: number, before: readonly string[], after: readonly string[], actor: string, at = isoNow()): void {
    const has = (list: readonly string[], name: string): boolean => list.some((l) => l.toLowerCase() === name.toLowerCase());
    const changes = [
      ...before.filter((l) => !has(after, l)).map((label) => ({ event: 'unlabeled' as const, label })),
      ...after.filter((l) => !has(before, l)).map((label) => ({ event: 'labeled' as const, label })),
    ];
    for (const change of changes) {
      this.events.push({ id: this.nextEventId, issueNumber, ...change, actor, createdAt: at });
      this.nextEventId += 1 + Math.floor(Math.random() * 9);
    }
  }

  /** Someone adds a label on github.com: nothing happens when it is there already, as there. */
  labelIssue(issueNumber: number, name: string, actor: string): void {
    const rec = this.issues.get(issueNumber) ?? this.pulls.get(issueNumber);
    if (!rec) throw new Error(`addLabel: #${issueNumber} is neither an issue nor a pull request; seed it first`);
    const after = [...rec.labels, ...this.ensureLabels([name]).filter((l) => !rec.labels.some((x) => x.toLowerCase() === l.toLowerCase()))];
    this.recordLabelChange(issueNumber, rec.labels, after, actor);
    rec.labels = after;
    rec.updatedAt = isoNow();
  }

  isTaken(n: number): boolean {
    return this.issues.has(n) || this.pulls.has(n);
  }

  nextNumber(): number {
    let max = 0;
    for (const n of this.issues.keys()) max = Math.max(max, n);
    for (const n of this.pulls.keys()) max = Math.max(max, n);
    for (const n of this.numbersInUse()) max = Math.max(max, n);
    return max + 1;
  }

  private claim(n: number | undefined, what: string): number {
    if (n === undefined) return this.nextNumber();
    if (!Number.isInteger(n) || n < 1) throw new Error(`${what}: number ${n} is not a positive integer`);
    if (this.isTaken(n)) throw new Error(`${what}: #${n} is taken (issues and pull requests share one number sequence)`);
    return n;
  }

  addIssue(seed: IssueSeed): IssueRecord {
    const number = this.claim(seed.number, 'addIssue');
    const createdAt = seed.createdAt === undefined ? isoNow() : githubTime(seed.createdAt, `addIssue #${number} createdAt`);
    const updatedAt = seed.updatedAt === undefined ? createdAt : githubTime(seed.updatedAt, `addIssue #${number} updatedAt`);
    const state = seed.state ?? 'open';
    const rec: IssueRecord = {
      number,
      title: seed.title,
      body: seed.body ?? null,
      state,
      stateReason: seed.stateReason ?? (state === 'closed' ? 'completed' : null),
      labels: this.ensureLabels(seed.labels ?? []),
      assignees: [...(seed.assignees ?? [])],
      user: seed.user ?? 'octocat',
      createdAt,
      updatedAt,
      closedAt: state === 'closed' ? updatedAt : null,
      closedBy: state === 'closed' ? (seed.user ?? 'octocat') : null,
    };
    this.issues.set(number, rec);
    // Labels given when opening were added by whoever opened it.
    this.recordLabelChange(number, [], rec.labels, rec.user, createdAt);
    return rec;
  }

  addPullRequest(seed: PullRequestSeed): PullRecord {
    const number = this.claim(seed.number, 'addPullRequest');
    const what = `addPullRequest #${number}`;
    const commits = (seed.commits ?? []).map((c) => checkSha(c, `${what} commits`));
    const headSha = checkSha(seed.headSha ?? commits.at(-1) ?? fakeSha(`head of #${number}`), `${what} headSha`);
    if (commits.length === 0) commits.push(headSha);
    if (commits.at(-1) !== headSha) throw new Error(`${what}: headSha ${headSha} is not the last of commits`);
    const rebasedCommits = (seed.rebasedCommits ?? []).map((c) => checkSha(c, `${what} rebasedCommits`));
    const mergedAt = seed.mergedAt ? githubTime(seed.mergedAt, `${what} mergedAt`) : null;
    const state = seed.state ?? (mergedAt ? 'closed' : 'open');
    if (mergedAt && state === 'open') throw new Error(`${what}: a merged pull request is closed`);
    const mergeCommitSha = seed.mergeCommitSha === undefined ? (rebasedCommits.at(-1) ?? null) : seed.mergeCommitSha;
    if (mergeCommitSha !== null) checkSha(mergeCommitSha, `${what} mergeCommitSha`);
    const fromFork = seed.fromFork ?? false;
    const user = seed.user ?? (fromFork ? 'fork-user' : 'octocat');
    const opened = mergedAt ? Date.parse(mergedAt) - 3_600_000 : Date.now() - 86_400_000;
    const createdAt = githubTime(seed.createdAt ?? new Date(opened).toISOString(), `${what} createdAt`);
    const closedAt = state === 'closed' ? (mergedAt ?? isoNow()) : null;
    const rec: PullRecord = {
      number,
      title: seed.title ?? `Pull request ${number}`,
      body: seed.body ?? null,
      user,
      state,
      draft: seed.draft ?? false,
      mergedAt,
      mergeCommitSha,
      mergedBy: mergedAt ? (seed.mergedBy ?? user) : null,
      baseRef: seed.baseRef ?? 'main',
      baseSha: checkSha(seed.baseSha ?? fakeSha(`base of #${number}`), `${what} baseSha`),
      headRef: seed.headRef ?? `feature-${number}`,
      headSha,
      fromFork,
      commits,
      rebasedCommits,
      labels: this.ensureLabels(seed.labels ?? []),
      assignees: [...(seed.assignees ?? [])],
      createdAt,
      updatedAt: closedAt ?? createdAt,
      closedAt,
    };
    this.pulls.set(number, rec);
    this.recordLabelChange(number, [], rec.labels, user, createdAt);
    return rec;
  }

  /** Opened through the API, by the token's user. */
  createIssue(fields: { title: string; body: string | null; labels: string[]; assignees: string[] }, login: string): IssueRecord {
    return this.addIssue({ ...fields, user: login });
  }

  /**
   * What "list pull requests associated with a commit" answers for a SHA: pull requests it was
   * merged as (merge or squash commit, the last rebased commit), each rebased copy, and those
   * whose head branch holds it. GitHub lists "merged and open" ones: closed unmerged are left out.
   */
  pullsForCommit(sha: string): PullRecord[] {
    return [...this.pulls.values()]
      .filter((p) => p.state === 'open' || p.mergedAt !== null)
      .filter((p) => (p.mergedAt !== null && p.mergeCommitSha === sha) || p.commits.includes(sha) || p.rebasedCommits.includes(sha))
      .sort((a, b) => a.number - b.number);
  }

  /** Does any pull request name this commit? GitHub knows those commits even when no test seeded them. */
  mentionsCommit(sha: string): boolean {
    for (const p of this.pulls.values()) {
      if (p.headSha === sha || p.mergeCommitSha === sha || p.commits.includes(sha) || p.rebasedCommits.includes(sha)) return true;
    }
    return false;
  }
}
