import { describe, expect, it } from 'vitest';
import { matchPath, resolveSpecRef, specDoc, validateRequest, validateResponse } from './openapi-validator.js';

/** The description's own example bodies: real GitHub answers, so the converted schemas must accept them. */
function example(method: string, template: string, status: string): unknown {
  const doc = specDoc();
  const content = doc.paths[template][method].responses[status].content['application/json'];
  return resolveSpecRef(doc, Object.values<unknown>(content.examples)[0]).value;
}

const get = (path: string, query: Record<string, string> = {}) => validateRequest({ method: 'GET', path, query, body: undefined, bodyIsJson: false });

describe('openapi-validator', () => {
  it('matches concrete paths to templates, literal segments first', () => {
    expect(matchPath('/repos/o/r/issues/comments/5')?.template).toBe('/repos/{owner}/{repo}/issues/comments/{comment_id}');
    expect(matchPath('/repos/o/r/issues/5/comments')?.template).toBe('/repos/{owner}/{repo}/issues/{issue_number}/comments');
    expect(matchPath('/repos/o/r/actions/artifacts/9/zip')?.pathParams).toEqual({ owner: 'o', repo: 'r', artifact_id: '9', archive_format: 'zip' });
    expect(matchPath('/repos/o/r/nothing-here')).toBeUndefined();
  });

  it('checks path and query parameters', () => {
    expect(get('/repos/o/r/issues/5/comments', { per_page: '100', page: '2', since: '2026-01-01T00:00:00Z' }).errors).toEqual([]);
    expect(get('/repos/o/r/issues/abc/comments')).toMatchObject({ status: 404, errors: [expect.stringMatching(/issue_number must be an integer/)] });
    expect(get('/repos/o/r/actions/runs/1/artifacts', { direction: 'sideways' }).errors).toEqual([expect.stringMatching(/direction must be one of asc, desc/)]);
    expect(get('/repos/o/r/actions/artifacts', { nmae: 'x' }).errors).toEqual([expect.stringMatching(/"nmae" is not declared/)]);
  });

  it('checks JSON bodies, with nullable fields and no unknown top-level keys', () => {
    const post = (body: unknown, bodyIsJson = true) => validateRequest({ method: 'POST', path: '/repos/o/r/statuses/abc', query: {}, body, bodyIsJson });
    expect(post({ state: 'success', description: null, target_url: null, context: 'ci' }).errors).toEqual([]);
    expect(post({ state: 'fine' }).errors).toEqual([expect.stringMatching(/state must be equal to one of the allowed values/)]);
    expect(post({ state: 'success', descripton: 'typo' }).errors).toEqual([expect.stringMatching(/additional properties "descripton"/)]);
    expect(post('{not json', false).status).toBe(400);
    expect(validateRequest({ method: 'POST', path: '/repos/o/r/issues/1/comments', query: {}, body: undefined, bodyIsJson: false }).errors).toEqual([
      expect.stringMatching(/request body is required/),
    ]);
    expect(validateRequest({ method: 'DELETE', path: '/repos/o/r/issues/comments/1', query: {}, body: { x: 1 }, bodyIsJson: true }).errors).toEqual([
      expect.stringMatching(/takes no request body/),
    ]);
  });

  it("accepts GitHub's own example responses", () => {
    const cases: [string, string, string, string, string][] = [
      ['get', '/repos/{owner}/{repo}/issues/{issue_number}/comments', '200', 'GET', '/repos/o/r/issues/1/comments'],
      ['get', '/repos/{owner}/{repo}/actions/artifacts', '200', 'GET', '/repos/o/r/actions/artifacts'],
      ['post', '/repos/{owner}/{repo}/statuses/{sha}', '201', 'POST', '/repos/o/r/statuses/abc'],
      ['post', '/repos/{owner}/{repo}/issues', '201', 'POST', '/repos/o/r/issues'],
    ];
    for (const [m, t, status, method, path] of cases) expect(validateResponse(method, path, Number(status), example(m, t, status))).toEqual([]);
  });

  it('catches wrong response shapes, undeclared statuses and missing bodies', () => {
    const artifacts = example('get', '/repos/{owner}/{repo}/actions/artifacts', '200') as { artifacts: Record<string, unknown>[] };
    const nulled = structuredClone(artifacts);
    nulled.artifacts[0]!['workflow_run'] = null; // nullable in the description
    nulled.artifacts[0]!['expires_at'] = null;
    expect(validateResponse('GET', '/repos/o/r/actions/artifacts', 200, nulled)).toEqual([]);
    const broken = structuredClone(artifacts);
    broken.artifacts[0]!['expired'] = 'no';
    expect(validateResponse('GET', '/repos/o/r/actions/artifacts', 200, broken)).toEqual([expect.stringMatching(/artifacts\/0\/expired must be boolean/)]);
    expect(validateResponse('GET', '/repos/o/r/actions/artifacts', 201, artifacts)).toEqual([expect.stringMatching(/status 201 is not declared/)]);
    expect(validateResponse('GET', '/repos/o/r/actions/artifacts/1/zip', 302, undefined)).toEqual([]);
    expect(validateResponse('GET', '/repos/o/r/issues/1/comments', 200, undefined)).toEqual([expect.stringMatching(/declares a body but none was sent/)]);
  });
});
