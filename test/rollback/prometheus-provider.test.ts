import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memoryLog } from '../../src/log.js'
import { createMetricProvider } from '../../src/rollback/providers/index.js'
import type { ProviderConfig } from '../../src/config/types.js'
import { metricConfig } from './fixtures.js'
import {
  PROMETHEUS_MISSING,
  prometheusBinary,
  startPrometheus,
  type PrometheusHarness,
} from './prometheus-harness.js'
import { startLoopback, type Loopback } from './loopback.js'

const has = prometheusBinary() !== null
if (!has) console.warn(PROMETHEUS_MISSING)

const secrets = {
  values: [] as string[],
  add(s?: string) {
    if (s && s.length >= 4) this.values.push(s)
  },
  redact(t: string) {
    return this.values.reduce((a, s) => a.split(s).join('***'), t)
  },
}
const prom = (
  address: string,
  query: string,
  over: Partial<Extract<ProviderConfig, { type: 'prometheus' }>> = {},
): ProviderConfig => ({
  type: 'prometheus',
  address,
  query,
  headers: {},
  timeoutSeconds: 5,
  ...over,
})

describe.skipIf(!has)('prometheus provider against a real Prometheus', () => {
  let p: PrometheusHarness
  beforeAll(async () => {
    p = await startPrometheus({
      app_error_ratio: 0.02,
      app_nan: Number.NaN,
      app_inf: Number.POSITIVE_INFINITY,
    })
  })
  afterAll(() => p?.stop())
  const provider = () =>
    createMetricProvider({ env: {}, redactor: secrets, log: memoryLog(), lookbackSeconds: 5 })

  it('reads vectors, scalars and matrices', async () => {
    const now = new Date()
    expect(
      await provider().measure(metricConfig({ provider: prom(p.url, 'app_error_ratio') }), now),
    ).toMatchObject({ kind: 'value', value: 0.02 })
    expect(
      await provider().measure(
        metricConfig({ provider: prom(p.url, 'scalar(app_error_ratio) * 2') }),
        now,
      ),
    ).toMatchObject({ kind: 'value', value: 0.04 })
    expect(
      await provider().measure(
        metricConfig({ provider: prom(p.url, 'app_error_ratio', { range: '1s' }) }),
        now,
      ),
    ).toMatchObject({ kind: 'value', value: 0.02 })
    expect(
      await provider().measure(metricConfig({ provider: prom(p.url, 'app_error_ratio[5s]') }), now),
    ).toMatchObject({ kind: 'value', value: 0.02 })
  })

  it('NaN is no data, +Inf is a value, empty is no data', async () => {
    const now = new Date()
    expect(
      await provider().measure(metricConfig({ provider: prom(p.url, 'app_nan') }), now),
    ).toMatchObject({ kind: 'noData' })
    expect(
      await provider().measure(metricConfig({ provider: prom(p.url, 'app_inf') }), now),
    ).toMatchObject({ kind: 'value', value: Number.POSITIVE_INFINITY })
    expect(
      await provider().measure(metricConfig({ provider: prom(p.url, 'does_not_exist') }), now),
    ).toMatchObject({ kind: 'noData', reason: 'empty result' })
  })

  it('a bad query (HTTP 400) and several series are errors', async () => {
    const now = new Date()
    const bad = await provider().measure(metricConfig({ provider: prom(p.url, 'sum(') }), now)
    expect(bad).toMatchObject({
      kind: 'error',
      error: expect.stringMatching(/Prometheus HTTP 400 .*bad_data/),
    })
    const many = await provider().measure(
      metricConfig({ provider: prom(p.url, '{job="app"}') }),
      now,
    )
    expect(many).toMatchObject({
      kind: 'error',
      error: expect.stringMatching(/returned \d+ series.*aggregate/),
    })
  })

  it('baseline reads a query_range', async () => {
    const now = Date.now()
    await new Promise((r) => setTimeout(r, 2100))
    const b = await provider().baseline!(
      metricConfig({ provider: prom(p.url, 'app_error_ratio', { range: '1s' }) }),
      new Date(now - 1000),
      new Date(now + 2000),
    )
    expect(b.kind).toBe('values')
    expect(b.kind === 'values' && b.values.every((v) => v === 0.02)).toBe(true)
  })
})

describe('prometheus provider: protocol details against a loopback server', () => {
  let srv: Loopback
  beforeAll(async () => (srv = await startLoopback()))
  afterAll(() => srv.close())

  it('sends bearer auth and custom headers; logs warnings; 503 and 422 are errors', async () => {
    const log = memoryLog()
    const provider = createMetricProvider({
      env: { PROM_TOKEN: 'prom-secret-token' },
      redactor: secrets,
      log,
      lookbackSeconds: 60,
    })
    const m = metricConfig({
      name: 'x',
      provider: prom(srv.url, 'up', {
        bearerTokenEnv: 'PROM_TOKEN',
        headers: { 'X-Scope-OrgID': 'tenant-1' },
      }),
    })
    srv.reply(() => ({
      json: {
        status: 'success',
        warnings: ['query may be slow'],
        data: { resultType: 'vector', result: [{ metric: {}, value: [1, '3'] }] },
      },
    }))
    expect(await provider.measure(m, new Date())).toMatchObject({ kind: 'value', value: 3 })
    expect(srv.requests[0]!.headers.authorization).toBe('Bearer prom-secret-token')
    expect(srv.requests[0]!.headers['x-scope-orgid']).toBe('tenant-1')
    expect(log.lines.some((l) => l.includes("Prometheus warning for 'x': query may be slow"))).toBe(
      true,
    )
    srv.reply(() => ({
      status: 503,
      json: { status: 'error', errorType: 'unavailable', error: 'too many queries' },
    }))
    expect(await provider.measure(m, new Date())).toMatchObject({
      kind: 'error',
      error: "Prometheus HTTP 503 for 'x': unavailable: too many queries",
    })
    srv.reply(() => ({
      status: 422,
      json: { status: 'error', errorType: 'execution', error: 'token prom-secret-token rejected' },
    }))
    expect(await provider.measure(m, new Date())).toMatchObject({
      kind: 'error',
      error: "Prometheus HTTP 422 for 'x': execution: token *** rejected",
    })
  })

  it('basic auth from env names', async () => {
    const provider = createMetricProvider({
      env: { U: 'user1', P: 'pass-word' },
      redactor: secrets,
      log: memoryLog(),
      lookbackSeconds: 60,
    })
    srv.reply(() => ({
      json: { status: 'success', data: { resultType: 'scalar', result: [1, '0.5'] } },
    }))
    const m = metricConfig({
      provider: prom(srv.url, '1', { basicAuthUserEnv: 'U', basicAuthPasswordEnv: 'P' }),
    })
    expect(await provider.measure(m, new Date())).toMatchObject({ kind: 'value', value: 0.5 })
    expect(srv.requests.at(-1)!.headers.authorization).toBe(
      `Basic ${Buffer.from('user1:pass-word').toString('base64')}`,
    )
  })
})
