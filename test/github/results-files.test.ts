import { describe, expect, it } from 'vitest';
import { pickResultsArtifact, resultsArtifactName } from '../../src/github/results-files.js';

const artifact = (id: number, name: string, expired = false) => ({ id, name, size_in_bytes: 100, expired });

describe('results artifact names', () => {
  it('keeps the plain name for a first attempt and numbers the re-runs', () => {
    expect(resultsArtifactName('perfgate-results', 1)).toBe('perfgate-results');
    expect(resultsArtifactName('perfgate-results', 3)).toBe('perfgate-results-attempt-3');
  });

  it('picks the latest attempt up to the one that triggered the report', () => {
    const listed = [artifact(1, 'perfgate-results'), artifact(2, 'perfgate-results-attempt-2'), artifact(3, 'perfgate-results-attempt-3'), artifact(4, 'perfgate-baseline')];
    expect(pickResultsArtifact(listed, 'perfgate-results', 2)?.id).toBe(2);
    expect(pickResultsArtifact(listed, 'perfgate-results')?.id).toBe(3);
    expect(pickResultsArtifact(listed, 'perfgate-results', 1)?.id).toBe(1);
  });

  it('ignores names that only look alike', () => {
    const listed = [artifact(1, 'perfgate-results-attempt-x'), artifact(2, 'perfgate-results-attempt-02'), artifact(3, 'perfgate-results2'), artifact(4, 'other')];
    expect(pickResultsArtifact(listed, 'perfgate-results', 5)).toBeNull();
  });
});
