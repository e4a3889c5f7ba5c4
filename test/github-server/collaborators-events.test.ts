import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGitHub, type TestGitHub } from './index.js';
import { octokitFor, statusOf } from './octokit.js';

let gh: TestGitHub;

beforeAll(async () => {
  gh = await startTestGitHub({ owner: 'octo-org', repo: 'octo-repo', repositoryId: 7373 });
});

afterAll(async () => {
  await gh.close();
});

describe('collaborator permission', () => {
  it('folds maintain into write and triage into read, keeping the role name; others read a public repository', async () => {
    const octokit = octokitFor(gh);
    gh.setPermission('Mia', 'maintain');
    gh.setPermission('tom', 'triage');
    gh.setPermission('nobody', 'none');
    const ask = async (username: string) => {
      const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner: gh.owner, repo: gh.repo, username });
      return [data.permission, data.role_name, data.user?.login, data.user?.permissions?.push];
    };
    expect(await ask('mia')).toEqual(['write', 'maintain', 'mia', true]);
    expect(await ask('tom')).toEqual(['read', 'triage', 'tom', false]);
    expect(await ask('nobody')).toEqual(['none', 'none', 'nobody', false]);
    expect(await ask('someone')).toEqual(['read', 'read', 'someone', false]);
    expect(await ask('octo-org')).toEqual(['admin', 'admin', 'octo-org', true]);
    expect([gh.validationErrors, gh.responseErrors]).toEqual([[], []]);
  });
});

describe('issue events', () => {
  it('lists who added and removed labels, oldest first, through seeds, the API and addLabel', async () => {
    const octokit = octokitFor(gh);
    gh.addPullRequest({ number: 5, user: 'carol', labels: ['bug'] });
    gh.addLabel(5, 'perfgate:accept', 'mia');
    gh.addLabel(5, 'perfgate:accept', 'tom');
    await octokit.rest.issues.update({ owner: gh.owner, repo: gh.repo, issue_number: 5, labels: ['perfgate:accept'] });
    const events = await octokit.paginate(octokit.rest.issues.listEvents, { owner: gh.owner, repo: gh.repo, issue_number: 5, per_page: 2 });
    expect(events.map((e) => [e.event, (e as { label?: { name: string } }).label?.name, e.actor?.login])).toEqual([
      ['labeled', 'bug', 'carol'],
      ['labeled', 'perfgate:accept', 'mia'],
      ['unlabeled', 'bug', 'github-actions[bot]'],
    ]);
    expect(await statusOf(octokit.rest.issues.listEvents({ owner: gh.owner, repo: gh.repo, issue_number: 999 }))).toBe(404);
    expect(() => gh.addLabel(998, 'x')).toThrow(/seed it first/);
    expect([gh.validationErrors, gh.responseErrors]).toEqual([[], []]);
  });
});
