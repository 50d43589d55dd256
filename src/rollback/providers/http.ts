import type { MetricConfig, ProviderConfig } from '../../config/types.js'
import type { Measurement } from '../types.js'
import { expandHeaders, ProviderError, request, snippet, type ProviderDeps } from './http-util.js'

type HttpConfig = Extract<ProviderConfig, { type: 'http' }>

/**
 * Any JSON endpoint. Non-2xx, invalid JSON, a path that walks into a non-object and a
 * non-numeric value are errors; a path that ends at a missing key, `null` or an empty array
 * element is no data. Numeric strings ("0.03") are accepted, as many APIs quote numbers.
 */
export async function measureHttp(
  deps: ProviderDeps,
  metric: MetricConfig,
  cfg: HttpConfig,
  at: Date,
  signal?: AbortSignal,
): Promise<Measurement> {
  const t = at.getTime()
  try {
    const headers = { accept: 'application/json', ...expandHeaders(deps, cfg.headers) }
    const res = await request(deps, cfg.url, {
      method: cfg.method,
      headers,
      body: cfg.method === 'POST' ? cfg.body : undefined,
      timeoutSeconds: cfg.timeoutSeconds,
      signal,
    })
    if (res.status < 200 || res.status >= 300) {
      throw new ProviderError(
        `HTTP ${res.status} for '${metric.name}': ${snippet(res.text) || 'empty body'}`,
      )
    }
    if (res.json === undefined) {
      throw new ProviderError(
        `the response of '${metric.name}' is not JSON: ${snippet(res.text) || 'empty body'}`,
      )
    }
    const v = selectPath(res.json, cfg.jsonPath)
    if (v === undefined || v === null)
      return { kind: 'noData', at: t, reason: `nothing at '${cfg.jsonPath}'` }
    const num =
      typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN
    if (typeof v === 'string' && /^NaN$/i.test(v.trim()))
      return { kind: 'noData', at: t, reason: 'NaN' }
    if (Number.isNaN(num)) {
      throw new ProviderError(
        `the value at '${cfg.jsonPath}' is ${snippet(JSON.stringify(v), 80)}. Expected a number.`,
      )
    }
    return { kind: 'value', at: t, value: num }
  } catch (err) {
    return { kind: 'error', at: t, error: deps.redactor.redact((err as Error).message) }
  }
}

/**
 * Walks `data.items[0].value`, `[0].value`, `data["key.with.dots"]`. Returns undefined when a key
 * or index is missing; throws when the path itself is malformed or walks into a scalar.
 */
export function selectPath(root: unknown, path: string): unknown {
  const steps = parsePath(path)
  let cur: unknown = root
  for (const step of steps) {
    if (cur === undefined || cur === null) return undefined
    if (typeof step === 'number') {
      if (!Array.isArray(cur))
        throw new ProviderError(`'${path}': [${step}] applied to a non-array`)
      cur = cur[step < 0 ? cur.length + step : step]
    } else {
      if (typeof cur !== 'object' || Array.isArray(cur))
        throw new ProviderError(`'${path}': '.${step}' applied to a non-object`)
      cur = Object.prototype.hasOwnProperty.call(cur, step)
        ? (cur as Record<string, unknown>)[step]
        : undefined
    }
  }
  return cur
}

/** Parses a path once; exported so config validation can reject a bad path early. */
export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = []
  const re = /(?:^|\.)([A-Za-z_$][\w$-]*)|\[(-?\d+)\]|\["((?:[^"\\]|\\.)*)"\]/y
  let m: RegExpExecArray | null
  let pos = 0
  while (pos < path.length && (m = re.exec(path))) {
    out.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3]!.replace(/\\(.)/g, '$1')))
    pos = re.lastIndex
  }
  if (pos !== path.length || out.length === 0) {
    throw new ProviderError(
      `Invalid json-path '${path}' at position ${pos}. Expected a path like data.items[0].value or data["a.b"].`,
    )
  }
  return out
}
