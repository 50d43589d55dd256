import type { MetricConfig, ProviderConfig } from '../../config/types.js'
import type { Measurement } from '../types.js'
import { ProviderError, request, secretFromEnv, snippet, type ProviderDeps } from './http-util.js'

type NrConfig = Extract<ProviderConfig, { type: 'newrelic' }>

const GRAPHQL = `query ($accountId: Int!, $nrql: Nrql!) { actor { account(id: $accountId) { nrql(query: $nrql) { results } } } }`

/** Keys NRQL adds to results that are timestamps, not the measured value. */
const TIME_KEYS = new Set(['beginTimeSeconds', 'endTimeSeconds', 'timestamp'])

/**
 * New Relic NerdGraph (POST GraphQL with an `API-Key` header), NRQL in a variable. The NRQL
 * carries its own time window (`SINCE 5 minutes ago`); the value is the first numeric field of
 * `results[0]`, timestamps skipped (or a nested `{ "percentile": { "95": x } }`'s first number).
 * GraphQL `errors`: error. Empty `results` or a null value: no data.
 */
export async function measureNewRelic(
  deps: ProviderDeps,
  metric: MetricConfig,
  cfg: NrConfig,
  at: Date,
  signal?: AbortSignal,
): Promise<Measurement> {
  const t = at.getTime()
  try {
    const accountId = Number(cfg.accountId)
    if (!Number.isInteger(accountId))
      throw new ProviderError(`Invalid account-id '${cfg.accountId}'. Expected a number.`)
    const res = await request(deps, cfg.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'API-Key': secretFromEnv(deps, cfg.apiKeyEnv, 'api-key-env'),
      },
      body: JSON.stringify({ query: GRAPHQL, variables: { accountId, nrql: cfg.nrql } }),
      timeoutSeconds: cfg.timeoutSeconds,
      signal,
    })
    const body = (res.json ?? {}) as {
      errors?: { message?: string }[]
      data?: { actor?: { account?: { nrql?: { results?: Record<string, unknown>[] } } } }
    }
    if (res.status < 200 || res.status >= 300 || body.errors?.length) {
      const what =
        body.errors?.map((e) => e.message).join('; ') || snippet(res.text) || 'empty body'
      throw new ProviderError(`New Relic HTTP ${res.status} for '${metric.name}': ${what}`)
    }
    const results = body.data?.actor?.account?.nrql?.results
    if (!results?.length) return { kind: 'noData', at: t, reason: 'empty results' }
    const value = firstNumber(results[0])
    if (value === null) return { kind: 'noData', at: t, reason: 'no numeric value in results[0]' }
    return { kind: 'value', at: t, value }
  } catch (err) {
    return { kind: 'error', at: t, error: deps.redactor.redact((err as Error).message) }
  }
}

function firstNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isNaN(v) ? null : v
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (TIME_KEYS.has(k)) continue
      const n = firstNumber(x)
      if (n !== null) return n
    }
  }
  return null
}
