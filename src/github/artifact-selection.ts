/** An artifact as GET /repos/{o}/{r}/actions/artifacts lists it (the fields perfgate reads). */
export interface WorkflowArtifact {
  id: number;
  name: string;
  size_in_bytes: number;
  expired: boolean;
  created_at: string | null;
  expires_at?: string | null;
  workflow_run?: {
    id?: number;
    repository_id?: number;
    head_repository_id?: number;
    head_branch?: string;
    head_sha?: string;
  } | null;
}

export interface BaselineCriteria {
  name: string;
  baseBranch: string;
  /** The base commit of the pull request: its own artifact beats a newer one. */
  baseSha?: string;
  /** This repository's id: an artifact listed for it must have been made by it. */
  repositoryId?: number;
  /** Milliseconds since the epoch; an artifact past expires_at is about to answer 410. */
  now?: number;
}

export interface BaselinePick {
  artifact: WorkflowArtifact | null;
  /** One line per artifact that was passed over, and why (for a debug log). */
  skipped: string[];
}

function whyNot(artifact: WorkflowArtifact, criteria: BaselineCriteria): string | null {
  const run = artifact.workflow_run;
  if (artifact.name !== criteria.name) return `named "${artifact.name}"`;
  if (artifact.expired) return 'expired';
  if (criteria.now !== undefined && artifact.expires_at && Date.parse(artifact.expires_at) <= criteria.now) return `expires at ${artifact.expires_at}`;
  if (!run) return 'no workflow run is recorded';
  if (run.head_branch !== criteria.baseBranch) return `made on branch "${run.head_branch ?? '?'}", not "${criteria.baseBranch}"`;
  // A fork can have its own branch of the same name; its pull_request runs land in this repository.
  if (run.head_repository_id === undefined || run.head_repository_id !== run.repository_id) {
    return `made from a branch of another repository (id ${run.head_repository_id ?? '?'})`;
  }
  if (criteria.repositoryId !== undefined && run.repository_id !== criteria.repositoryId) {
    return `made in repository id ${run.repository_id ?? '?'}, not ${criteria.repositoryId}`;
  }
  return null;
}

function createdMs(artifact: WorkflowArtifact): number {
  const ms = artifact.created_at ? Date.parse(artifact.created_at) : NaN;
  return Number.isNaN(ms) ? -Infinity : ms;
}

/** The base branch's own usable artifacts, newest first (ties: the higher id, made later). */
export function usableBaselineArtifacts(artifacts: readonly WorkflowArtifact[], criteria: BaselineCriteria): BaselinePick & { usable: WorkflowArtifact[] } {
  const skipped: string[] = [];
  const usable: WorkflowArtifact[] = [];
  for (const artifact of artifacts) {
    const reason = whyNot(artifact, criteria);
    if (reason) skipped.push(`artifact ${artifact.id} (run ${artifact.workflow_run?.id ?? '?'}): ${reason}`);
    else usable.push(artifact);
  }
  usable.sort((a, b) => createdMs(b) - createdMs(a) || b.id - a.id);
  return { artifact: usable[0] ?? null, usable, skipped };
}

/**
 * Picks the baseline among listed artifacts: only the base branch's own runs count; the one built
 * from the pull request's base commit wins, else the newest.
 */
export function pickBaselineArtifact(artifacts: readonly WorkflowArtifact[], criteria: BaselineCriteria): BaselinePick {
  const { usable, skipped } = usableBaselineArtifacts(artifacts, criteria);
  const exact = criteria.baseSha ? usable.find((a) => a.workflow_run?.head_sha === criteria.baseSha) : undefined;
  return { artifact: exact ?? usable[0] ?? null, skipped };
}
