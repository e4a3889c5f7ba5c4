import { describe, expect, it } from 'vitest';
import { pickBaselineArtifact } from '../../src/github/artifact-selection.js';
import { artifact, REPO_ID } from './artifact-fixtures.js';

const BASE_SHA = 'b'.repeat(40);
const criteria = { name: 'perfgate-baseline', baseBranch: 'main', now: Date.parse('2026-11-20T00:00:00Z') };

describe('pickBaselineArtifact', () => {
  it('takes the newest usable artifact of the base branch', () => {
    const pick = pickBaselineArtifact(
      [artifact({ id: 1, created: '2026-11-01T00:00:00Z' }), artifact({ id: 3, created: '2026-11-03T00:00:00Z' }), artifact({ id: 2, created: '2026-11-02T00:00:00Z' })],
      criteria,
    );
    expect(pick.artifact?.id).toBe(3);
    expect(pick.skipped).toEqual([]);
  });

  it('prefers the artifact of the base commit over a newer one', () => {
    const pick = pickBaselineArtifact(
      [artifact({ id: 5, created: '2026-11-05T00:00:00Z' }), artifact({ id: 4, created: '2026-11-04T00:00:00Z', sha: BASE_SHA })],
      { ...criteria, baseSha: BASE_SHA },
    );
    expect(pick.artifact?.id).toBe(4);
  });

  it('falls back to the newest when no artifact has the base commit', () => {
    const pick = pickBaselineArtifact([artifact({ id: 5, created: '2026-11-05T00:00:00Z' }), artifact({ id: 6, created: '2026-11-06T00:00:00Z' })], { ...criteria, baseSha: BASE_SHA });
    expect(pick.artifact?.id).toBe(6);
  });

  it('breaks a tie of creation times by the higher id', () => {
    const pick = pickBaselineArtifact([artifact({ id: 7 }), artifact({ id: 9 }), artifact({ id: 8 })], criteria);
    expect(pick.artifact?.id).toBe(9);
  });

  it('passes over expired, other-branch, fork, other-name and soon-deleted artifacts, saying why', () => {
    const newest = '2026-11-19T00:00:00Z';
    const pick = pickBaselineArtifact(
      [
        artifact({ id: 10, created: newest, expired: true, sha: BASE_SHA }),
        artifact({ id: 11, created: newest, branch: 'feature', sha: BASE_SHA }),
        artifact({ id: 12, created: newest, fork: true, sha: BASE_SHA }),
        artifact({ id: 13, created: newest, name: 'perfgate-baseline-old' }),
        artifact({ id: 14, created: newest, expiresAt: '2026-11-19T12:00:00Z' }),
        artifact({ id: 15, created: '2026-10-01T00:00:00Z' }),
      ],
      { ...criteria, baseSha: BASE_SHA },
    );
    expect(pick.artifact?.id).toBe(15);
    expect(pick.skipped).toEqual([
      'artifact 10 (run 100): expired',
      'artifact 11 (run 110): made on branch "feature", not "main"',
      'artifact 12 (run 120): made from a branch of another repository (id 77)',
      'artifact 13 (run 130): named "perfgate-baseline-old"',
      'artifact 14 (run 140): expires at 2026-11-19T12:00:00Z',
    ]);
  });

  it('checks the repository id when it is known', () => {
    const foreign = artifact({ id: 20 });
    foreign.workflow_run = { ...foreign.workflow_run, repository_id: 5, head_repository_id: 5 };
    const pick = pickBaselineArtifact([foreign], { ...criteria, repositoryId: REPO_ID });
    expect(pick.artifact).toBeNull();
    expect(pick.skipped).toEqual(['artifact 20 (run 200): made in repository id 5, not 42']);
  });

  it('passes over an artifact without a workflow run', () => {
    const orphan = { ...artifact({ id: 30 }), workflow_run: null };
    expect(pickBaselineArtifact([orphan], criteria)).toEqual({ artifact: null, skipped: ['artifact 30 (run ?): no workflow run is recorded'] });
  });

  it('returns null for no artifacts', () => {
    expect(pickBaselineArtifact([], criteria)).toEqual({ artifact: null, skipped: [] });
  });
});
