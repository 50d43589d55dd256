import type { Log } from '../../log.js'

/** The part of the Redactor the providers need: register secrets, scrub text. */
export interface SecretSink {
  add(secret: string | undefined): void
  redact(text: string): string
}

/** What every provider is built with. */
export interface ProviderDeps {
  env: NodeJS.ProcessEnv
  redactor: SecretSink
  log: Log
  /** Seconds one measurement looks back (the analysis interval): range queries and Datadog. */
  lookbackSeconds: number
  /** Defaults to the global fetch (Node 20). */
  fetch?: typeof fetch
}

/** Thrown inside providers and turned into an `error` measurement at their boundary. */
export class ProviderError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ProviderError'
  }
}

/**
 * Reads a secret from the environment variable named in the config and registers it with the
 * Redactor before it is used anywhere, so no error message can carry it.
 */
export function secretFromEnv(deps: ProviderDeps, name: string, key: string): string {
  const value = deps.env[name]
  if (!value) {
    throw new ProviderError(
      `Environment variable '${name}' (${key}) is not set. Expected it to hold the secret, e.g. from \${{ secrets.X }}.`,
    )
  }
  deps.redactor.add(value)
  return value
}

/**
 * Expands `${NAME}` in configured header values from the environment (so tokens stay out of the
 * repository's config file) and registers each expanded value as a secret.
 */
export function expandHeaders(
  deps: ProviderDeps,
  headers: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(headers)) {
    out[k] = v.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) =>
      secretFromEnv(deps, name, `header ${k}`),
    )
    if (out[k] !== v) deps.redactor.add(out[k])
  }
  return out
}

export interface HttpAnswer {
  status: number
  text: string
  json: unknown
}

/**
 * One HTTP request with a timeout, combined with the caller's abort signal. Network failures and
 * timeouts become ProviderError; any HTTP status is returned for the provider to interpret.
 */
export async function request(
  deps: ProviderDeps,
  url: string,
  init: {
    method?: string
    headers?: Record<string, string>
    body?: string
    timeoutSeconds: number
    signal?: AbortSignal
  },
): Promise<HttpAnswer> {
  const timeout = AbortSignal.timeout(Math.max(1, init.timeoutSeconds * 1000))
  const signal = init.signal ? AbortSignal.any([timeout, init.signal]) : timeout
  const doFetch = deps.fetch ?? fetch
  let res: Response
  try {
    res = await doFetch(url, {
      method: init.method ?? 'GET',
      headers: init.headers,
      body: init.body,
      signal,
    })
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } }
    if (timeout.aborted)
      throw new ProviderError(`request to ${safeUrl(url)} timed out after ${init.timeoutSeconds}s`)
    const cause = e.cause?.code ?? e.cause?.message ?? e.message
    throw new ProviderError(`request to ${safeUrl(url)} failed: ${cause}`)
  }
  let text: string
  try {
    text = await res.text()
  } catch (err) {
    throw new ProviderError(
      `reading the response of ${safeUrl(url)} failed: ${(err as Error).message}`,
    )
  }
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  return { status: res.status, text, json }
}

/** A URL for messages: without query string (queries may be long) or credentials. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url)
    return `${u.origin}${u.pathname}`
  } catch {
    return url
  }
}

/** Shortens a response body for an error message. */
export function snippet(text: string, max = 200): string {
  const t = text.replace(/\s+/g, ' ').trim()
  return t.length > max ? `${t.slice(0, max)}...` : t
}

/** Parses a numeric sample the way Prometheus writes them ("NaN", "+Inf", "-Inf", "1e-3"). */
export function parseSample(v: unknown): number {
  if (typeof v === 'number') return v
  if (typeof v !== 'string') return Number.NaN
  if (v === '+Inf' || v === 'Inf') return Number.POSITIVE_INFINITY
  if (v === '-Inf') return Number.NEGATIVE_INFINITY
  const s = v.trim()
  return s === '' ? Number.NaN : Number(s)
}
