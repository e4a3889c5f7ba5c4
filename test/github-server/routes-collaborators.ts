/** A user's permission on the repository: what an action asks before obeying a comment command. */
import type { RestRoutes } from './http-util.js';
import { sampleOf } from './openapi-sample.js';
import type { RepoRole } from './state.js';

/** The legacy `permission` field folds maintain into write and triage into read; `role_name` keeps the role. */
const BASE: Record<RepoRole, 'admin' | 'write' | 'read' | 'none'> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
  none: 'none',
};

const RANK: RepoRole[] = ['none', 'read', 'triage', 'write', 'maintain', 'admin'];

function flags(role: RepoRole): Record<string, boolean> {
  const atLeast = (r: RepoRole): boolean => RANK.indexOf(role) >= RANK.indexOf(r);
  return { pull: atLeast('read'), triage: atLeast('triage'), push: atLeast('write'), maintain: atLeast('maintain'), admin: atLeast('admin') };
}

export const collaboratorRoutes: RestRoutes = {
  'GET /repos/{owner}/{repo}/collaborators/{username}/permission': ({ state, pathParams }) => {
    const login = pathParams['username']!;
    const role = state.roleOf(login);
    return {
      status: 200,
      body: sampleOf('repository-collaborator-permission', {
        permission: BASE[role],
        role_name: role,
        user: { ...state.user(login), name: null, email: null, permissions: flags(role), role_name: role },
      }),
    };
  },
};
