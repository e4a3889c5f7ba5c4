import type { GitHubClient } from './octokit-client.js';

/** GitHub refuses issue bodies over 65,536 characters. */
const MAX_BODY = 65_536;
/** Incidents are recent; older issues are not searched for the marker. */
const MAX_PAGES = 5;

export function incidentMarker(commit: string): string {
  return `<!-- perfgate:incident commit=${commit} -->`;
}

export interface IncidentRequest {
  owner: string;
  repo: string;
  /** The merge the incident is about: one issue per merge commit. */
  commit: string;
  title: string;
  body: string;
  labels: string[];
  log: (line: string) => void;
}

export interface IncidentOutcome {
  action: 'created' | 'updated';
  number: number;
  url: string;
}

interface FoundIssue {
  number: number;
  html_url: string;
  body?: string | null;
  pull_request?: unknown;
}

async function findIncidents(client: GitHubClient, request: IncidentRequest): Promise<FoundIssue[]> {
  const marker = incidentMarker(request.commit);
  const found: FoundIssue[] = [];
  let pages = 0;
  const iterator = client.paginate.iterator(client.rest.issues.listForRepo, {
    owner: request.owner,
    repo: request.repo,
    state: 'all',
    sort: 'created',
    direction: 'desc',
    per_page: 100,
    ...(request.labels.length > 0 ? { labels: request.labels.join(',') } : {}),
  });
  for await (const page of iterator) {
    for (const issue of page.data as FoundIssue[]) {
      if (!issue.pull_request && typeof issue.body === 'string' && issue.body.startsWith(marker)) found.push(issue);
    }
    if (++pages >= MAX_PAGES) break;
  }
  // Oldest first: the first one opened is the incident, later ones are duplicates of a race.
  return found.sort((a, b) => a.number - b.number);
}

function fullBody(request: IncidentRequest): string {
  const text = `${incidentMarker(request.commit)}\n${request.body}`;
  return text.length <= MAX_BODY ? text : `${text.slice(0, MAX_BODY - 60)}\n\n… cut at GitHub's limit.`;
}

/**
 * Opens the incident issue of a merge, or brings the open one up to date when the run is repeated.
 * Two runs racing each other may both open one: the newer is closed as a duplicate of the older.
 */
export async function upsertIncidentIssue(client: GitHubClient, request: IncidentRequest): Promise<IncidentOutcome> {
  const { owner, repo } = request;
  const body = fullBody(request);
  const existing = await findIncidents(client, request);
  if (existing.length > 0) {
    const keep = existing[0]!;
    // A closed incident stays closed: someone decided; the numbers are still brought up to date.
    const { data } = await client.rest.issues.update({ owner, repo, issue_number: keep.number, title: request.title, body });
    return { action: 'updated', number: data.number, url: data.html_url };
  }
  const { data: created } = await client.rest.issues.create({ owner, repo, title: request.title, body, labels: request.labels });
  const after = await findIncidents(client, request);
  const oldest = after[0];
  if (oldest && oldest.number !== created.number) {
    await client.rest.issues.update({ owner, repo, issue_number: created.number, state: 'closed', state_reason: 'not_planned', body: `${body}\n\nDuplicate of #${oldest.number}.` });
    const { data } = await client.rest.issues.update({ owner, repo, issue_number: oldest.number, title: request.title, body });
    request.log(`another run opened the incident issue first: updated #${oldest.number} and closed #${created.number}`);
    return { action: 'updated', number: data.number, url: data.html_url };
  }
  return { action: 'created', number: created.number, url: created.html_url };
}
