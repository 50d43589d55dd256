/**
 * The rules the Octokit client applies to every request, as pure functions: which requests may
 * be sent again on their own (only those that cannot write twice), how long a rate limit asks
 * us to wait, and how long one attempt may last before the run's deadline. `octokit.ts` wires
 * them into the client's hooks; `idempotent.ts` decides for the writes that may not be resent.
 */
import { errorMessage, statusOf } from './errors.js'

/** The parts of Octokit's request options the rules look at. */
export interface RequestShape {
  method?: string
  url?: string
  /** Set on GraphQL requests (`octokit.graphql`). */
  query?: unknown
}

/**
 * POSTs that are idempotent by nature: adding labels or requesting reviewers twice leaves the
 * same state, a reaction by the same identity with the same content is answered with the one
 * that exists, and rendering Markdown writes nothing.
 */
const IDEMPOTENT_POSTS = [
  /\/issues\/\{issue_number\}\/labels$/,
  /\/issues\/\d+\/labels$/,
  /\/pulls\/\{pull_number\}\/requested_reviewers$/,
  /\/pulls\/\d+\/requested_reviewers$/,
  /^\/markdown(\/raw)?$/,
  /\/(issues|pulls)\/comments\/(\{comment_id\}|\d+)\/reactions$/,
]

/**
 * True when sending the request twice cannot write twice: GET, HEAD, PUT, PATCH and DELETE
 * (they set a state), a GraphQL query that is not a mutation, and the POSTs listed above. Every
 * other POST creates something (a review, a comment, a pull request, a deployment, a status, an
 * issue), so the client never resends it: after an unknown outcome `writeOnce` looks it up.
 */
export function isIdempotentRequest(req: RequestShape): boolean {
  const method = (req.method ?? 'GET').toUpperCase()
  if (method !== 'POST') return true
  if (typeof req.query === 'string') return !isMutation(req.query)
  const path = (req.url ?? '').replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, '')
  return IDEMPOTENT_POSTS.some((re) => re.test(path))
}

/** A GraphQL document whose first operation is a mutation (comments and blank lines skipped). */
function isMutation(query: string): boolean {
  const body = query.replace(/#[^\n]*/g, '').trimStart()
  return /^mutation\b/.test(body)
}

/** A rate limit GitHub answered with: it refused the request, so nothing was written. */
export interface RateLimit {
  kind: 'rate limit' | 'secondary rate limit'
  /** How long GitHub asks us to wait, in seconds. */
  waitSeconds: number
  /** Where the wait comes from, for the log. */
  source: 'retry-after' | 'x-ratelimit-reset' | 'default'
}

type Headers = Record<string, string | number | undefined>

/**
 * The rate limit in a 403/429 answer, or undefined when the answer is something else (a 403
 * without a limit is a missing permission). GitHub's rules: wait `retry-after` seconds when it
 * is sent; else, with `x-ratelimit-remaining: 0`, until `x-ratelimit-reset`; else (a secondary
 * limit without either header) at least `fallbackSeconds`. A 429 always is a limit, with or
 * without `x-ratelimit-remaining`.
 */
export function rateLimitOf(
  err: unknown,
  nowMs: number,
  fallbackSeconds = 60,
): RateLimit | undefined {
  const status = statusOf(err)
  if (status !== 403 && status !== 429) return undefined
  const headers: Headers = (err as { response?: { headers?: Headers } }).response?.headers ?? {}
  const header = (name: string) => {
    const v = headers[name]
    return v === undefined ? undefined : String(v)
  }
  const retryAfter = parseRetryAfter(header('retry-after'), nowMs)
  const exhausted = header('x-ratelimit-remaining') === '0'
  const secondary = /secondary rate limit|abuse detection/i.test(errorMessage(err))
  if (status === 403 && !secondary && !exhausted && retryAfter === undefined) return undefined
  const kind = secondary ? 'secondary rate limit' : 'rate limit'
  if (retryAfter !== undefined) return { kind, waitSeconds: retryAfter, source: 'retry-after' }
  const reset = Number(header('x-ratelimit-reset'))
  if (exhausted && Number.isFinite(reset) && reset > 0) {
    // One second past the reset, as GitHub advises, so the retry lands in the new window.
    const waitSeconds = Math.max(0, Math.ceil(reset - nowMs / 1000)) + 1
    return { kind, waitSeconds, source: 'x-ratelimit-reset' }
  }
  return { kind, waitSeconds: fallbackSeconds, source: 'default' }
}

/** `retry-after` as seconds: a number of seconds or an HTTP date; undefined when absent or bad. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const v = value.trim()
  if (/^\d+(\.\d+)?$/.test(v)) return Math.ceil(Number(v))
  const at = Date.parse(v)
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000))
}

/**
 * Time after the run's deadline that requests may still take their full timeout: the outcome of
 * a run whose agent used all of `timeout-minutes` must still be posted and reported.
 */
export const DEADLINE_GRACE_MS = 60_000

/**
 * How long one attempt may last: `timeoutMs`, cut to what is left until the deadline plus the
 * grace, but never below a sixth of `timeoutMs` (5 s by default). Requests are not refused when
 * the time is up: a write that is never sent (a rollback's record, a review's summary) would
 * leave exactly the half-written state a rerun has to repair; it is only given little time.
 */
export function attemptTimeoutMs(nowMs: number, timeoutMs: number, deadline?: number): number {
  if (deadline === undefined) return timeoutMs
  const floor = Math.ceil(timeoutMs / 6)
  return Math.max(floor, Math.min(timeoutMs, deadline + DEADLINE_GRACE_MS - nowMs))
}
