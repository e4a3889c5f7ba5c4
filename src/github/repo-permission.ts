import type { GitHubClient } from './octokit-client.js';
import { statusOf } from './http-status.js';

/**
 * What a user may do on the repository: a known role, or why it could not be read (`role` null).
 * `role` is the role's own name (triage, maintain, or a custom role), for the words of a reply.
 */
export type Access = { allowed: boolean; role: string } | { allowed: false; role: null; status: number | undefined; message: string };

/** Roles that can push; `permission` folds maintain into write, `role_name` keeps it. */
const WRITERS = new Set(['admin', 'maintain', 'write']);

/**
 * GET /repos/{owner}/{repo}/collaborators/{username}/permission. GitHub lists it under the
 * "Metadata" repository permission (read), which every GITHUB_TOKEN has, and a fine-grained
 * token with Metadata: read alone has been reported to get 200 (aenix-io/aeman#161). GitHub has
 * also answered 403 "Must have push access to view collaborator permission." to callers
 * without push access (yegor256/rultor#1407): the read-only token of a pull request from a fork
 * is one. For a public repository, anyone who is not a collaborator has "read"; a login that is
 * no user is 404.
 */
async function readAccess(client: GitHubClient, owner: string, repo: string, login: string): Promise<Access> {
  try {
    const { data } = await client.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: login });
    // A custom role keeps its name in role_name and its base role in permission.
    const allowed = WRITERS.has(data.permission) || WRITERS.has(data.role_name);
    return { allowed, role: data.role_name || data.permission };
  } catch (error) {
    const status = statusOf(error);
    if (status === 404) return { allowed: false, role: 'none' };
    return { allowed: false, role: null, status, message: error instanceof Error ? error.message.replace(/\s*\n\s*/g, ' ') : String(error) };
  }
}

/** One lookup per user and run, however many commands they wrote. */
export function permissionChecker(client: GitHubClient, owner: string, repo: string): (login: string) => Promise<Access> {
  const known = new Map<string, Promise<Access>>();
  return (login) => {
    const key = login.toLowerCase();
    let access = known.get(key);
    if (!access) known.set(key, (access = readAccess(client, owner, repo, login)));
    return access;
  };
}
