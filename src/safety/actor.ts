import type { RunContext } from '../context.js'
import type { Route } from '../config/router.js'
import type { Octokit } from '../github/octokit.js'
import { getPermission } from '../github/permissions.js'
/**
 * Who may make pitcrew act. A person needs write access to the repository (anyone can comment
 * `/pitcrew fix` on a public repo); a bot is trusted only when listed by its exact login, since
 * any GitHub App can be named `something[bot]`.
 */

export interface ActorCheckInput {
  login: string | null | undefined
  /** The event's `sender.type === 'Bot'`; a login ending in `[bot]` counts as a bot either way. */
  isBot?: boolean
  /** The actor's permission on the repository: `admin`, `maintain`, `write`, `triage`, `read`, `none`. */
  getPermission: (login: string) => Promise<string | null | undefined>
  /** Bot logins trusted by exact (case-insensitive) login, e.g. `renovate[bot]`. No wildcards. */
  allowedBots?: readonly string[]
}

export interface ActorCheck {
  allowed: boolean
  reason: string
}

const WRITE_PERMISSIONS = new Set(['admin', 'maintain', 'write'])

/**
 * Decides whether the actor may trigger a run. Fails closed: an unknown actor, an error while
 * looking up the permission, or an unrecognised permission is a refusal, with the reason.
 */
export async function checkActor(input: ActorCheckInput): Promise<ActorCheck> {
  const login = (input.login ?? '').trim()
  if (login === '') return { allowed: false, reason: 'The triggering actor is unknown.' }
  const looksLikeBot = input.isBot === true || /\[bot\]$/i.test(login)
  if (looksLikeBot) {
    const listed = (input.allowedBots ?? []).some(
      (b) => b.trim().toLowerCase() === login.toLowerCase(),
    )
    return listed
      ? { allowed: true, reason: `Bot '${login}' is listed in allowed bots.` }
      : {
          allowed: false,
          reason: `Bot '${login}' is not listed in allowed bots; bots are trusted only by exact login.`,
        }
  }
  let permission: string | null | undefined
  try {
    permission = await input.getPermission(login)
  } catch (err) {
    return {
      allowed: false,
      reason: `Could not read the permission of '${login}': ${(err as Error)?.message ?? String(err)}.`,
    }
  }
  const level = (permission ?? 'none').toLowerCase()
  if (WRITE_PERMISSIONS.has(level)) {
    return { allowed: true, reason: `'${login}' has ${level} permission.` }
  }
  return {
    allowed: false,
    reason: `'${login}' has ${level} permission; write, maintain or admin is required.`,
  }
}

/** Events a person (or a bot) causes directly; their actor must have write access. */
const PERSON_EVENTS = new Set([
  'issue_comment',
  'pull_request_review_comment',
  'pull_request_target',
  'workflow_run',
])

/**
 * Who may make pitcrew act: a person needs write access for the events they cause directly
 * (comment commands, pull_request_target, a failed run they triggered); a bot only when listed
 * by exact login. Returns the reason to skip, or null.
 */
export async function actorRefusal(
  ctx: RunContext,
  route: Route,
  allowedBots: string[],
  octokit: Octokit | null,
): Promise<string | null> {
  // Creating a deployment already takes write access, and deploy apps (bots) create most of
  // them: the deployment_status trigger is not a person to check.
  if (ctx.eventName === 'deployment_status') return null
  const needsWrite = PERSON_EVENTS.has(ctx.eventName)
  const login = route.triggeringActor
  if (!login) {
    return needsWrite
      ? `The actor of this '${ctx.eventName}' event is unknown; pitcrew acts only for actors whose permission it can check.`
      : null
  }
  const sender = ctx.payload.sender as { login?: string; type?: string } | undefined
  const isBot = login.endsWith('[bot]') || (sender?.login === login && sender.type === 'Bot')
  if (!isBot && !needsWrite) return null
  const verdict = await checkActor({
    login,
    isBot,
    allowedBots,
    getPermission: async (user) => {
      if (!octokit) return 'none'
      return getPermission(octokit, ctx.owner, ctx.repo, user)
    },
  })
  return verdict.allowed ? null : verdict.reason
}
