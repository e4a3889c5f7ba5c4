import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentMarker, upsertIncidentIssue } from '../../src/github/incident-issue.js';
import { startTestGitHub, type TestGitHub } from '../github-server/index.js';
import { octokitFor } from '../github-server/octokit.js';

let gh: TestGitHub;

beforeAll(async () => {
  gh = await startTestGitHub({ owner: 'octo-org', repo: 'octo-repo', repositoryId: 5151 });
});

afterAll(async () => {
  await gh?.close();
});

const request = (commit: string, body: string) => ({ owner: gh.owner, repo: gh.repo, commit, title: `revert ${commit}`, body, labels: ['perfgate:rollback'], log: () => {} });

describe('the incident issue of a merge', () => {
  it('is opened once and updated when the run is repeated', async () => {
    const client = octokitFor(gh);
    const first = await upsertIncidentIssue(client, request('a'.repeat(40), 'p95 250 ms'));
    const again = await upsertIncidentIssue(client, request('a'.repeat(40), 'p95 260 ms'));
    expect(first.action).toBe('created');
    expect(again).toEqual({ ...first, action: 'updated' });
    const issues = gh.issues().filter((i) => (i.body ?? '').startsWith(incidentMarker('a'.repeat(40))));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.body ?? '').toContain('p95 260 ms');
    expect(issues[0]!.labels).toEqual(['perfgate:rollback']);
    // Another merge is another incident.
    const other = await upsertIncidentIssue(client, request('b'.repeat(40), 'x'));
    expect(other.number).not.toBe(first.number);
    expect(gh.validationErrors).toEqual([]);
  });

  it('leaves one open issue when two runs of the same merge race', async () => {
    const client = octokitFor(gh);
    const commit = 'c'.repeat(40);
    await Promise.all([upsertIncidentIssue(client, request(commit, 'one')), upsertIncidentIssue(client, request(commit, 'two'))]);
    const mine = gh.issues().filter((i) => (i.body ?? '').startsWith(incidentMarker(commit)));
    expect(mine.filter((i) => i.state === 'open')).toHaveLength(1);
    expect(mine.filter((i) => i.state === 'closed').every((i) => (i.body ?? '').includes('Duplicate of #'))).toBe(true);
  });

  it('keeps a closed incident closed and brings its numbers up to date', async () => {
    const client = octokitFor(gh);
    const commit = 'd'.repeat(40);
    const opened = await upsertIncidentIssue(client, request(commit, 'first'));
    await client.rest.issues.update({ owner: gh.owner, repo: gh.repo, issue_number: opened.number, state: 'closed' });
    await upsertIncidentIssue(client, request(commit, 'second'));
    const issue = gh.issues().find((i) => i.number === opened.number)!;
    expect([issue.state, (issue.body ?? '').endsWith('second')]).toEqual(['closed', true]);
  });
});
