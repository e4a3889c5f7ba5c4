/** Test-side helpers: the real Octokit client, pointed at a test server. */
import { getOctokit } from '@actions/github';
import type { TestGitHub } from './index.js';

/** `@actions/github`'s Octokit (rest + paginate), as the action builds it, without retries. */
export function octokitFor(gh: TestGitHub, token = gh.token): ReturnType<typeof getOctokit> {
  return getOctokit(token, { baseUrl: gh.url });
}

/** The status of a failed Octokit call (RequestError), or 0 if it did not fail. */
export async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 0;
  } catch (err) {
    return (err as { status?: number }).status ?? -1;
  }
}
