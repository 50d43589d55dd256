/**
 * The OpenTelemetry tracer: official SDK (BasicTracerProvider + BatchSpanProcessor) and OTLP/HTTP
 * exporters, protobuf (the spec's default) or JSON. Loaded only by `startTracing` when an endpoint
 * is set. Every attribute value, span name and status message passes the run's redactor first.
 */
import { context, trace, SpanStatusCode, type Attributes } from '@opentelemetry/api'
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { resourceFromAttributes } from '@opentelemetry/resources'
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base'
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions'
import type { Log } from '../log.js'
import type { Redactor } from '../safety/redact.js'
import { ERROR_TYPE } from './attributes.js'
import { type Span, type SpanAttributes, type Tracer } from './tracer.js'

export type OtlpProtocol = 'http/protobuf' | 'http/json'

/** The OTLP settings read from the standard environment variables (traces-specific ones win). */
export interface OtlpSettings {
  url: string
  protocol: OtlpProtocol
  headers: Record<string, string>
  serviceName: string
}

/**
 * Reads the OTLP exporter settings. `OTEL_EXPORTER_OTLP_ENDPOINT` is a base URL (`/v1/traces` is
 * appended); `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is used as is. Throws, naming the variable and
 * the value, on a protocol other than http/protobuf or http/json or a header without `=`.
 */
export function otlpSettings(env: NodeJS.ProcessEnv): OtlpSettings {
  const tracesUrl = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT
  const url = tracesUrl || `${(base ?? '').replace(/\/+$/, '')}/v1/traces`
  if (!/^https?:\/\/[^/]+/.test(url)) {
    const name = tracesUrl ? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT'
    throw new Error(
      `Invalid ${name} '${tracesUrl || base}'. Expected an http(s) URL such as http://localhost:4318.`,
    )
  }
  const protocolName = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL
    ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'
    : 'OTEL_EXPORTER_OTLP_PROTOCOL'
  const protocol = (env[protocolName] || 'http/protobuf').trim()
  if (protocol !== 'http/protobuf' && protocol !== 'http/json') {
    throw new Error(
      `Invalid ${protocolName} '${protocol}'. Expected 'http/protobuf' (the default) or 'http/json'; grpc is not supported.`,
    )
  }
  const headers = {
    ...parseHeaders('OTEL_EXPORTER_OTLP_HEADERS', env.OTEL_EXPORTER_OTLP_HEADERS),
    ...parseHeaders('OTEL_EXPORTER_OTLP_TRACES_HEADERS', env.OTEL_EXPORTER_OTLP_TRACES_HEADERS),
  }
  return { url, protocol, headers, serviceName: env.OTEL_SERVICE_NAME || 'pitcrew' }
}

/** `key1=value1,key2=value2` with percent-encoded values, as the OTLP exporter spec defines. */
export function parseHeaders(name: string, raw: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  if (!raw) return out
  for (const part of raw.split(',')) {
    if (!part.trim()) continue
    const eq = part.indexOf('=')
    const key = eq > 0 ? part.slice(0, eq).trim() : ''
    if (!key) {
      // The value may be a credential: name the entry by position, never quote it.
      throw new Error(
        `Invalid ${name}: an entry has no 'key=' before its value. Expected 'key1=value1,key2=value2' (values percent-encoded).`,
      )
    }
    const value = part.slice(eq + 1).trim()
    try {
      out[key] = decodeURIComponent(value)
    } catch {
      out[key] = value
    }
  }
  return out
}

/** Counts what the exporter was given and what it could not deliver (for the closing log line). */
class CountingExporter implements SpanExporter {
  exported = 0
  failed = 0
  lastError: string | undefined

  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], done: Parameters<SpanExporter['export']>[1]): void {
    this.inner.export(spans, (result) => {
      if (result.code === 0) this.exported += spans.length
      else {
        this.failed += spans.length
        this.lastError = result.error?.message
      }
      done(result)
    })
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown()
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve()
  }
}

/** Creates the tracer and starts the run span. Throws on a bad setting (startTracing warns). */
export function createOtelTracer(
  env: NodeJS.ProcessEnv,
  o: { redactor: Redactor; log: Log; version: string },
): Tracer {
  const s = otlpSettings(env)
  // Header values carry the backend's API key (x-honeycomb-team, authorization): masked everywhere.
  for (const value of Object.values(s.headers)) o.redactor.add(value)
  const clean = (v: string) => o.redactor.redact(v)
  const config = { url: s.url, headers: s.headers, timeoutMillis: 4_000 }
  const exporter = new CountingExporter(
    s.protocol === 'http/json' ? new JsonExporter(config) : new ProtobufExporter(config),
  )
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: clean(s.serviceName),
      [ATTR_SERVICE_VERSION]: o.version,
      ...(env.GITHUB_REPOSITORY ? { 'vcs.repository.name': clean(env.GITHUB_REPOSITORY) } : {}),
      ...(env.GITHUB_RUN_ID ? { 'cicd.pipeline.run.id': clean(env.GITHUB_RUN_ID) } : {}),
      ...(env.GITHUB_WORKFLOW ? { 'cicd.pipeline.name': clean(env.GITHUB_WORKFLOW) } : {}),
    }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  })
  const tracer = provider.getTracer('pitcrew', o.version)
  const attributes = (a: SpanAttributes | undefined): Attributes => {
    const out: Attributes = {}
    for (const [k, v] of Object.entries(a ?? {})) {
      if (v === undefined) continue
      out[k] = typeof v === 'string' ? clean(v) : Array.isArray(v) ? v.map(clean) : v
    }
    return out
  }
  const wrap = (span: ReturnType<typeof tracer.startSpan>): Span => {
    let ended = false
    return {
      set: (a) => void span.setAttributes(attributes(a)),
      fail: (message, errorType) => {
        span.setStatus({ code: SpanStatusCode.ERROR, message: clean(message) })
        span.setAttribute(ERROR_TYPE, clean(errorType ?? 'error'))
      },
      end: () => {
        if (ended) return
        ended = true
        span.end()
      },
    }
  }
  const root = tracer.startSpan('pitcrew run', { attributes: { 'pitcrew.version': o.version } })
  const parent = trace.setSpan(context.active(), root)
  const run = wrap(root)
  o.log.info(`tracing: exporting spans to ${s.url} over OTLP ${s.protocol}`)
  let closing: Promise<void> | undefined
  return {
    enabled: true,
    run,
    start: (name, a) => wrap(tracer.startSpan(clean(name), { attributes: attributes(a) }, parent)),
    shutdown: (timeoutMs) =>
      (closing ??= (async () => {
        run.end()
        let timer: NodeJS.Timeout | undefined
        const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), timeoutMs)))
        const done = provider.shutdown().then(
          () => 'done' as const,
          (err: unknown) => (err instanceof Error ? err.message : String(err)),
        )
        const ending = await Promise.race([done, late])
        clearTimeout(timer)
        const why =
          ending === 'late'
            ? `; gave up waiting after ${timeoutMs} ms`
            : ending !== 'done'
              ? `; ${ending}`
              : ''
        const failed = exporter.failed
          ? `, ${exporter.failed} failed (${exporter.lastError ?? 'export failed'})`
          : ''
        const line = `tracing: ${exporter.exported} span(s) exported to ${s.url}${failed}${why}`
        if (failed || why) o.log.warning(clean(line))
        else o.log.info(line)
      })()),
  }
}
