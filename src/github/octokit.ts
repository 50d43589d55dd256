import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling'
import Bottleneck from 'bottleneck'
import type { Log } from '../log.js'

export interface CreateOctokitOptions {
  token: string
  /** GITHUB_API_URL: always the base URL, so GHES and the test emulator work unchanged. */
  apiUrl: string
  /**
   * GITHUB_GRAPHQL_URL. Octokit would derive the GraphQL endpoint from `apiUrl` (`<api>/graphql`,
   * or `<host>/api/graphql` for a GHES `/api/v3` base); the runner's value wins when given.
   */
  graphqlUrl?: string
  log: Log
  /** Retries per request for rate limits (403/429) and server errors (5xx). Default 3. */
  retries?: number
  /**
   * The unit of every retry wait in ms (default 1000): `retry-after: N` waits N units and the
   * 5xx backoff waits 1, 4, 9... units. Tests pass a few ms so retries cost nothing.
   */
  minRetryDelayMs?: number
  /**
   * Spacing between writes in ms. Default: the plugin's GitHub-recommended spacing (1 s between
   * writes, 3 s between writes that notify people). Tests pass 0.
   */
  writeSpacingMs?: number
  /** A rate limit asking us to wait longer than this (s) fails instead of stalling the job. */
  maxRetryAfterSeconds?: number
}

type LimitOptions = { method?: string; url?: string }

/**
 * The Octokit every part of pitcrew uses: `@actions/github`'s client (REST methods, pagination)
 * with the throttling plugin (rate limits honoured with `retry-after`) and the retry plugin
 * (5xx with backoff). The base URL is always `apiUrl`, never the public API by default, and
 * GraphQL goes to `graphqlUrl` when given.
 */
export function createOctokit(opts: CreateOctokitOptions) {
  if (!/^https?:\/\/[^/]+/.test(opts.apiUrl)) {
    throw new Error(
      `Invalid GitHub API URL '${opts.apiUrl}'. Expected an http(s) URL such as https://api.github.com.`,
    )
  }
  if (opts.graphqlUrl !== undefined && !/^https?:\/\/[^/]+/.test(opts.graphqlUrl)) {
    throw new Error(
      `Invalid GitHub GraphQL URL '${opts.graphqlUrl}'. Expected an http(s) URL such as https://api.github.com/graphql.`,
    )
  }
  const retries = opts.retries ?? 3
  const unit = opts.minRetryDelayMs ?? 1000
  const maxAfter = opts.maxRetryAfterSeconds ?? 600
  const log = opts.log
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: LimitOptions, _octokit: unknown, retryCount: number): boolean => {
      const what = `${options.method ?? 'GET'} ${options.url ?? ''}`
      if (retryCount >= retries) {
        log.warning(`GitHub ${kind} on ${what}: giving up after ${retryCount} retries.`)
        return false
      }
      if (retryAfter > maxAfter) {
        log.warning(
          `GitHub ${kind} on ${what}: retry-after ${retryAfter}s exceeds the ${maxAfter}s limit; not retrying.`,
        )
        return false
      }
      log.warning(
        `GitHub ${kind} on ${what}: retrying after ${retryAfter}s (retry ${retryCount + 1} of ${retries}).`,
      )
      return true
    }

  const throttle: ThrottlingOptions = {
    onRateLimit: onLimit('rate limit'),
    onSecondaryRateLimit: onLimit('secondary rate limit'),
    retryAfterBaseValue: unit,
    fallbackSecondaryRateRetryAfter: 60,
  }
  if (opts.writeSpacingMs !== undefined) {
    // The plugin's default groups are process-wide with fixed spacing; our own groups keep
    // one client's spacing from slowing another (and let tests run without waits).
    const group = (minTime: number) => new Bottleneck.Group({ maxConcurrent: 1, minTime })
    throttle.write = group(opts.writeSpacingMs)
    throttle.notifications = group(opts.writeSpacingMs)
    throttle.search = group(opts.writeSpacingMs)
  }

  const octokit = getOctokit(
    opts.token,
    {
      baseUrl: opts.apiUrl.replace(/\/+$/, ''),
      log: {
        debug: (m: string) => log.debug(m),
        info: (m: string) => log.debug(m),
        warn: (m: string) => log.warning(m),
        error: (m: string) => log.debug(m),
      },
      throttle,
      retry: { retries, retryAfterBaseValue: unit },
    },
    throttling,
    retry,
  )
  if (opts.graphqlUrl) {
    const target = opts.graphqlUrl.replace(/\/+$/, '')
    const base = opts.apiUrl.replace(/\/+$/, '')
    // What Octokit derives: `/graphql` on the base URL, or the GHES form for an /api/v3 base.
    const derived = new Set(['/graphql', `${base}/graphql`])
    if (/\/api\/v3$/.test(base)) derived.add(base.replace(/\/api\/v3$/, '/api/graphql'))
    octokit.hook.before('request', (options) => {
      if (typeof options.url === 'string' && derived.has(options.url)) options.url = target
    })
  }
  return octokit
}

export type Octokit = ReturnType<typeof createOctokit>
