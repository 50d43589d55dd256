import { startBusy } from '../timing.js'
import { httpFetch } from '../http-fetch.js'
import type { Octokit as CoreOctokit } from '@octokit/core'
import { Octokit as RestOctokit } from '@octokit/rest'
import { retry } from '@octokit/plugin-retry'
import { spacing } from './spacing.js'
import type { Log } from '../log.js'
import { attemptTimeoutMs, isIdempotentRequest, rateLimitOf } from './request-policy.js'

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
  /**
   * How long one attempt may last, in ms (default 30 s, `PITCREW_GITHUB_TIMEOUT_MS`): a hung
   * answer becomes an error whose outcome is unknown (see `isUnknownOutcome`).
   */
  timeoutMs?: number
  /**
   * The run's deadline (ms since the epoch), or a function that returns it once it is known
   * (main.ts learns `timeout-minutes` after the client exists). No rate limit is waited for past
   * it, and attempts are cut to it plus `DEADLINE_GRACE_MS` (time to report the outcome), never
   * below a sixth of `timeoutMs` (see `attemptTimeoutMs`).
   */
  deadline?: number | (() => number | undefined)
}

/** What the write helpers need from the client that made an Octokit: its log and retry unit. */
export interface ClientSettings {
  log: Log
  retryUnitMs: number
}

const settings = new WeakMap<object, ClientSettings>()

/** The log and retry unit of a client made by `createOctokit` (defaults for any other). */
export function clientSettings(octokit: object): ClientSettings | undefined {
  return settings.get(octokit)
}

export const DEFAULT_GITHUB_TIMEOUT_MS = 30_000

/** The runner's proxy settings; NO_PROXY alone sends nothing through a proxy. */
const PROXY_VARS = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']

/**
 * A fetch over node:http (http-fetch.ts: Node's own fetch loads its undici, ~40 ms of start),
 * unless the runner sets a proxy: then the proxy-aware fetch `@actions/github` uses (undici with
 * a ProxyAgent, NO_PROXY and loopback honoured), loaded only then. undici and
 * `@actions/http-client` are about 1 MB of bundle: parsing them cost every run ~100 ms of start.
 */
function githubFetch(apiUrl: string): typeof fetch {
  if (!PROXY_VARS.some((name) => process.env[name])) return httpFetch as unknown as typeof fetch
  const loaded = import('./proxy-fetch.js').then((m) => m.proxyFetch(apiUrl))
  // Settled before any request awaits it; a failed load is reported by the request that needs it.
  loaded.catch(() => undefined)
  return async (url, init) => (await loaded)(url, init)
}

/** A response body (a web stream or a Node stream: both iterate) as text. */
async function readAll(body: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = []
  for await (const chunk of body) chunks.push(chunk)
  return Buffer.concat(chunks).toString('utf8')
}

/** What `@actions/github` adds to the user agent: the runner's orchestration id, when set. */
function userAgentWithOrchestrationId(): string | undefined {
  const id = process.env.ACTIONS_ORCHESTRATION_ID?.trim()
  return id ? `actions_orchestration_id/${id.replace(/[^a-z0-9_.-]/gi, '_')}` : undefined
}

/**
 * Request options for a read whose answer is megabytes of JSON (a big PR's file list): the body
 * is parsed with `JSON.parse` instead of Octokit's big-integer-safe parser, which on Node 20
 * runs a regular expression over the whole text and a reviver over every value (several times
 * slower). Only for answers without integers past 2^53 (file lists: counts and paths).
 */
export const NATIVE_JSON = { parseSuccessResponseBody: false, nativeJson: true } as const

/**
 * The Octokit every part of pitcrew uses: `@octokit/rest` (REST methods as `octokit.x` and
 * `octokit.rest.x`, pagination) with GitHub's write spacing and the retry plugin, over the
 * runner's proxy settings (the fetch `@actions/github` builds from HTTPS_PROXY/NO_PROXY), with
 * these rules:
 * - every attempt has a timeout, cut to the run's deadline (plus the grace to report);
 * - server errors (5xx, timeouts, dropped connections) are retried with backoff only for
 *   requests that cannot write twice (`isIdempotentRequest`); any other POST is sent once, and
 *   `writeOnce` looks it up before sending it again;
 * - rate limits (429, secondary 403) are retried for every request, after the wait GitHub asks
 *   for (`retry-after`, else the reset time), each wait logged: GitHub refused, nothing was
 *   written;
 * - writes are spaced as GitHub asks (spacing.ts). The base URL is always `apiUrl`, and GraphQL
 *   goes to `graphqlUrl` when given.
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
  const timeoutMs = opts.timeoutMs ?? DEFAULT_GITHUB_TIMEOUT_MS
  const deadline = (): number | undefined =>
    typeof opts.deadline === 'function' ? opts.deadline() : opts.deadline
  const log = opts.log

  // Writes are spaced as GitHub asks (spacing.ts); rate limits are waited for by the outer hook
  // below. Tests give their own spacing (0) so one client's writes never slow another's.
  const spaced =
    opts.writeSpacingMs === undefined
      ? spacing()
      : spacing({
          write: opts.writeSpacingMs,
          notifications: opts.writeSpacingMs,
          search: opts.writeSpacingMs,
        })

  const ours = new WeakSet<AbortSignal>()
  /** Innermost: each attempt (the retry plugin's too) gets its own timer. */
  const timeouts = (octokit: CoreOctokit) => {
    // Each attempt counts as one request in flight (the timing debug line, timing.ts).
    octokit.hook.wrap('request', async (request, options) => {
      const done = startBusy('github')
      try {
        return await request(options)
      } finally {
        done()
      }
    })
    octokit.hook.wrap('request', async (request, options) => {
      const what = `${options.method} ${options.url}`
      const ms = attemptTimeoutMs(Date.now(), timeoutMs, deadline())
      const controller = new AbortController()
      const timer = setTimeout(
        () =>
          controller.abort(
            new Error(
              `GitHub did not answer ${what} within ${ms} ms (PITCREW_GITHUB_TIMEOUT_MS or the run's deadline).`,
            ),
          ),
        ms,
      )
      // Wrap hooks share one options object (the next hook ignores an argument), so the
      // signal is set on it; a retry finds the previous attempt's signal there, not the caller's.
      const given = options.request?.signal as AbortSignal | undefined
      const outer = given && !ours.has(given) ? given : undefined
      const signal = outer ? AbortSignal.any([outer, controller.signal]) : controller.signal
      ours.add(signal)
      options.request = { ...options.request, signal }
      try {
        const res = await request(options)
        // A big JSON answer (NATIVE_JSON): read and parsed here, so the attempt's timer covers
        // the body too.
        if ((options.request as { nativeJson?: boolean }).nativeJson && res.data)
          res.data = JSON.parse(await readAll(res.data as AsyncIterable<Uint8Array>)) as unknown
        return res
      } finally {
        clearTimeout(timer)
      }
    })
  }

  // Plugin order is hook order: `timeouts` innermost, so each retry gets its own timer.
  const Client = RestOctokit.plugin(timeouts, spaced, retry)
  const octokit = new Client({
    auth: opts.token,
    baseUrl: opts.apiUrl.replace(/\/+$/, ''),
    // what @actions/github adds: the Actions orchestration id, when the runner sets one
    userAgent: userAgentWithOrchestrationId(),
    request: { fetch: githubFetch(opts.apiUrl) },
    log: {
      debug: (m: string) => quietRequestLog(m) || log.debug(m),
      info: (m: string) => quietRequestLog(m) || log.debug(m),
      warn: (m: string) => log.warning(m),
      error: (m: string) => quietRequestLog(m) || log.debug(m),
    },
    // 429 is a refusal with a wait: the rate-limit hook below waits as asked, once.
    retry: {
      retries,
      retryAfterBaseValue: unit,
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
    },
  })

  // A write that may have happened is never resent by the retry plugin (see writeOnce).
  octokit.hook.before('request', (options) => {
    if (!isIdempotentRequest(options)) options.request = { ...options.request, retries: 0 }
  })

  // Outermost: a rate limit is waited for as GitHub asks, for every request (nothing was
  // written), within `retries`, `maxRetryAfterSeconds` and the run's deadline.
  octokit.hook.wrap('request', async (request, options) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(options)
      } catch (err) {
        const limit = rateLimitOf(err, Date.now())
        if (!limit) throw err
        const what = `${options.method} ${options.url}`
        const prefix = `GitHub ${limit.kind} on ${what}`
        if (attempt >= retries) {
          log.warning(`${prefix}: giving up after ${attempt} retries.`)
          throw err
        }
        if (limit.waitSeconds > maxAfter) {
          log.warning(
            `${prefix}: retry-after ${limit.waitSeconds}s exceeds the ${maxAfter}s limit; not retrying.`,
          )
          throw err
        }
        const waitMs = limit.waitSeconds * unit
        const end = deadline()
        if (end !== undefined && Date.now() + waitMs > end) {
          log.warning(
            `${prefix}: waiting ${limit.waitSeconds}s would pass the run's deadline; not retrying.`,
          )
          throw err
        }
        log.warning(
          `${prefix}: retrying after ${limit.waitSeconds}s (${limit.source}; retry ${attempt + 1} of ${retries}).`,
        )
        await new Promise((r) => setTimeout(r, waitMs))
      }
    }
  })

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
  settings.set(octokit, { log, retryUnitMs: unit })
  return octokit
}

export type Octokit = ReturnType<typeof createOctokit>

/**
 * True for the lines `@octokit/rest`'s request-log plugin writes for every attempt ("request",
 * then "POST /path - 201 with id X in 5ms"): the log stays what it was with `@actions/github`'s
 * client, where rate limits, retries and timeouts are narrated by the hooks above.
 */
function quietRequestLog(message: string): boolean {
  return message === 'request' || /^[A-Z]+ \S* - \S+ with id \S+ in \d+ms$/.test(message)
}
