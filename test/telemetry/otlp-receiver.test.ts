import { describe, expect, it } from 'vitest'
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer'
import { resourceFromAttributes } from '@opentelemetry/resources'
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base'
import { context, trace, SpanStatusCode } from '@opentelemetry/api'
import { decodeJsonRequest, decodeProtobufRequest } from '../harness/otlp-receiver.js'

/** Real SDK spans, serialized by the official OTLP serializers the exporters use. */
function sdkSpans() {
  const exporter = new InMemorySpanExporter()
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'svc', 'x.count': 3 }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  })
  const tracer = provider.getTracer('scope-a', '1.2.3')
  const root = tracer.startSpan('root', { attributes: { s: 'text', b: true, i: 42, d: 0.125 } })
  const child = tracer.startSpan(
    'child',
    { attributes: { list: ['a', 'b'], big: 123456789012 } },
    trace.setSpan(context.active(), root),
  )
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'it broke' })
  child.end()
  root.end()
  return exporter.getFinishedSpans()
}

describe('otlp receiver decoding', () => {
  it('decodes the official protobuf and JSON encodings of the same spans to the same spans', () => {
    const spans = sdkSpans()
    const fromProto = decodeProtobufRequest(ProtobufTraceSerializer.serializeRequest(spans)!)
    const json = JSON.parse(
      new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans)!),
    ) as Parameters<typeof decodeJsonRequest>[0]
    const fromJson = decodeJsonRequest(json)
    expect(fromProto).toEqual(fromJson)
    expect(fromProto).toHaveLength(2)
    const [child, root] = fromProto
    expect(root!.name).toBe('root')
    expect(root!.parentSpanId).toBe('')
    expect(root!.attributes).toEqual({ s: 'text', b: true, i: 42, d: 0.125 })
    expect(child!.name).toBe('child')
    expect(child!.parentSpanId).toBe(root!.spanId)
    expect(child!.traceId).toBe(root!.traceId)
    expect(child!.traceId).toMatch(/^[0-9a-f]{32}$/)
    expect(child!.attributes).toEqual({ list: ['a', 'b'], big: 123456789012 })
    expect(child!.status).toEqual({ code: 2, message: 'it broke' })
    expect(root!.resource).toMatchObject({ 'service.name': 'svc', 'x.count': 3 })
    expect(root!.scope).toEqual({ name: 'scope-a', version: '1.2.3' })
    expect(root!.endTimeUnixNano).toBeGreaterThanOrEqual(root!.startTimeUnixNano)
    expect(root!.startTimeUnixNano).toBe(
      BigInt(spans[1]!.startTime[0]) * 1_000_000_000n + BigInt(spans[1]!.startTime[1]),
    )
  })
})
