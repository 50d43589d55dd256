/**
 * GitHub's advice against secondary rate limits, as the Octokit throttling plugin applies it,
 * without the plugin's scheduler (Bottleneck: ~200 kB of bundle, and a timer-driven queue that
 * added ~20 ms before a review's first model request):
 *
 * - writes (any method but GET and HEAD) and GraphQL requests start one at a time, at least
 *   `write` ms apart (1 s);
 * - writes that notify people (comments, reviews, issues, pull requests...) also at least
 *   `notifications` ms apart (3 s);
 * - searches at least `search` ms apart (2 s);
 * - at most `concurrent` requests in flight (10); a retry does not wait for a slot.
 *
 * The plugin's rate-limit retries are not kept: octokit.ts waits for rate limits itself. A
 * GraphQL answer that reports RATE_LIMITED is an error, as with the plugin.
 */
import type { Octokit as CoreOctokit } from '@octokit/core'

export interface SpacingMs {
  write: number
  notifications: number
  search: number
}

export const GITHUB_SPACING: SpacingMs = { write: 1_000, notifications: 3_000, search: 2_000 }

/** The paths of the writes that notify people (the plugin's list, from GitHub's docs). */
const NOTIFYING_PATHS = [
  '/orgs/{org}/invitations',
  '/orgs/{org}/invitations/{invitation_id}',
  '/orgs/{org}/teams/{team_slug}/discussions',
  '/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments',
  '/repos/{owner}/{repo}/collaborators/{username}',
  '/repos/{owner}/{repo}/commits/{commit_sha}/comments',
  '/repos/{owner}/{repo}/issues',
  '/repos/{owner}/{repo}/issues/{issue_number}/comments',
  '/repos/{owner}/{repo}/issues/{issue_number}/sub_issue',
  '/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority',
  '/repos/{owner}/{repo}/pulls',
  '/repos/{owner}/{repo}/pulls/{pull_number}/comments',
  '/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies',
  '/repos/{owner}/{repo}/pulls/{pull_number}/merge',
  '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
  '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
  '/repos/{owner}/{repo}/releases',
  '/teams/{team_id}/discussions',
  '/teams/{team_id}/discussions/{discussion_number}/comments',
]

const NOTIFYING = new RegExp(
  `^(?:${NOTIFYING_PATHS.map((p) =>
    p
      .split('/')
      .map((c) => (c.startsWith('{') ? '(?:.+?)' : c))
      .join('/'),
  )
    .map((r) => `(?:${r})`)
    .join('|')})[^/]*$`,
  'i',
)

/** Whether a write to `pathname` notifies people (GitHub asks for more room between those). */
export function notifiesPeople(pathname: string): boolean {
  return NOTIFYING.test(pathname)
}

/** Start times at least `ms` apart: each caller waits for its turn. */
class Gate {
  private next = 0

  wait(ms: number): Promise<void> {
    const now = Date.now()
    const at = Math.max(now, this.next)
    this.next = at + ms
    return at > now ? new Promise((r) => setTimeout(r, at - now)) : Promise.resolve()
  }
}

/** At most `max` at once; a released slot goes to the first in line. */
class Slots {
  private active = 0
  private readonly line: (() => void)[] = []

  constructor(private readonly max: number) {}

  async run<T>(fn: () => Promise<T>, jump: boolean): Promise<T> {
    if (jump) return fn()
    if (this.active < this.max) this.active++
    else await new Promise<void>((r) => this.line.push(r)) // the slot is handed over
    try {
      return await fn()
    } finally {
      const next = this.line.shift()
      if (next) next()
      else this.active--
    }
  }
}

interface Gates {
  write: Gate
  notifications: Gate
  search: Gate
  slots: Slots
}

const newGates = (): Gates => ({
  write: new Gate(),
  notifications: new Gate(),
  search: new Gate(),
  slots: new Slots(10),
})

/** GitHub's spacing applies per token and process: clients with the default spacing share it. */
const shared = newGates()

/**
 * The Octokit plugin. `ms` given: this client's own gates with that spacing (tests pass 0);
 * not given: GitHub's spacing, shared by every client of the process that does not give one.
 */
export function spacing(ms?: SpacingMs) {
  return (octokit: CoreOctokit): void => {
    const gates = ms ? newGates() : shared
    const space = ms ?? GITHUB_SPACING
    octokit.hook.wrap('request', async (request, options) => {
      const method = String(options.method ?? 'GET').toUpperCase()
      const pathname = new URL(String(options.url), 'http://github.test').pathname
      const graphql = pathname.startsWith('/graphql')
      const write = method !== 'GET' && method !== 'HEAD' && !isAuthRequest(method, pathname)
      if (write || graphql) await gates.write.wait(space.write)
      if (write && notifiesPeople(pathname)) await gates.notifications.wait(space.notifications)
      if (method === 'GET' && pathname.startsWith('/search/')) await gates.search.wait(space.search)
      // Set by the retry plugin on the attempts after the first.
      const retry = Number((options.request as { retryCount?: number })?.retryCount ?? 0) > 0
      const res = await gates.slots.run(async () => request(options), retry)
      if (graphql) {
        const errors = (res.data as { errors?: { type?: string }[] } | undefined)?.errors
        if (errors?.some((e) => e.type === 'RATE_LIMITED'))
          throw Object.assign(new Error('GraphQL Rate Limit Exceeded'), {
            response: res,
            data: res.data,
          })
      }
      return res
    })
  }
}

/** Token requests have their own limit (the plugin's `auth` group), not the write spacing. */
function isAuthRequest(method: string, pathname: string): boolean {
  return (
    (method === 'PATCH' && /^\/applications\/[^/]+\/token\/scoped$/.test(pathname)) ||
    (method === 'POST' &&
      (/^\/applications\/[^/]+\/token$/.test(pathname) ||
        /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname) ||
        pathname === '/login/oauth/access_token'))
  )
}
