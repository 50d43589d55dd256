import type { MetricConfig, ProviderConfig } from '../../config/types.js'
import { parseDurationSeconds } from '../duration.js'
import type { BaselineSamples, Measurement } from '../types.js'
import { ProviderError, request, secretFromEnv, snippet, type ProviderDeps } from './http-util.js'

type DdConfig = Extract<ProviderConfig, { type: 'datadog' }>

interface DdSeries {
  pointlist?: [number, number | null][]
  interval?: number
  scope?: string
  expression?: string
}

/** `datadoghq.com` -> `https://api.datadoghq.com`; a full URL (tests, proxies) is used as given. */
export function datadogBaseUrl(site: string): string {
  if (/^https?:\/\//.test(site)) return site.replace(/\/+$/, '')
  return `https://api.${site.replace(/^api\./, '')}`
}

/**
 * Datadog metrics query API v1: `GET /api/v1/query?from&to&query` over the last `window`.
 *
 * The still-filling bucket: Datadog returns the current, incomplete rollup bucket last; its
 * value moves (a rate looks low, a count looks small) until the bucket closes. We drop every
 * point whose bucket [t, t + interval) has not ended by `to`; when the series carries no
 * `interval` we drop the last point whenever there are two or more. The measurement is the
 * newest complete, non-null point. Empty series or only nulls: no data. Several series: error.
 */
export async function measureDatadog(
  deps: ProviderDeps,
  metric: MetricConfig,
  cfg: DdConfig,
  at: Date,
  signal?: AbortSignal,
): Promise<Measurement> {
  const t = at.getTime()
  try {
    const window = parseDurationSeconds(cfg.window)
    const points = await query(deps, metric, cfg, t - window * 1000, t, signal)
    if (points === null) return { kind: 'noData', at: t, reason: 'empty series' }
    const last = points[points.length - 1]
    if (!last) return { kind: 'noData', at: t, reason: 'no complete non-null point in the window' }
    return { kind: 'value', at: t, value: last }
  } catch (err) {
    return { kind: 'error', at: t, error: deps.redactor.redact((err as Error).message) }
  }
}

/** Complete points over [from, to) for the baseline comparison. */
export async function baselineDatadog(
  deps: ProviderDeps,
  metric: MetricConfig,
  cfg: DdConfig,
  from: Date,
  to: Date,
  signal?: AbortSignal,
): Promise<BaselineSamples> {
  try {
    const points = await query(deps, metric, cfg, from.getTime(), to.getTime(), signal)
    if (!points?.length)
      return { kind: 'noData', reason: 'no complete points in the baseline window' }
    return { kind: 'values', values: points }
  } catch (err) {
    return { kind: 'error', error: deps.redactor.redact((err as Error).message) }
  }
}

async function query(
  deps: ProviderDeps,
  metric: MetricConfig,
  cfg: DdConfig,
  fromMs: number,
  toMs: number,
  signal?: AbortSignal,
): Promise<number[] | null> {
  const headers = {
    accept: 'application/json',
    'DD-API-KEY': secretFromEnv(deps, cfg.apiKeyEnv, 'api-key-env'),
    'DD-APPLICATION-KEY': secretFromEnv(deps, cfg.appKeyEnv, 'app-key-env'),
  }
  const params = new URLSearchParams({
    from: String(Math.floor(fromMs / 1000)),
    to: String(Math.floor(toMs / 1000)),
    query: cfg.query,
  })
  const res = await request(deps, `${datadogBaseUrl(cfg.site)}/api/v1/query?${params}`, {
    headers,
    timeoutSeconds: cfg.timeoutSeconds,
    signal,
  })
  const body = (res.json ?? {}) as {
    status?: string
    error?: string
    errors?: string[]
    series?: DdSeries[]
  }
  if (res.status < 200 || res.status >= 300 || body.status === 'error') {
    const what = body.errors?.join('; ') ?? body.error ?? (snippet(res.text) || 'empty body')
    throw new ProviderError(`Datadog HTTP ${res.status} for '${metric.name}': ${what}`)
  }
  const series = body.series ?? []
  if (series.length === 0) return null
  if (series.length > 1) {
    throw new ProviderError(
      `the query returned ${series.length} series (${series
        .slice(0, 3)
        .map((s) => s.scope ?? '?')
        .join(', ')}). Expected one: aggregate it, e.g. sum:metric{...}.`,
    )
  }
  const s = series[0]!
  let points = s.pointlist ?? []
  if (s.interval && s.interval > 0) {
    points = points.filter(([ts]) => ts + s.interval! * 1000 <= toMs)
  } else if (points.length >= 2) {
    points = points.slice(0, -1)
  }
  return points.flatMap(([, v]) => (v === null || v === undefined || Number.isNaN(v) ? [] : [v]))
}
