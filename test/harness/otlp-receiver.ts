/**
 * A loopback OTLP/HTTP trace receiver: `POST /v1/traces` in both encodings the exporters speak,
 * `application/x-protobuf` (ExportTraceServiceRequest, decoded with the official OpenTelemetry
 * protobuf reader and the field numbers of opentelemetry/proto/trace/v1/trace.proto) and
 * `application/json` (the OTLP/JSON mapping). It answers as a collector does (an empty
 * ExportTraceServiceResponse) and keeps every request: its headers, its encoding, its spans.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ProtobufReader } from '@opentelemetry/otlp-transformer/build/src/common/protobuf/protobuf-reader.js'

export type AttributeValue = string | number | boolean | AttributeValue[] | null

export interface ReceivedSpan {
  traceId: string
  spanId: string
  /** '' for a root span. */
  parentSpanId: string
  name: string
  kind: number
  startTimeUnixNano: bigint
  endTimeUnixNano: bigint
  attributes: Record<string, AttributeValue>
  /** 0 unset, 1 ok, 2 error. */
  status: { code: number; message: string }
  resource: Record<string, AttributeValue>
  scope: { name: string; version: string }
}

export interface ReceivedRequest {
  path: string
  encoding: 'protobuf' | 'json'
  headers: IncomingHttpHeaders
  spans: ReceivedSpan[]
  /** The raw body, to search for secrets in what was sent, not only in what was decoded. */
  body: Buffer
}

export interface OtlpReceiver {
  url: string
  requests: ReceivedRequest[]
  /** Every span of every request, in arrival order. */
  spans(): ReceivedSpan[]
  close(): Promise<void>
}

/** Starts the receiver on 127.0.0.1 (a free port). */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const requests: ReceivedRequest[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const type = String(req.headers['content-type'] ?? '')
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end()
        return
      }
      try {
        if (type.startsWith('application/x-protobuf')) {
          requests.push({
            path: req.url,
            encoding: 'protobuf',
            headers: req.headers,
            spans: decodeProtobufRequest(new Uint8Array(body)),
            body,
          })
          res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end()
        } else if (type.startsWith('application/json')) {
          requests.push({
            path: req.url,
            encoding: 'json',
            headers: req.headers,
            spans: decodeJsonRequest(JSON.parse(body.toString('utf8')) as JsonRequest),
            body,
          })
          res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
        } else {
          res.writeHead(415).end(`unsupported content-type '${type}'`)
        }
      } catch (err) {
        res.writeHead(400).end(err instanceof Error ? err.message : String(err))
      }
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    spans: () => requests.flatMap((r) => r.spans),
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}

// ---- protobuf (opentelemetry/proto/collector/trace/v1/trace_service.proto and trace.proto) ----

const VARINT = 0
const FIXED64 = 1
const LEN = 2

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex')
}

function fixed64(r: ProtobufReader, buf: Uint8Array): bigint {
  const v = new DataView(buf.buffer, buf.byteOffset + r.pos, 8).getBigUint64(0, true)
  r.pos += 8
  return v
}

function double(r: ProtobufReader, buf: Uint8Array): number {
  const v = new DataView(buf.buffer, buf.byteOffset + r.pos, 8).getFloat64(0, true)
  r.pos += 8
  return v
}

/** Calls `field` for each field of a message; unknown fields are skipped. */
function fields(
  buf: Uint8Array,
  field: (n: number, wire: number, r: ProtobufReader) => boolean | void,
): void {
  const r = new ProtobufReader(buf)
  while (!r.isAtEnd()) {
    const { fieldNumber, wireType } = r.readTag()
    if (field(fieldNumber, wireType, r) !== true) r.skip(wireType)
  }
}

/** AnyValue: 1 string, 2 bool, 3 int, 4 double, 5 array, 6 kvlist, 7 bytes. */
function anyValue(buf: Uint8Array): AttributeValue {
  let value: AttributeValue = null
  fields(buf, (n, w, r) => {
    if (n === 1 && w === LEN) value = r.readString()
    else if (n === 2 && w === VARINT) value = r.readVarint() !== 0
    else if (n === 3 && w === VARINT) value = r.readVarint()
    else if (n === 4 && w === FIXED64) value = double(r, buf)
    else if (n === 5 && w === LEN) {
      const items: AttributeValue[] = []
      fields(r.readBytes(), (m, mw, ar) => {
        if (m === 1 && mw === LEN) items.push(anyValue(ar.readBytes()))
        else return false
        return true
      })
      value = items
    } else if (n === 7 && w === LEN) value = hex(r.readBytes())
    else return false
    return true
  })
  return value
}

/** KeyValue: 1 key, 2 value. */
function keyValue(buf: Uint8Array, into: Record<string, AttributeValue>): void {
  let key = ''
  let value: AttributeValue = null
  fields(buf, (n, w, r) => {
    if (n === 1 && w === LEN) key = r.readString()
    else if (n === 2 && w === LEN) value = anyValue(r.readBytes())
    else return false
    return true
  })
  into[key] = value
}

/** Decodes an ExportTraceServiceRequest (1: repeated ResourceSpans). */
export function decodeProtobufRequest(buf: Uint8Array): ReceivedSpan[] {
  const spans: ReceivedSpan[] = []
  fields(buf, (n, w, r) => {
    if (n !== 1 || w !== LEN) return false
    // ResourceSpans: 1 resource, 2 scope_spans.
    const resource: Record<string, AttributeValue> = {}
    const scopes: Uint8Array[] = []
    fields(r.readBytes(), (rn, rw, rr) => {
      if (rn === 1 && rw === LEN) {
        // Resource: 1 attributes.
        fields(rr.readBytes(), (an, aw, ar) => {
          if (an === 1 && aw === LEN) keyValue(ar.readBytes(), resource)
          else return false
          return true
        })
      } else if (rn === 2 && rw === LEN) scopes.push(rr.readBytes())
      else return false
      return true
    })
    for (const scopeSpans of scopes) {
      // ScopeSpans: 1 scope (InstrumentationScope: 1 name, 2 version), 2 spans.
      const scope = { name: '', version: '' }
      const raw: Uint8Array[] = []
      fields(scopeSpans, (sn, sw, sr) => {
        if (sn === 1 && sw === LEN) {
          fields(sr.readBytes(), (qn, qw, qr) => {
            if (qn === 1 && qw === LEN) scope.name = qr.readString()
            else if (qn === 2 && qw === LEN) scope.version = qr.readString()
            else return false
            return true
          })
        } else if (sn === 2 && sw === LEN) raw.push(sr.readBytes())
        else return false
        return true
      })
      for (const s of raw) spans.push(decodeSpan(s, resource, scope))
    }
    return true
  })
  return spans
}

/** Span: 1 trace_id, 2 span_id, 4 parent_span_id, 5 name, 6 kind, 7/8 times, 9 attributes, 15 status. */
function decodeSpan(
  buf: Uint8Array,
  resource: Record<string, AttributeValue>,
  scope: { name: string; version: string },
): ReceivedSpan {
  const span: ReceivedSpan = {
    traceId: '',
    spanId: '',
    parentSpanId: '',
    name: '',
    kind: 0,
    startTimeUnixNano: 0n,
    endTimeUnixNano: 0n,
    attributes: {},
    status: { code: 0, message: '' },
    resource,
    scope,
  }
  fields(buf, (n, w, r) => {
    if (n === 1 && w === LEN) span.traceId = hex(r.readBytes())
    else if (n === 2 && w === LEN) span.spanId = hex(r.readBytes())
    else if (n === 4 && w === LEN) span.parentSpanId = hex(r.readBytes())
    else if (n === 5 && w === LEN) span.name = r.readString()
    else if (n === 6 && w === VARINT) span.kind = r.readVarint()
    else if (n === 7 && w === FIXED64) span.startTimeUnixNano = fixed64(r, buf)
    else if (n === 8 && w === FIXED64) span.endTimeUnixNano = fixed64(r, buf)
    else if (n === 9 && w === LEN) keyValue(r.readBytes(), span.attributes)
    else if (n === 15 && w === LEN) {
      // Status: 2 message, 3 code.
      fields(r.readBytes(), (sn, sw, sr) => {
        if (sn === 2 && sw === LEN) span.status.message = sr.readString()
        else if (sn === 3 && sw === VARINT) span.status.code = sr.readVarint()
        else return false
        return true
      })
    } else return false
    return true
  })
  return span
}

// ---- OTLP/JSON ----

interface JsonAnyValue {
  stringValue?: string
  boolValue?: boolean
  intValue?: number | string
  doubleValue?: number
  arrayValue?: { values?: JsonAnyValue[] }
  bytesValue?: string
}
interface JsonKeyValue {
  key: string
  value?: JsonAnyValue
}
interface JsonSpan {
  traceId: string
  spanId: string
  parentSpanId?: string
  name: string
  kind?: number
  startTimeUnixNano: string | number
  endTimeUnixNano: string | number
  attributes?: JsonKeyValue[]
  status?: { code?: number; message?: string }
}
interface JsonRequest {
  resourceSpans?: Array<{
    resource?: { attributes?: JsonKeyValue[] }
    scopeSpans?: Array<{ scope?: { name?: string; version?: string }; spans?: JsonSpan[] }>
  }>
}

function jsonValue(v: JsonAnyValue | undefined): AttributeValue {
  if (!v) return null
  if (v.stringValue !== undefined) return v.stringValue
  if (v.boolValue !== undefined) return v.boolValue
  if (v.intValue !== undefined) return Number(v.intValue)
  if (v.doubleValue !== undefined) return v.doubleValue
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(jsonValue)
  if (v.bytesValue !== undefined) return Buffer.from(v.bytesValue, 'base64').toString('hex')
  return null
}

function jsonAttributes(kvs: JsonKeyValue[] | undefined): Record<string, AttributeValue> {
  return Object.fromEntries((kvs ?? []).map((kv) => [kv.key, jsonValue(kv.value)]))
}

/** Decodes an ExportTraceServiceRequest in the OTLP/JSON mapping (ids as hex strings). */
export function decodeJsonRequest(req: JsonRequest): ReceivedSpan[] {
  const spans: ReceivedSpan[] = []
  for (const rs of req.resourceSpans ?? []) {
    const resource = jsonAttributes(rs.resource?.attributes)
    for (const ss of rs.scopeSpans ?? []) {
      const scope = { name: ss.scope?.name ?? '', version: ss.scope?.version ?? '' }
      for (const s of ss.spans ?? []) {
        spans.push({
          traceId: s.traceId,
          spanId: s.spanId,
          parentSpanId: s.parentSpanId ?? '',
          name: s.name,
          kind: s.kind ?? 0,
          startTimeUnixNano: BigInt(s.startTimeUnixNano),
          endTimeUnixNano: BigInt(s.endTimeUnixNano),
          attributes: jsonAttributes(s.attributes),
          status: { code: s.status?.code ?? 0, message: s.status?.message ?? '' },
          resource,
          scope,
        })
      }
    }
  }
  return spans
}
