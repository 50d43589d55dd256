import { isStatus } from './errors.js'
import type { Octokit } from './octokit.js'

export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none'

const KNOWN: readonly Permission[] = ['admin', 'maintain', 'write', 'triage', 'read', 'none']

/**
 * A user's permission on a repository. `role_name` is preferred because the legacy
 * `permission` field folds maintain into write and triage into read. A 404 (not a user, not a
 * collaborator) is 'none': it must never grant anything.
 */
export async function getPermission(
  octokit: Octokit,
  owner: string,
  repo: string,
  login: string,
): Promise<Permission> {
  try {
    const res = await octokit.rest.repos.getCollaboratorPermissionLevel({
      owner,
      repo,
      username: login,
    })
    const role = res.data.role_name as string | undefined
    if (role && (KNOWN as readonly string[]).includes(role)) return role as Permission
    const perm = res.data.permission
    return (KNOWN as readonly string[]).includes(perm) ? (perm as Permission) : 'none'
  } catch (err) {
    if (isStatus(err, 404)) return 'none'
    throw err
  }
}

/** Write, maintain and admin may push; triage and read may not. */
export function canWrite(perm: Permission): boolean {
  return perm === 'admin' || perm === 'maintain' || perm === 'write'
}
