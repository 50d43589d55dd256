/**
 * The OpenTelemetry tracer in process, against the loopback OTLP receiver: settings read from the
 * standard variables (bad ones named), redaction of every value, the test-run span of fix mode,
 * and a failed run still exporting its root span.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createOtelTracer, otlpSettings, parseHeaders } from '../../src/telemetry/otel.js'
import { noTracer, startTracing } from '../../src/telemetry/tracer.js'
import { createTestRunner } from '../../src/fix/runner.js'
import { memoryLog } from '../../src/log.js'
import { Redactor } from '../../src/safety/redact.js'
import { runAction } from '../harness/run-action.js'
import { startOtlpReceiver, type OtlpReceiver } from '../harness/otlp-receiver.js'

const SECRET = 'ghs_telemetrySecretDoNotLeak0123456789ab'
let rx: OtlpReceiver
beforeAll(async () => {
  rx = await startOtlpReceiver()
})
afterAll(async () => rx?.close())

describe('OTLP settings', () => {
  it('reads the standard variables: endpoint + /v1/traces, protobuf by default, headers decoded', () => {
    expect(
      otlpSettings({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
        OTEL_EXPORTER_OTLP_HEADERS: 'a=1, b=x%20y ,',
      }),
    ).toEqual({
      url: 'http://collector:4318/v1/traces',
      protocol: 'http/protobuf',
      headers: { a: '1', b: 'x y' },
      serviceName: 'pitcrew',
    })
    const s = otlpSettings({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://ignored:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://t.example/otlp/traces',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_HEADERS: 'a=1',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'a=2',
      OTEL_SERVICE_NAME: 'svc',
    })
    expect(s).toEqual({
      url: 'https://t.example/otlp/traces',
      protocol: 'http/json',
      headers: { a: '2' },
      serviceName: 'svc',
    })
  })

  it('names the variable, the bad value and what was expected', () => {
    expect(() =>
      otlpSettings({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      }),
    ).toThrow(
      "Invalid OTEL_EXPORTER_OTLP_PROTOCOL 'grpc'. Expected 'http/protobuf' (the default) or 'http/json'; grpc is not supported.",
    )
    expect(() => otlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      "Invalid OTEL_EXPORTER_OTLP_ENDPOINT 'collector:4318'. Expected an http(s) URL such as http://localhost:4318.",
    )
    // A header entry without a key: its value (maybe a key) is not quoted.
    expect(() => parseHeaders('OTEL_EXPORTER_OTLP_HEADERS', `a=1,${SECRET}`)).toThrow(
      "Invalid OTEL_EXPORTER_OTLP_HEADERS: an entry has no 'key=' before its value. Expected 'key1=value1,key2=value2' (values percent-encoded).",
    )
  })

  it('turns tracing off with a warning on a bad setting, and is a no-op without an endpoint', async () => {
    const log = memoryLog()
    const redactor = new Redactor([])
    expect(await startTracing({}, { log, redactor, version: 't' })).toBe(noTracer)
    const t = await startTracing(
      { OTEL_EXPORTER_OTLP_ENDPOINT: rx.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' },
      { log, redactor, version: 't' },
    )
    expect(t).toBe(noTracer)
    expect(log.lines).toEqual([
      "warning: Tracing is off: Invalid OTEL_EXPORTER_OTLP_PROTOCOL 'grpc'. Expected 'http/protobuf' (the default) or 'http/json'; grpc is not supported.",
    ])
  })
})

describe('the OpenTelemetry tracer', () => {
  it('records a span per test run, redacts every value, and exports what it says', async () => {
    const before = rx.requests.length
    const log = memoryLog()
    const redactor = new Redactor([SECRET])
    const tracer = createOtelTracer(
      { OTEL_EXPORTER_OTLP_ENDPOINT: rx.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
      { log, redactor, version: '9.9.9' },
    )
    const ws = mkdtempSync(join(tmpdir(), 'pitcrew-otel-'))
    const run = createTestRunner({
      workspace: ws,
      logDir: join(ws, 'logs'),
      reports: [],
      timeoutMs: 60_000,
      tracer,
    })
    await run(`echo ${SECRET}; exit 3`, 'reproduce')
    tracer.run.set({ 'pitcrew.mode': 'fix', note: `token ${SECRET}`, list: [SECRET, 'ok'] })
    tracer.start(`name with ${SECRET}`).end()
    await tracer.shutdown(5_000)
    const spans = rx.requests.slice(before).flatMap((r) => r.spans)
    expect(spans).toHaveLength(3)
    const tests = spans.find((s) => s.name === 'tests reproduce')!
    expect(tests.attributes).toMatchObject({
      'pitcrew.tests.label': 'reproduce',
      'pitcrew.tests.command': 'echo ***; exit 3',
      'pitcrew.tests.exit_code': 3,
      'pitcrew.tests.timed_out': false,
      'pitcrew.tests.failures': 0,
    })
    const root = spans.find((s) => s.parentSpanId === '')!
    expect(root.attributes).toMatchObject({ note: 'token ***', list: ['***', 'ok'] })
    expect(spans.map((s) => s.name)).toContain('name with ***')
    const raw = rx.requests
      .slice(before)
      .map((r) => r.body.toString('utf8'))
      .join('')
    expect(raw.includes(SECRET)).toBe(false)
    expect(log.lines).toContain(`info: tracing: 3 span(s) exported to ${rx.url}/v1/traces`)
  })

  it('says how many spans it could not deliver when the collector is down, and does not throw', async () => {
    const down = await startOtlpReceiver()
    const url = down.url
    await down.close()
    const log = memoryLog()
    const tracer = createOtelTracer(
      { OTEL_EXPORTER_OTLP_ENDPOINT: url },
      { log, redactor: new Redactor([]), version: 't' },
    )
    tracer.start('one').end()
    await tracer.shutdown(5_000)
    const last = log.lines[log.lines.length - 1]!
    expect(last).toMatch(
      new RegExp(`^warning: tracing: 0 span\\(s\\) exported to ${url}/v1/traces, 2 failed`),
    )
  })

  it('a run that fails still exports its root span, failed, with the mode unknown', async () => {
    const before = rx.requests.length
    const ws = mkdtempSync(join(tmpdir(), 'pitcrew-otel-ws-'))
    const r = await runAction({
      eventName: 'pull_request',
      payload: { pull_request: { number: 1 } },
      workspace: ws,
      inputs: { mode: 'no-such-mode', 'github-token': SECRET },
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: rx.url },
    })
    expect(r.exitCode).toBe(1)
    const spans = rx.requests.slice(before).flatMap((q) => q.spans)
    expect(spans).toHaveLength(1)
    expect(spans[0]!.name).toBe('pitcrew run')
    expect(spans[0]!.status.code).toBe(2)
    expect(spans[0]!.status.message).toMatch(/mode/)
    expect(spans[0]!.attributes['pitcrew.outcome']).toBe('failed')
    expect(r.stdout).toContain(`tracing: 1 span(s) exported to ${rx.url}/v1/traces`)
  })
})
