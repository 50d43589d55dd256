import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { MetricConfig, ProviderConfig } from '../../src/config/types.js'
import { memoryLog } from '../../src/log.js'
import { createMetricProvider, requiredEnv } from '../../src/rollback/providers/index.js'
import type { ProviderDeps } from '../../src/rollback/providers/http-util.js'
import { parsePath, selectPath } from '../../src/rollback/providers/http.js'
import { datadogBaseUrl } from '../../src/rollback/providers/datadog.js'
import { metricConfig } from './fixtures.js'
import { startLoopback, type Loopback } from './loopback.js'

class Secrets {
  values: string[] = []
  add(s: string | undefined) {
    if (s && s.length >= 4) this.values.push(s)
  }
  redact(t: string) {
    return this.values.reduce((acc, s) => acc.split(s).join('***'), t)
  }
}

let srv: Loopback
let secrets: Secrets
let log: ReturnType<typeof memoryLog>
const AT = new Date('2025-01-01T12:00:00Z')
const T = AT.getTime()

function deps(env: NodeJS.ProcessEnv = {}): ProviderDeps {
  return { env, redactor: secrets, log, lookbackSeconds: 60 }
}
function metric(provider: ProviderConfig, over: Partial<MetricConfig> = {}): MetricConfig {
  return metricConfig({ name: 'm', provider, ...over })
}

beforeAll(async () => {
  srv = await startLoopback()
})
afterAll(() => srv.close())
beforeEach(() => {
  srv.requests.length = 0
  secrets = new Secrets()
  log = memoryLog()
})

describe('datadog provider', () => {
  const dd = (): ProviderConfig => ({
    type: 'datadog',
    site: srv.url,
    query: 'sum:trace.http.request.errors{env:prod}.as_rate()',
    apiKeyEnv: 'DD_API_KEY',
    appKeyEnv: 'DD_APP_KEY',
    window: '5m',
    timeoutSeconds: 5,
  })
  const env = { DD_API_KEY: 'dd-api-secret-1', DD_APP_KEY: 'dd-app-secret-2' }

  it('sends the documented request and drops the still-filling bucket', async () => {
    srv.reply(() => ({
      json: {
        status: 'ok',
        series: [
          {
            scope: 'env:prod',
            interval: 60,
            // buckets start at T-180s, T-120s, T-60s (closes exactly at T) and T (still filling)
            pointlist: [
              [T - 180_000, 0.01],
              [T - 120_000, null],
              [T - 60_000, 0.02],
              [T, 0.0001],
            ],
          },
        ],
      },
    }))
    const m = await createMetricProvider(deps(env)).measure(metric(dd()), AT)
    expect(m).toEqual({ kind: 'value', at: T, value: 0.02 })
    const req = srv.requests[0]!
    expect(req.method).toBe('GET')
    const url = new URL(req.url, srv.url)
    expect(url.pathname).toBe('/api/v1/query')
    expect(url.searchParams.get('from')).toBe(String(T / 1000 - 300))
    expect(url.searchParams.get('to')).toBe(String(T / 1000))
    expect(url.searchParams.get('query')).toBe(
      dd().type === 'datadog' ? 'sum:trace.http.request.errors{env:prod}.as_rate()' : '',
    )
    expect(req.headers['dd-api-key']).toBe('dd-api-secret-1')
    expect(req.headers['dd-application-key']).toBe('dd-app-secret-2')
  })

  it('without an interval drops the last point', async () => {
    srv.reply(() => ({
      json: {
        status: 'ok',
        series: [
          {
            pointlist: [
              [T - 120_000, 5],
              [T - 60_000, 7],
              [T - 1000, 1],
            ],
          },
        ],
      },
    }))
    expect(await createMetricProvider(deps(env)).measure(metric(dd()), AT)).toMatchObject({
      kind: 'value',
      value: 7,
    })
  })

  it('empty series and only-null points are no data', async () => {
    srv.reply(() => ({ json: { status: 'ok', series: [] } }))
    expect(await createMetricProvider(deps(env)).measure(metric(dd()), AT)).toMatchObject({
      kind: 'noData',
      reason: 'empty series',
    })
    srv.reply(() => ({
      json: {
        status: 'ok',
        series: [
          {
            interval: 60,
            pointlist: [
              [T - 120_000, null],
              [T - 60_000, null],
            ],
          },
        ],
      },
    }))
    expect(await createMetricProvider(deps(env)).measure(metric(dd()), AT)).toMatchObject({
      kind: 'noData',
    })
  })

  it('HTTP errors, status error and several series are provider errors; keys never leak', async () => {
    srv.reply(() => ({
      status: 403,
      json: { errors: ['Forbidden: key dd-api-secret-1 is invalid'] },
    }))
    const m = await createMetricProvider(deps(env)).measure(metric(dd()), AT)
    expect(m.kind).toBe('error')
    expect(m.kind === 'error' && m.error).toBe(
      "Datadog HTTP 403 for 'm': Forbidden: key *** is invalid",
    )
    srv.reply(() => ({
      json: { status: 'error', error: 'Rate limit of 300 requests in 3600 seconds reached.' },
    }))
    expect(await createMetricProvider(deps(env)).measure(metric(dd()), AT)).toMatchObject({
      kind: 'error',
      error: expect.stringMatching(/Rate limit/),
    })
    srv.reply(() => ({
      json: {
        status: 'ok',
        series: [
          { scope: 'a', pointlist: [] },
          { scope: 'b', pointlist: [] },
        ],
      },
    }))
    expect(await createMetricProvider(deps(env)).measure(metric(dd()), AT)).toMatchObject({
      kind: 'error',
      error: expect.stringMatching(/returned 2 series/),
    })
  })

  it('a missing key env var is an error naming the variable', async () => {
    const m = await createMetricProvider(deps({})).measure(metric(dd()), AT)
    expect(m).toMatchObject({
      kind: 'error',
      error: expect.stringMatching(/'DD_API_KEY' \(api-key-env\) is not set/),
    })
    expect(srv.requests).toHaveLength(0)
  })

  it('baseline returns the complete points of the window', async () => {
    srv.reply(() => ({
      json: {
        status: 'ok',
        series: [
          {
            interval: 60,
            pointlist: [
              [T - 180_000, 1],
              [T - 120_000, 2],
              [T - 60_000, 3],
              [T - 30_000, 9],
            ],
          },
        ],
      },
    }))
    const b = await createMetricProvider(deps(env)).baseline!(
      metric(dd()),
      new Date(T - 180_000),
      AT,
    )
    expect(b).toEqual({ kind: 'values', values: [1, 2, 3] })
  })

  it('maps a site to its API host', () => {
    expect(datadogBaseUrl('datadoghq.eu')).toBe('https://api.datadoghq.eu')
    expect(datadogBaseUrl('us5.datadoghq.com')).toBe('https://api.us5.datadoghq.com')
    expect(datadogBaseUrl('http://127.0.0.1:9/')).toBe('http://127.0.0.1:9')
  })
})

describe('http provider', () => {
  const http = (over: Partial<Extract<ProviderConfig, { type: 'http' }>> = {}): ProviderConfig => ({
    type: 'http',
    url: `${srv.url}/stats`,
    method: 'GET',
    headers: {},
    jsonPath: 'data.items[0].value',
    timeoutSeconds: 5,
    ...over,
  })

  it('selects the value by path; POST sends the body and expanded headers', async () => {
    srv.reply(() => ({ json: { data: { items: [{ value: 0.042 }] } } }))
    const p = http({
      method: 'POST',
      body: '{"q":"errors"}',
      headers: { Authorization: 'Bearer ${STATS_TOKEN}' },
    })
    const m = await createMetricProvider(deps({ STATS_TOKEN: 'stats-token-xyz' })).measure(
      metric(p),
      AT,
    )
    expect(m).toEqual({ kind: 'value', at: T, value: 0.042 })
    expect(srv.requests[0]).toMatchObject({ method: 'POST', body: '{"q":"errors"}' })
    expect(srv.requests[0]!.headers.authorization).toBe('Bearer stats-token-xyz')
    expect(secrets.values).toContain('stats-token-xyz')
  })

  it('accepts numeric strings', async () => {
    srv.reply(() => ({ json: { data: { items: [{ value: '12.5' }] } } }))
    expect(await createMetricProvider(deps()).measure(metric(http()), AT)).toMatchObject({
      kind: 'value',
      value: 12.5,
    })
  })

  it('missing path, null and empty arrays are no data', async () => {
    for (const json of [
      { data: { items: [] } },
      { data: { items: [{ value: null }] } },
      { data: {} },
    ]) {
      srv.reply(() => ({ json }))
      expect(await createMetricProvider(deps()).measure(metric(http()), AT)).toMatchObject({
        kind: 'noData',
      })
    }
  })

  it('non-2xx, non-JSON and non-numeric values are errors', async () => {
    srv.reply(() => ({ status: 500, text: 'boom' }))
    expect(await createMetricProvider(deps()).measure(metric(http()), AT)).toMatchObject({
      kind: 'error',
      error: "HTTP 500 for 'm': boom",
    })
    srv.reply(() => ({ text: '<html>' }))
    expect(await createMetricProvider(deps()).measure(metric(http()), AT)).toMatchObject({
      kind: 'error',
      error: expect.stringMatching(/not JSON/),
    })
    srv.reply(() => ({ json: { data: { items: [{ value: 'high' }] } } }))
    expect(await createMetricProvider(deps()).measure(metric(http()), AT)).toMatchObject({
      kind: 'error',
      error: expect.stringMatching(/Expected a number/),
    })
  })

  it('a slow endpoint times out as an error', async () => {
    srv.reply(() => ({ json: { data: { items: [{ value: 1 }] } }, delayMs: 2500 }))
    const m = await createMetricProvider(deps()).measure(metric(http({ timeoutSeconds: 1 })), AT)
    expect(m).toMatchObject({ kind: 'error', error: expect.stringMatching(/timed out after 1s/) })
  })

  it('a closed port is an error', async () => {
    const closed = await startLoopback()
    await closed.close()
    const m = await createMetricProvider(deps()).measure(
      metric(http({ url: `${closed.url}/x` })),
      AT,
    )
    expect(m).toMatchObject({ kind: 'error', error: expect.stringMatching(/ECONNREFUSED/) })
  })

  it('path expressions', () => {
    const doc = { a: { 'b.c': [1, { d: 2 }] }, list: [5, 6, 7] }
    expect(selectPath(doc, 'a["b.c"][1].d')).toBe(2)
    expect(selectPath(doc, 'list[-1]')).toBe(7)
    expect(selectPath([{ v: 3 }], '[0].v')).toBe(3)
    expect(selectPath(doc, 'a.missing.deeper')).toBeUndefined()
    expect(() => selectPath(doc, 'list.x')).toThrow(/non-object/)
    expect(() => parsePath('a..b')).toThrow(/Invalid json-path 'a..b' at position 1/)
    expect(() => parsePath('')).toThrow(/Invalid json-path/)
  })
})

describe('newrelic provider', () => {
  const nr = (): ProviderConfig => ({
    type: 'newrelic',
    accountId: '1234567',
    nrql: 'SELECT percentage(count(*), WHERE error IS true) FROM Transaction SINCE 5 minutes ago',
    apiKeyEnv: 'NEW_RELIC_API_KEY',
    endpoint: `${srv.url}/graphql`,
    timeoutSeconds: 5,
  })
  const env = { NEW_RELIC_API_KEY: 'NRAK-secret-key' }

  it('posts NRQL through NerdGraph and reads the first numeric field', async () => {
    srv.reply(() => ({
      json: {
        data: {
          actor: {
            account: { nrql: { results: [{ beginTimeSeconds: 1, 'percentage.error': 2.5 }] } },
          },
        },
      },
    }))
    expect(await createMetricProvider(deps(env)).measure(metric(nr()), AT)).toEqual({
      kind: 'value',
      at: T,
      value: 2.5,
    })
    const req = srv.requests[0]!
    expect(req.method).toBe('POST')
    expect(req.headers['api-key']).toBe('NRAK-secret-key')
    const body = JSON.parse(req.body) as {
      query: string
      variables: { accountId: number; nrql: string }
    }
    expect(body.variables).toEqual({
      accountId: 1234567,
      nrql: expect.stringContaining('FROM Transaction'),
    })
    expect(body.query).toContain('nrql(query: $nrql)')
  })

  it('empty results are no data; GraphQL errors are errors', async () => {
    srv.reply(() => ({ json: { data: { actor: { account: { nrql: { results: [] } } } } } }))
    expect(await createMetricProvider(deps(env)).measure(metric(nr()), AT)).toMatchObject({
      kind: 'noData',
    })
    srv.reply(() => ({ json: { errors: [{ message: 'NRQL Syntax Error' }] } }))
    expect(await createMetricProvider(deps(env)).measure(metric(nr()), AT)).toMatchObject({
      kind: 'error',
      error: expect.stringMatching(/NRQL Syntax Error/),
    })
  })
})

describe('requiredEnv', () => {
  it('lists the env vars a provider needs', () => {
    expect(
      requiredEnv(
        metricConfig({
          provider: {
            type: 'http',
            url: 'x',
            method: 'GET',
            headers: { A: 'Bearer ${TOK}' },
            jsonPath: 'v',
            timeoutSeconds: 1,
          },
        }),
      ),
    ).toEqual(['TOK'])
  })
})
