/** Issue (and pull request) comments: list with GitHub's pagination, create, edit, delete. */
import { githubError, linkHeader, notFound, paginate, validationFailed } from './http-util.js';
import type { Reply, RestCtx, RestRoutes } from './http-util.js';

/** github.com refuses comment bodies over 65,536 characters (counted as code points). */
export const MAX_COMMENT_CHARS = 65_536;

function checkBody(body: string): Reply | undefined {
  const chars = [...body].length;
  if (chars > MAX_COMMENT_CHARS) {
    return {
      ...validationFailed('IssueComment', 'body', `body is too long (maximum is ${MAX_COMMENT_CHARS} characters)`),
      rejected: `comment body has ${chars} characters, over GitHub's limit of ${MAX_COMMENT_CHARS}`,
    };
  }
  if (body.trim() === '') {
    return {
      ...githubError(422, 'Validation Failed', { errors: [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }] }),
      rejected: 'comment body is blank',
    };
  }
  return undefined;
}

function find({ state, pathParams }: RestCtx): ReturnType<RestCtx['state']['commentsOf']>[number] | undefined {
  const id = Number(pathParams['comment_id']);
  return state.commentRecords.find((c) => c.id === id);
}

export const commentRoutes: RestRoutes = {
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': ({ state, pathParams, query }) => {
    const n = Number(pathParams['issue_number']);
    let list = state.commentsOf(n);
    const since = query['since'];
    if (since !== undefined) {
      if (Number.isNaN(Date.parse(since))) return { ...githubError(422, `Invalid value for since: ${since}`), rejected: `since is not a timestamp: ${since}` };
      list = list.filter((c) => Date.parse(c.updatedAt) >= Date.parse(since));
    }
    // GitHub's Link URLs use the repository id form; clients must follow them as given
    const page = paginate(list, query, `${state.apiUrl}/repositories/${state.repositoryId}/issues/${n}/comments`);
    return { status: 200, body: page.items.map((c) => state.renderComment(c)), headers: linkHeader(page) };
  },

  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': ({ state, pathParams, body }) => {
    const text = (body as { body: string }).body;
    const refused = checkBody(text);
    if (refused) return refused;
    const rec = state.addComment(Number(pathParams['issue_number']), text, state.tokenUser);
    const rendered = state.renderComment(rec);
    return { status: 201, body: rendered, headers: { location: rendered.url } };
  },

  'GET /repos/{owner}/{repo}/issues/comments/{comment_id}': (ctx) => {
    const c = find(ctx);
    return c ? { status: 200, body: ctx.state.renderComment(c) } : notFound();
  },

  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': (ctx) => {
    const c = find(ctx);
    if (!c) return notFound();
    const text = (ctx.body as { body: string }).body;
    const refused = checkBody(text);
    if (refused) return refused;
    c.body = text;
    c.updatedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    return { status: 200, body: ctx.state.renderComment(c) };
  },

  'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}': (ctx) => {
    const c = find(ctx);
    if (!c) return notFound();
    ctx.state.commentRecords.splice(ctx.state.commentRecords.indexOf(c), 1);
    return { status: 204 };
  },
};
