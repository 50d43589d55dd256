/**
 * Tracing, seen from the code: a run span, and spans for model calls, tool calls, GitHub writes
 * and test runs under it. The default is a no-op; the OpenTelemetry implementation (otel.ts) is
 * imported only when an OTLP endpoint is configured, so a run without one never loads it (ncc
 * puts it in a chunk of its own).
 */
import type { Log } from '../log.js'
import type { Redactor } from '../safety/redact.js'

/** Attribute values as OpenTelemetry takes them; undefined attributes are left out. */
export type SpanAttributes = Record<string, string | number | boolean | string[] | undefined>

export interface Span {
  set(attributes: SpanAttributes): void
  /** Marks the span failed (status ERROR) with a message (redacted like every value). */
  fail(message: string, errorType?: string): void
  end(): void
}

export interface Tracer {
  /** False for the no-op tracer: callers may skip work that only feeds spans. */
  readonly enabled: boolean
  /** The root span of the run (mode and outcome are set on it at the end). */
  readonly run: Span
  /** Starts a span under the run span. */
  start(name: string, attributes?: SpanAttributes): Span
  /**
   * Ends the run span and exports every span, waiting at most `timeoutMs`; never throws. Says in
   * the log how many spans were exported and how many failed.
   */
  shutdown(timeoutMs: number): Promise<void>
}

const noopSpan: Span = { set: () => undefined, fail: () => undefined, end: () => undefined }

/** Tracing off: every call is a no-op. */
export const noTracer: Tracer = {
  enabled: false,
  run: noopSpan,
  start: () => noopSpan,
  shutdown: () => Promise.resolve(),
}

/** The OTLP endpoint the environment asks traces to go to, if any. */
export function tracingEndpoint(env: NodeJS.ProcessEnv): string | undefined {
  return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined
}

/** How long the spans of a run may take to export before the process exits. */
export const TRACE_FLUSH_MS = 5_000

/**
 * The run's tracer: OpenTelemetry when `OTEL_EXPORTER_OTLP_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is set (the module is loaded here, on demand), else the
 * no-op. A tracing setup that cannot work is a warning, never a failed run.
 */
export async function startTracing(
  env: NodeJS.ProcessEnv,
  o: { redactor: Redactor; log: Log; version: string },
): Promise<Tracer> {
  const endpoint = tracingEndpoint(env)
  if (!endpoint) return noTracer
  try {
    const { createOtelTracer } = await import('./otel.js')
    return createOtelTracer(env, o)
  } catch (err) {
    o.log.warning(
      `Tracing is off: ${o.redactor.redact(err instanceof Error ? err.message : String(err))}`,
    )
    return noTracer
  }
}
