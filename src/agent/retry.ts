/**
 * Our own retry loop around each Messages API call (the SDK's is switched off so the behaviour
 * is ours and testable): 429 (honouring retry-after, capped), 5xx, 529 overloaded, connection
 * errors and request timeouts are retried with exponential backoff and full jitter; anything
 * else (400, 401, 403, 404) fails at once. Nothing waits past the deadline.
 */
import Anthropic from '@anthropic-ai/sdk'

export interface RetryOptions {
  maxRetries?: number
  baseDelayMs?: number
  maxDelayMs?: number
  requestTimeoutMs?: number
}

export const RETRY_DEFAULTS = {
  maxRetries: 4,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  requestTimeoutMs: 300_000,
} as const

/** A retry-after longer than this is not waited for in full. */
export const MAX_RETRY_AFTER_MS = 60_000

export type FailureKind =
  | 'rate_limit'
  | 'overloaded'
  | 'server'
  | 'connection'
  | 'request_timeout'
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

/** Sorts an SDK error into what we do about it. */
export function classifyError(err: unknown): Classified {
  if (err instanceof Anthropic.APIUserAbortError) {
    return { kind: 'aborted', retryable: false, message: 'request aborted' }
  }
  if (err instanceof Anthropic.APIConnectionTimeoutError) {
    return { kind: 'request_timeout', retryable: true, message: 'request timed out' }
  }
  if (err instanceof Anthropic.APIConnectionError) {
    const cause = (err as Error & { cause?: unknown }).cause
    const why = cause instanceof Error ? `: ${cause.message}` : ''
    return { kind: 'connection', retryable: true, message: `connection error${why}` }
  }
  if (err instanceof Anthropic.APIError) {
    const status = err.status ?? 0
    const body = err.error as { error?: { type?: string; message?: string } } | undefined
    const detail = body?.error?.message ?? err.message
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
    return { kind: 'client', retryable: false, status, message }
  }
  const message = err instanceof Error ? err.message : String(err)
  return { kind: 'client', retryable: false, message }
}

/** Exponential backoff with full jitter: uniform in [0, min(max, base·2^attempt)]. */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random = Math.random,
): number {
  return Math.floor(random() * Math.min(maxMs, baseMs * 2 ** attempt))
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

/**
 * Calls `attempt(timeoutMs)` until it succeeds, a non-retryable error comes, retries run out, or
 * the deadline passes. `onRetry` is told about every wait (for logs and the transcript).
 */
export async function withRetries<T>(
  attempt: (timeoutMs: number) => Promise<T>,
  opts: {
    retry?: RetryOptions
    deadline: number
    signal?: AbortSignal
    onRetry?: (info: { attempt: number; delayMs: number; error: Classified }) => void
  },
): Promise<T> {
  const r = { ...RETRY_DEFAULTS, ...stripUndefined(opts.retry ?? {}) }
  for (let n = 0; ; n++) {
    const left = opts.deadline - Date.now()
    if (opts.signal?.aborted)
      throw new ApiFailure('aborted before the request was sent', 'aborted', n)
    if (left <= 0)
      throw new ApiFailure('deadline passed before the request was sent', 'deadline', n)
    const timeoutMs = Math.min(r.requestTimeoutMs, left)
    try {
      return await attempt(timeoutMs)
    } catch (err) {
      const c = classifyError(err)
      if (c.kind === 'aborted' || opts.signal?.aborted) {
        throw new ApiFailure('aborted', 'aborted', n + 1)
      }
      if (c.kind === 'request_timeout' && Date.now() >= opts.deadline) {
        throw new ApiFailure(
          `deadline passed while waiting for the model (${c.message})`,
          'deadline',
          n + 1,
        )
      }
      if (!c.retryable) throw new ApiFailure(c.message, c.kind, n + 1, c.status)
      if (n >= r.maxRetries) {
        throw new ApiFailure(
          `${c.message} (gave up after ${n + 1} attempts)`,
          c.kind,
          n + 1,
          c.status,
        )
      }
      const delayMs =
        c.retryAfterMs !== undefined
          ? Math.min(c.retryAfterMs, MAX_RETRY_AFTER_MS)
          : backoffDelay(n, r.baseDelayMs, r.maxDelayMs)
      if (Date.now() + delayMs >= opts.deadline) {
        throw new ApiFailure(
          `${c.message}; the next retry (in ${delayMs} ms) would pass the deadline`,
          'deadline',
          n + 1,
          c.status,
        )
      }
      opts.onRetry?.({ attempt: n + 1, delayMs, error: c })
      await sleep(delayMs, opts.signal)
    }
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}
