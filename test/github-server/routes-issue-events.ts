/** The events of an issue or pull request: here the label changes, which say who added a label. */
import { linkHeader, nodeId, notFound, paginate } from './http-util.js';
import type { RestRoutes } from './http-util.js';
import type { IssueEventRecord } from './issue-tracker.js';
import type { State } from './state.js';

function renderEvent(state: State, e: IssueEventRecord): Record<string, unknown> {
  return {
    id: e.id,
    node_id: nodeId(e.event === 'labeled' ? 'LE' : 'UNLE', e.id),
    url: `${state.repoApi}/issues/events/${e.id}`,
    actor: state.user(e.actor),
    event: e.event,
    commit_id: null,
    commit_url: null,
    created_at: e.createdAt,
    performed_via_github_app: null,
    label: { name: e.label, color: state.tracker.label(e.label)?.color ?? 'ededed' },
  };
}

export const issueEventRoutes: RestRoutes = {
  'GET /repos/{owner}/{repo}/issues/{issue_number}/events': ({ state, pathParams, query }) => {
    const n = Number(pathParams['issue_number']);
    if (!state.tracker.isTaken(n)) return notFound();
    const list = state.tracker.events.filter((e) => e.issueNumber === n);
    const page = paginate(list, query, `${state.apiUrl}/repositories/${state.repositoryId}/issues/${n}/events`);
    return { status: 200, body: page.items.map((e) => renderEvent(state, e)), headers: linkHeader(page) };
  },
};
