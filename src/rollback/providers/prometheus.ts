import type { MetricConfig, ProviderConfig } from '../../config/types.js'
import { parseDurationSeconds } from '../duration.js'
import type { BaselineSamples, Measurement } from '../types.js'
import {
  expandHeaders,
  parseSample,
  ProviderError,
  request,
  secretFromEnv,
  snippet,
  type ProviderDeps,
} from './http-util.js'

type PromConfig = Extract<ProviderConfig, { type: 'prometheus' }>

interface PromResponse {
  status?: string
  data?: { resultType?: string; result?: unknown }
  errorType?: string
  error?: string
  warnings?: string[]
}

type Sample = [number, string]

/**
 * Prometheus HTTP API (`/api/v1/query`, `/api/v1/query_range`).
 *
 * Value policy (documented in docs/rollback.md):
 * - the query must yield ONE series (vector/matrix) or a scalar; more than one series is an
 *   error ("aggregate it, e.g. with sum()") rather than a silent pick;
 * - an empty result is no data; a `NaN` sample (0/0 on an idle service) is no data;
 *   `+Inf`/`-Inf` are real values and fail `max`/`min`;
 * - with `range` (a step), the measurement is a `query_range` over the last analysis interval
 *   and its value is the newest non-NaN sample; a matrix from an instant query is read the same;
 * - HTTP 400/422/503 and every other non-2xx, `status: error`, timeouts: error, quoting Prometheus's
 *   `errorType: error`; `warnings` are logged and do not change the value.
 */
export async function measurePrometheus(
  deps: ProviderDeps,
  metric: MetricConfig,
  cfg: PromConfig,
  at: Date,
  signal?: AbortSignal,
): Promise<Measurement> {
  const t = at.getTime()
  try {
    const atSec = t / 1000
    const body = cfg.range
      ? await call(
          deps,
          metric,
          cfg,
          'query_range',
          {
            query: cfg.query,
            start: String(atSec - Math.max(deps.lookbackSeconds, parseDurationSeconds(cfg.range))),
            end: String(atSec),
            step: String(parseDurationSeconds(cfg.range)),
          },
          signal,
        )
      : await call(deps, metric, cfg, 'query', { query: cfg.query, time: String(atSec) }, signal)
    const samples = samplesOf(body)
    if (samples === null) return { kind: 'noData', at: t, reason: 'empty result' }
    const finite = samples.filter(([, v]) => !Number.isNaN(parseSample(v)))
    const last = finite[finite.length - 1]
    if (!last)
      return { kind: 'noData', at: t, reason: 'only NaN samples (e.g. 0/0 with no traffic)' }
    return { kind: 'value', at: t, value: parseSample(last[1]) }
  } catch (err) {
    return { kind: 'error', at: t, error: deps.redactor.redact((err as Error).message) }
  }
}

/** Pre-deploy samples for the baseline: a query_range over [from, to). */
export async function baselinePrometheus(
  deps: ProviderDeps,
  metric: MetricConfig,
  cfg: PromConfig,
  from: Date,
  to: Date,
  signal?: AbortSignal,
): Promise<BaselineSamples> {
  try {
    const step = cfg.range ? parseDurationSeconds(cfg.range) : Math.max(1, deps.lookbackSeconds)
    const body = await call(
      deps,
      metric,
      cfg,
      'query_range',
      {
        query: cfg.query,
        start: String(from.getTime() / 1000),
        // query_range is inclusive of `end`; stop one step early so the deploy itself is excluded.
        end: String(to.getTime() / 1000 - step / 2),
        step: String(step),
      },
      signal,
    )
    const samples = samplesOf(body) ?? []
    const values = samples.map(([, v]) => parseSample(v)).filter((v) => Number.isFinite(v))
    if (!values.length) return { kind: 'noData', reason: 'no samples in the baseline window' }
    return { kind: 'values', values }
  } catch (err) {
    return { kind: 'error', error: deps.redactor.redact((err as Error).message) }
  }
}

async function call(
  deps: ProviderDeps,
  metric: MetricConfig,
  cfg: PromConfig,
  endpoint: 'query' | 'query_range',
  params: Record<string, string>,
  signal?: AbortSignal,
): Promise<PromResponse> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...expandHeaders(deps, cfg.headers),
  }
  if (cfg.bearerTokenEnv) {
    headers.authorization = `Bearer ${secretFromEnv(deps, cfg.bearerTokenEnv, 'bearer-token-env')}`
  } else if (cfg.basicAuthUserEnv || cfg.basicAuthPasswordEnv) {
    const user = cfg.basicAuthUserEnv
      ? secretFromEnv(deps, cfg.basicAuthUserEnv, 'basic-auth-user-env')
      : ''
    const pass = cfg.basicAuthPasswordEnv
      ? secretFromEnv(deps, cfg.basicAuthPasswordEnv, 'basic-auth-password-env')
      : ''
    const b64 = Buffer.from(`${user}:${pass}`).toString('base64')
    deps.redactor.add(b64)
    headers.authorization = `Basic ${b64}`
  }
  const base = cfg.address.replace(/\/+$/, '')
  // POST with a form body: long PromQL does not hit URL length limits, and Prometheus accepts it.
  headers['content-type'] = 'application/x-www-form-urlencoded'
  const res = await request(deps, `${base}/api/v1/${endpoint}`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(params).toString(),
    timeoutSeconds: cfg.timeoutSeconds,
    signal,
  })
  const body = (res.json ?? {}) as PromResponse
  for (const w of body.warnings ?? [])
    deps.log.warning(`Prometheus warning for '${metric.name}': ${w}`)
  if (res.status < 200 || res.status >= 300 || body.status !== 'success') {
    const what = body.error
      ? `${body.errorType ?? 'error'}: ${body.error}`
      : snippet(res.text) || 'empty body'
    throw new ProviderError(`Prometheus HTTP ${res.status} for '${metric.name}': ${what}`)
  }
  return body
}

/** The samples of the single series in a response; null when the result is empty. */
function samplesOf(body: PromResponse): Sample[] | null {
  const type = body.data?.resultType
  const result = body.data?.result
  if (type === 'scalar') return [result as Sample]
  if (type === 'vector' || type === 'matrix') {
    const series = (result ?? []) as {
      metric?: Record<string, string>
      value?: Sample
      values?: Sample[]
    }[]
    if (series.length === 0) return null
    if (series.length > 1) {
      const labels = series
        .slice(0, 3)
        .map((s) => JSON.stringify(s.metric ?? {}))
        .join(', ')
      throw new ProviderError(
        `the query returned ${series.length} series (${labels}${series.length > 3 ? ', ...' : ''}). Expected one: aggregate it, e.g. sum(...) or max(...).`,
      )
    }
    const s = series[0]!
    return type === 'vector' ? (s.value ? [s.value] : []) : (s.values ?? [])
  }
  throw new ProviderError(
    `unsupported resultType '${String(type)}'. Expected vector, matrix or scalar.`,
  )
}
