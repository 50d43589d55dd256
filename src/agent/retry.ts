/**
 * Our own retry loop around each Messages API call (the SDK's is switched off so the behaviour
 * is ours and testable). 429 (honouring retry-after, capped, and logged), 5xx, 529 overloaded,
 * dropped connections and request timeouts are retried with exponential backoff and full jitter
 * until the run's deadline, not a fixed number of tries: a model API that is overloaded for five
 * minutes costs five minutes, not the review. An endpoint that refuses connections or cannot be
 * resolved is a misconfiguration far more often than a blip, so it gets a few tries only; anything
 * else (400, 401, 403, 404) fails at once. Every request has a timeout inside the deadline, and
 * the failure that ends the retries names each error kind and how often it came
 * ("model API overloaded (529) x10").
 */
// The error classes only: the client itself (about 1.4 MB of bundle) loads with the provider.
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk/error'

export interface RetryOptions {
  /** A cap on retries; unset: retry until the deadline. */
  maxRetries?: number
  baseDelayMs?: number
  /** Longest backoff wait; default 30 × baseDelayMs (30 s with the 1 s default). */
  maxDelayMs?: number
  requestTimeoutMs?: number
}

export const RETRY_DEFAULTS = {
  maxRetries: Infinity,
  baseDelayMs: 1000,
  requestTimeoutMs: 300_000,
} as const

/** Tries given to an endpoint that refuses the connection or has no address. */
export const UNREACHABLE_ATTEMPTS = 4

/** A retry-after longer than this is not waited for in full. */
export const MAX_RETRY_AFTER_MS = 60_000

export type FailureKind =
  | 'rate_limit'
  | 'overloaded'
  | 'server'
  | 'connection'
  /** Connection refused, or the host name does not resolve: nothing is listening there. */
  | 'unreachable'
  | 'request_timeout'
  /** 401/403: the API key was refused. */
  | 'auth'
  | 'client'
  | 'aborted'
  | 'deadline'

/** A call that failed for good (after retries, or not retryable). */
export class ApiFailure extends Error {
  constructor(
    message: string,
    readonly kind: FailureKind,
    readonly attempts: number,
    readonly status?: number,
    /** Each failed attempt's kind, e.g. "model API overloaded (529)" -> 10. */
    readonly counts: Record<string, number> = {},
  ) {
    super(message)
    this.name = 'ApiFailure'
  }
}

export interface Classified {
  kind: FailureKind
  retryable: boolean
  status?: number
  retryAfterMs?: number
  message: string
}

/** Parses `retry-after-ms`, then `retry-after` (seconds or an HTTP date). */
export function parseRetryAfter(
  headers: { get(name: string): string | null } | undefined,
  now = Date.now(),
): number | undefined {
  const ms = headers?.get('retry-after-ms')
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms))
  const ra = headers?.get('retry-after')
  if (!ra) return undefined
  if (/^\d+(\.\d+)?$/.test(ra.trim())) return Number(ra) * 1000
  const date = Date.parse(ra)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH'])

/** The first system error code (`ECONNREFUSED`) in an error's cause chain. */
function causeCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 6; depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code
    const errors = (e as { errors?: unknown }).errors
    if (Array.isArray(errors) && errors.length > 0) {
      const inner = causeCode(errors[0])
      if (inner) return inner
    }
    e = (e as { cause?: unknown }).cause
  }
  return undefined
}

/** Sorts an SDK error into what we do about it. */
export function classifyError(err: unknown): Classified {
  if (err instanceof APIUserAbortError) {
    return { kind: 'aborted', retryable: false, message: 'request aborted' }
  }
  if (err instanceof APIConnectionTimeoutError) {
    return { kind: 'request_timeout', retryable: true, message: 'request timed out' }
  }
  if (err instanceof APIConnectionError) {
    const cause = (err as Error & { cause?: unknown }).cause
    const code = causeCode(err)
    const why = cause instanceof Error ? `: ${cause.message}` : ''
    if (code && UNREACHABLE_CODES.has(code)) {
      return { kind: 'unreachable', retryable: true, message: `connection error (${code})${why}` }
    }
    return {
      kind: 'connection',
      retryable: true,
      message: `connection error${code ? ` (${code})` : ''}${why}`,
    }
  }
  if (err instanceof APIError) {
    const status = err.status ?? 0
    // Anthropic's and Google's { error: { message } }, or Bedrock's { message }.
    const body = err.error as
      { error?: { type?: string; message?: string }; message?: string } | undefined
    const detail = body?.error?.message ?? body?.message ?? err.message
    const message = `HTTP ${status}${body?.error?.type ? ` ${body.error.type}` : ''}: ${detail}`
    if (status === 429) {
      return {
        kind: 'rate_limit',
        retryable: true,
        status,
        retryAfterMs: parseRetryAfter(err.headers),
        message,
      }
    }
    if (status === 529) return { kind: 'overloaded', retryable: true, status, message }
    if (status >= 500 || status === 408 || status === 409) {
      return {
        kind: 'server',
        retryable: true,
        status,
        retryAfterMs: parseRetryAfter(err.headers),
        message,
      }
    }
    if (status === 401 || status === 403) return { kind: 'auth', retryable: false, status, message }
    return { kind: 'client', retryable: false, status, message }
  }
  const message = err instanceof Error ? err.message : String(err)
  return { kind: 'client', retryable: false, message }
}

/** The short name of one failed attempt, counted in the message that ends the retries. */
export function failureLabel(c: Pick<Classified, 'kind' | 'status'>): string {
  switch (c.kind) {
    case 'overloaded':
      return 'model API overloaded (529)'
    case 'rate_limit':
      return 'model API rate limit (429)'
    case 'server':
      return `model API server error (${c.status ?? '5xx'})`
    case 'connection':
      return 'connection to the model API dropped'
    case 'unreachable':
      return 'model API unreachable'
    case 'request_timeout':
      return 'model request timed out'
    case 'auth':
      return `model API refused the key (${c.status ?? 401})`
    default:
      return c.status ? `model API error (${c.status})` : 'model API error'
  }
}

/** "model API overloaded (529) x7, connection to the model API dropped x2" */
export function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([label, n]) => `${label} x${n}`)
    .join(', ')
}

/** Exponential backoff with full jitter: uniform in [0, min(max, base·2^attempt)]. */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random = Math.random,
): number {
  return Math.floor(random() * Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30)))
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms)
    function done() {
      clearTimeout(t)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })
}

/** What `onRetry` is told about each wait. */
export interface RetryInfo {
  attempt: number
  delayMs: number
  error: Classified
  /** Set when the wait is the server's `retry-after` (possibly capped). */
  retryAfterMs?: number
}

/**
 * Calls `attempt(timeoutMs)` until it succeeds, a non-retryable error comes, a retry cap is
 * reached, or the deadline leaves no room for another try. Each try's timeout ends at the
 * deadline at the latest. `onRetry` is told about every wait (for logs and the transcript).
 */
export async function withRetries<T>(
  attempt: (timeoutMs: number) => Promise<T>,
  opts: {
    retry?: RetryOptions
    deadline: number
    signal?: AbortSignal
    onRetry?: (info: RetryInfo) => void
  },
): Promise<T> {
  const given = stripUndefined(opts.retry ?? {})
  const r = { ...RETRY_DEFAULTS, ...given }
  const maxDelayMs = given.maxDelayMs ?? 30 * r.baseDelayMs
  const counts: Record<string, number> = {}
  let lastError: Classified | undefined
  const fail = (why: string, kind: FailureKind, n: number, status?: number) => {
    const tally = describeCounts(counts)
    // The deadline ending a run of API failures: the failures are the cause, not the clock.
    if (kind === 'deadline' && lastError) {
      kind = lastError.kind
      status = lastError.status
      why = `${why} (the run's deadline ended the retries)`
    }
    return new ApiFailure(tally ? `${tally}: ${why}` : why, kind, n, status, { ...counts })
  }
  for (let n = 0; ; n++) {
    const left = opts.deadline - Date.now()
    if (opts.signal?.aborted) throw fail('aborted before the request was sent', 'aborted', n)
    if (left <= 0) throw fail('deadline passed before the request was sent', 'deadline', n)
    const timeoutMs = Math.min(r.requestTimeoutMs, left)
    try {
      return await attempt(timeoutMs)
    } catch (err) {
      const c = classifyError(err)
      if (c.kind === 'aborted' || opts.signal?.aborted) throw fail('aborted', 'aborted', n + 1)
      const label = failureLabel(c)
      counts[label] = (counts[label] ?? 0) + 1
      if (c.kind !== 'request_timeout') lastError = c
      if (c.kind === 'request_timeout' && Date.now() >= opts.deadline) {
        throw fail(`deadline passed while waiting for the model (${c.message})`, 'deadline', n + 1)
      }
      if (!c.retryable) throw fail(c.message, c.kind, n + 1, c.status)
      const cap =
        c.kind === 'unreachable' ? Math.min(r.maxRetries, UNREACHABLE_ATTEMPTS - 1) : r.maxRetries
      if (n >= cap) {
        throw fail(`${c.message} (gave up after ${n + 1} attempts)`, c.kind, n + 1, c.status)
      }
      const retryAfterMs =
        c.retryAfterMs !== undefined ? Math.min(c.retryAfterMs, MAX_RETRY_AFTER_MS) : undefined
      const delayMs = retryAfterMs ?? backoffDelay(n, r.baseDelayMs, maxDelayMs)
      if (Date.now() + delayMs >= opts.deadline) {
        throw fail(
          `${c.message} (gave up after ${n + 1} attempts: the next retry, in ${delayMs} ms, would pass the run's deadline)`,
          c.kind,
          n + 1,
          c.status,
        )
      }
      opts.onRetry?.({
        attempt: n + 1,
        delayMs,
        error: c,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      })
      await sleep(delayMs, opts.signal)
    }
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}
