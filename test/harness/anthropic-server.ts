/**
 * A fake Anthropic Messages API on 127.0.0.1 for the project's tests and benchmarks.
 *
 * It speaks the real wire format (`POST /v1/messages`, non-streaming JSON, error bodies as the API
 * sends them), is scripted turn by turn (`queue`, `onRequest`), records every request, injects
 * faults (429 with retry-after, 529, 500, dropped connections, slow replies), checks the request
 * rules the real API enforces (tool_use/tool_result pairing, at most 4 cache breakpoints), and
 * reports usage with prompt-cache semantics so caching can be measured.
 *
 * Cache semantics, as the real API documents them: a prefix (tools, then system, then messages)
 * is cached at each `cache_control` breakpoint when it is at least `minCacheableTokens` long; a
 * breakpoint reads the longest cached prefix ending at most `lookbackBlocks` blocks before it; and
 * an entry becomes visible only once the response that wrote it is sent, so requests that arrive
 * while the writer is still in flight (parallel calls with a cold cache) each write it again.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { createHash, randomBytes } from 'node:crypto'

export interface WireUsage {
  input_tokens: number
  output_tokens: number
  cache_creation_input_tokens: number
  cache_read_input_tokens: number
}

export interface ReplyStep {
  text?: string
  toolUses?: { name: string; input: unknown; id?: string }[]
  /** Defaults to 'tool_use' when there are tool uses, else 'end_turn'. */
  stopReason?: 'tool_use' | 'end_turn' | 'max_tokens' | 'stop_sequence' | 'refusal'
  /** Overrides the computed usage fields. */
  usage?: Partial<WireUsage>
}

export interface FaultStep {
  /** auth: 401 authentication_error, as the API answers a key it does not accept. */
  fault: 'rate_limit' | 'overloaded' | 'server_error' | 'drop' | 'slow' | 'auth'
  /** rate_limit: value of the `retry-after` header (seconds). */
  retryAfterSeconds?: number
  /** slow: how long to wait before answering (default 5000 ms). */
  delayMs?: number
  /** slow: the reply sent after the delay (default: a short end_turn text). */
  then?: ReplyStep
  /** slow: answer when this settles instead of after `delayMs` (ordering tests, no timing). */
  hold?: Promise<unknown>
}

export type Step = ReplyStep | FaultStep

export interface RecordedRequest {
  // The request body as parsed JSON; tests read it freely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- wire JSON, shape asserted by tests
  body: any
  headers: Record<string, string | string[] | undefined>
  /** The step that answered it, or null when the queue was empty. */
  step: Step | null
  /** The request path (Bedrock and Vertex carry the model in it). */
  path?: string
  /** Whether the reply was streamed. */
  stream?: boolean
  /** Usage reported for it (reply steps only). */
  usage?: WireUsage
  /**
   * The cache breakpoints of the request, in order: the block index and the prefix length in
   * tokens up to and including that block (what a write at that breakpoint caches).
   */
  breakpoints?: { block: number; tokens: number }[]
  /**
   * `performance.now()` when the request arrived and when its answer was sent or the socket
   * closed (benchmarks: the time the model held the caller).
   */
  arrivedAt?: number
  answeredAt?: number
}

export interface FakeAnthropic {
  url: string
  requests: RecordedRequest[]
  queue(...steps: Step[]): void
  /** Called when the queue is empty; its step answers the request. */
  onRequest(fn: (body: RequestBody, index: number) => Step): void
  /** Steps queued but never consumed (a test can assert the script ran to the end). */
  pending(): number
  close(): Promise<void>
}

/**
 * How a provider (Bedrock, Vertex) reaches the same Messages logic: its paths, its auth, its
 * error shape and its stream encoding (test/harness/provider-fakes.ts). Absent: the Anthropic
 * API itself (`POST /v1/messages`, `x-api-key`).
 */
export interface Frontend {
  /** The Messages body (with `model`) behind a request, or the error the provider answers. */
  accept(
    req: IncomingMessage,
    raw: string,
  ): Promise<
    | { body: RequestBody; stream: boolean; wire: unknown }
    | { status: number; type: string; message: string; wire?: unknown }
  >
  /** Writes an error in the provider's shape. */
  sendError(res: ServerResponse, status: number, type: string, message: string): void
  /** Writes a streamed reply: the Messages stream events, in the provider's encoding. */
  sendStream(res: ServerResponse, events: Record<string, unknown>[]): void
}

export interface FakeAnthropicOptions {
  /** A provider's paths, auth and encodings in front of the same Messages logic. */
  frontend?: Frontend
  /** Prefixes shorter than this many tokens are not cached (the real API: 1024-4096). */
  minCacheableTokens?: number
  /** How many blocks before a breakpoint are checked for an earlier cache entry (API: 20). */
  lookbackBlocks?: number
  /**
   * Every reply waits this long before it is sent (the model's time to answer). Parallel calls
   * then overlap as they do against the real API, which is what makes a cold cache visible.
   */
  replyDelayMs?: number
}

export interface RequestBody {
  model: string
  max_tokens: number
  system?: string | { type: 'text'; text: string; cache_control?: unknown }[]
  tools?: Record<string, unknown>[]
  messages: { role: 'user' | 'assistant'; content: string | Record<string, unknown>[] }[]
  [key: string]: unknown
}

/** A reply step that calls one tool. */
export function toolUse(name: string, input: unknown, id?: string): ReplyStep {
  return { toolUses: [{ name, input, id }] }
}

/** A reply step with only text (end_turn). */
export function textReply(text: string): ReplyStep {
  return { text }
}

/**
 * Tokens of the first `prefixTokens` of a request's prompt that it wrote to the cache. A request
 * reads a prefix, writes what follows up to its last cacheable breakpoint, then pays plain input.
 */
export function prefixWriteTokens(rec: RecordedRequest, prefixTokens: number): number {
  const u = rec.usage
  if (!u) return 0
  const read = u.cache_read_input_tokens
  return Math.max(0, Math.min(prefixTokens, read + u.cache_creation_input_tokens) - read)
}

/** Token estimate the fake uses everywhere: ≈ 4 characters per token. */
export function tokensOf(chars: number): number {
  return Math.ceil(chars / 4)
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message)
  }
}

/** Starts the fake on a random loopback port. */
export async function startAnthropicServer(
  opts: FakeAnthropicOptions = {},
): Promise<FakeAnthropic> {
  const minCacheable = opts.minCacheableTokens ?? 0
  const lookback = opts.lookbackBlocks ?? 20
  const steps: Step[] = []
  let handler: ((body: RequestBody, index: number) => Step) | null = null
  const requests: RecordedRequest[] = []
  // Cache entries: hash of (model + serialized prefix) -> token count of that prefix.
  const cache = new Map<string, number>()
  const sockets = new Set<Socket>()
  let ids = 0

  const server = createServer((req, res) => {
    void handle(req, res)
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })

  const frontend = opts.frontend
  const sendError = frontend ? frontend.sendError : sendAnthropicError

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrivedAt = performance.now()
    let held: RecordedRequest | undefined
    res.on('close', () => {
      if (held) held.answeredAt = performance.now()
    })
    const record = (r: RecordedRequest): void => {
      r.arrivedAt = arrivedAt
      held = r
      requests.push(r)
    }
    const raw = await readBody(req)
    let body: RequestBody
    let stream = false
    const index = requests.length
    let rec: RecordedRequest
    if (frontend) {
      const accepted = await frontend.accept(req, raw)
      if ('status' in accepted) {
        if (accepted.wire !== undefined) {
          record({ body: accepted.wire, headers: req.headers, step: null, path: req.url })
        }
        return sendError(res, accepted.status, accepted.type, accepted.message)
      }
      body = accepted.body
      stream = accepted.stream
      rec = { body: accepted.wire, headers: req.headers, step: null, path: req.url, stream }
      record(rec)
    } else {
      if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) {
        return sendError(res, 404, 'not_found_error', `Not found: ${req.method} ${req.url}`)
      }
      try {
        body = JSON.parse(raw) as RequestBody
      } catch {
        return sendError(res, 400, 'invalid_request_error', 'Request body is not valid JSON')
      }
      stream = body.stream === true
      rec = { body, headers: req.headers, step: null, path: req.url, stream }
      record(rec)
      if (!req.headers['x-api-key'] && !req.headers.authorization) {
        return sendError(res, 401, 'authentication_error', 'x-api-key header is required')
      }
    }
    const step = steps.length > 0 ? steps.shift()! : handler ? handler(body, index) : null
    rec.step = step
    // What the cache holds when the request arrives is what it can read.
    // (A malformed body has none: validation answers it with a 400 before any usage.)
    let lookup: CacheLookup | null = null
    try {
      lookup = cacheLookup(body)
      rec.breakpoints = lookup.breakpoints
    } catch {
      lookup = null
    }
    if (!step) {
      return sendError(
        res,
        500,
        'api_error',
        `fake-anthropic: no scripted step for request #${index + 1} (queue empty, no onRequest handler)`,
      )
    }
    if ('fault' in step) {
      switch (step.fault) {
        case 'rate_limit':
          res.setHeader('retry-after', String(step.retryAfterSeconds ?? 1))
          return sendError(
            res,
            429,
            'rate_limit_error',
            'Number of request tokens has exceeded your per-minute rate limit',
          )
        case 'overloaded':
          return sendError(res, 529, 'overloaded_error', 'Overloaded')
        case 'server_error':
          return sendError(res, 500, 'api_error', 'Internal server error')
        case 'auth':
          return sendError(res, 401, 'authentication_error', 'invalid x-api-key')
        case 'drop':
          req.socket.destroy()
          return
        case 'slow': {
          if (step.hold) await step.hold.catch(() => undefined)
          else await new Promise((r) => setTimeout(r, step.delayMs ?? 5000))
          if (res.destroyed || req.socket.destroyed) return
          return reply(res, body, rec, step.then ?? { text: 'slow reply' }, stream, lookup)
        }
      }
    }
    if (opts.replyDelayMs) await new Promise((r) => setTimeout(r, opts.replyDelayMs))
    if (res.destroyed || req.socket.destroyed) return
    return reply(res, body, rec, step, stream, lookup)
  }

  function reply(
    res: ServerResponse,
    body: RequestBody,
    rec: RecordedRequest,
    step: ReplyStep,
    stream: boolean,
    lookup: CacheLookup | null,
  ): void {
    try {
      validate(body)
    } catch (err) {
      if (err instanceof HttpError) return sendError(res, err.status, err.type, err.message)
      throw err
    }
    const content: Record<string, unknown>[] = []
    if (step.text) content.push({ type: 'text', text: step.text })
    for (const t of step.toolUses ?? []) {
      content.push({
        type: 'tool_use',
        id: t.id ?? `toolu_${String(++ids).padStart(4, '0')}${randomBytes(6).toString('hex')}`,
        name: t.name,
        input: t.input,
      })
    }
    lookup ??= cacheLookup(body)
    // The entries this request writes become visible now, as its response begins.
    for (const [hash, tokens] of lookup.writes) cache.set(hash, tokens)
    const usage: WireUsage = {
      ...lookup.usage,
      output_tokens: tokensOf(JSON.stringify(content).length),
    }
    Object.assign(usage, step.usage)
    rec.usage = usage
    const msg = {
      id: `msg_${randomBytes(12).toString('hex')}`,
      type: 'message',
      role: 'assistant',
      model: body.model,
      content,
      stop_reason: step.stopReason ?? (step.toolUses?.length ? 'tool_use' : 'end_turn'),
      stop_sequence: null,
      usage,
    }
    if (stream) {
      const events = messageEvents(msg)
      if (frontend) return frontend.sendStream(res, events)
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' })
      for (const e of events) res.write(`event: ${String(e.type)}\ndata: ${JSON.stringify(e)}\n\n`)
      res.end()
      return
    }
    res.writeHead(200, {
      'content-type': 'application/json',
      'request-id': `req_${randomBytes(8).toString('hex')}`,
    })
    res.end(JSON.stringify(msg))
  }

  interface CacheLookup {
    usage: Omit<WireUsage, 'output_tokens'>
    /** Entries to add when the response is sent. */
    writes: [string, number][]
    breakpoints: { block: number; tokens: number }[]
  }

  /**
   * Input usage with cache semantics. The request is flattened into blocks (tools, then system,
   * then message content blocks); at each cache_control breakpoint the longest earlier-seen
   * prefix ending within `lookback` blocks is a read; the prefix up to the last breakpoint is
   * written (each breakpoint long enough becomes an entry); everything after is plain input.
   */
  function cacheLookup(body: RequestBody): CacheLookup {
    const blocks = flatten(body)
    const total = blocks.reduce((n, b) => n + b.tokens, 0)
    const hashes: string[] = []
    const cum: number[] = []
    const h = createHash('sha256').update(body.model)
    let sum = 0
    for (const b of blocks) {
      h.update(b.text)
      hashes.push(h.copy().digest('hex'))
      sum += b.tokens
      cum.push(sum)
    }
    const breakpoints = blocks.flatMap((b, i) => (b.breakpoint ? [i] : []))
    let readEnd = -1
    for (const bp of breakpoints) {
      for (let i = bp; i >= Math.max(0, bp - lookback); i--) {
        if (cache.has(hashes[i]!)) {
          readEnd = Math.max(readEnd, i)
          break
        }
      }
    }
    const read = readEnd >= 0 ? cum[readEnd]! : 0
    let writeEnd = readEnd
    const writes: [string, number][] = []
    for (const bp of breakpoints) {
      if (bp > readEnd && cum[bp]! >= minCacheable) {
        writes.push([hashes[bp]!, cum[bp]!])
        writeEnd = Math.max(writeEnd, bp)
      }
    }
    const written = writeEnd > readEnd ? cum[writeEnd]! - read : 0
    return {
      usage: {
        input_tokens: total - read - written,
        cache_creation_input_tokens: written,
        cache_read_input_tokens: read,
      },
      writes,
      breakpoints: breakpoints.map((block) => ({ block, tokens: cum[block]! })),
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    queue: (...s) => void steps.push(...s),
    onRequest: (fn) => {
      handler = fn
    },
    pending: () => steps.length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

interface FlatBlock {
  text: string
  tokens: number
  breakpoint: boolean
}

function flatten(body: RequestBody): FlatBlock[] {
  const out: FlatBlock[] = []
  const push = (prefix: string, block: unknown) => {
    const b = block as Record<string, unknown>
    const breakpoint = typeof b === 'object' && b !== null && b.cache_control !== undefined
    const rest = typeof b === 'object' && b !== null ? { ...b, cache_control: undefined } : b
    const text = prefix + JSON.stringify(rest)
    out.push({ text, tokens: tokensOf(text.length), breakpoint })
  }
  for (const t of body.tools ?? []) push('tool:', t)
  if (typeof body.system === 'string') push('system:', { type: 'text', text: body.system })
  else for (const s of body.system ?? []) push('system:', s)
  body.messages.forEach((m, i) => {
    const blocks = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content
    for (const b of blocks) push(`${i}:${m.role}:`, b)
  })
  return out
}

const MAX_OUTPUT_TOKENS = 64_000

/** The request rules of the real API that a runtime bug would break. */
function validate(body: RequestBody): void {
  const bad = (m: string) => new HttpError(400, 'invalid_request_error', m)
  if (typeof body.model !== 'string' || !body.model) throw bad('model: Field required')
  if (typeof body.max_tokens !== 'number') throw bad('max_tokens: Field required')
  // Current models stop at 64k output tokens (Opus 4/4.1: 32k); the API refuses more.
  if (body.max_tokens > MAX_OUTPUT_TOKENS || body.max_tokens < 1) {
    throw bad(
      `max_tokens: ${body.max_tokens} > ${MAX_OUTPUT_TOKENS}, which is the maximum allowed number of output tokens for ${body.model}`,
    )
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0)
    throw bad('messages: at least one message is required')
  if (body.messages[0]!.role !== 'user')
    throw bad('messages: first message must use the "user" role')
  let breakpoints = 0
  const count = (b: unknown) => {
    if (typeof b === 'object' && b !== null && (b as Record<string, unknown>).cache_control)
      breakpoints++
  }
  body.tools?.forEach(count)
  if (Array.isArray(body.system)) body.system.forEach(count)
  const toolNames = new Set((body.tools ?? []).map((t) => t.name))
  body.messages.forEach((m, i) => {
    const blocks = typeof m.content === 'string' ? [] : m.content
    blocks.forEach(count)
    if (m.role !== 'assistant') return
    const uses = blocks.filter((b) => b.type === 'tool_use').map((b) => b.id as string)
    if (uses.length === 0) return
    if (toolNames.size === 0) {
      throw bad('Requests which include `tool_use` or `tool_result` blocks must define tools.')
    }
    const next = body.messages[i + 1]
    const nextBlocks = next && typeof next.content !== 'string' ? next.content : []
    const results = nextBlocks
      .filter((b) => b.type === 'tool_result')
      .map((b) => b.tool_use_id as string)
    const missing = uses.filter((id) => !results.includes(id))
    if (!next || next.role !== 'user' || missing.length > 0) {
      throw bad(
        `messages.${i + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
      )
    }
    const firstNonResult = nextBlocks.findIndex((b) => b.type !== 'tool_result')
    if (
      firstNonResult >= 0 &&
      nextBlocks.slice(firstNonResult).some((b) => b.type === 'tool_result')
    ) {
      throw bad(`messages.${i + 1}: tool_result blocks must come before any other content`)
    }
  })
  body.messages.forEach((m, i) => {
    if (m.role !== 'user' || typeof m.content === 'string') return
    const prev = body.messages[i - 1]
    const prevUses = new Set(
      prev && typeof prev.content !== 'string'
        ? prev.content.filter((b) => b.type === 'tool_use').map((b) => b.id as string)
        : [],
    )
    for (const b of m.content) {
      if (b.type === 'tool_result' && !prevUses.has(b.tool_use_id as string)) {
        throw bad(
          `messages.${i}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(b.tool_use_id)}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
        )
      }
    }
  })
  if (breakpoints > 4) {
    throw bad(`A maximum of 4 blocks with cache_control may be provided. Found ${breakpoints}.`)
  }
}

/**
 * The stream events of a message, as the Messages API streams it: message_start (usage with
 * the input counts), one start/delta/stop per content block, message_delta (stop reason and
 * output tokens), message_stop.
 */
export function messageEvents(msg: {
  content: Record<string, unknown>[]
  stop_reason: string
  usage: WireUsage
  [key: string]: unknown
}): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [
    {
      type: 'message_start',
      message: {
        ...msg,
        content: [],
        stop_reason: null,
        usage: { ...msg.usage, output_tokens: 1 },
      },
    },
  ]
  msg.content.forEach((block, index) => {
    if (block.type === 'text') {
      events.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } })
      events.push({
        type: 'content_block_delta',
        index,
        delta: { type: 'text_delta', text: block.text },
      })
    } else {
      events.push({
        type: 'content_block_start',
        index,
        content_block: { ...block, input: {} },
      })
      events.push({
        type: 'content_block_delta',
        index,
        delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) },
      })
    }
    events.push({ type: 'content_block_stop', index })
  })
  events.push({
    type: 'message_delta',
    delta: { stop_reason: msg.stop_reason, stop_sequence: null },
    usage: { output_tokens: msg.usage.output_tokens },
  })
  events.push({ type: 'message_stop' })
  return events
}

/** An error as the Anthropic API writes it. */
export function sendAnthropicError(
  res: ServerResponse,
  status: number,
  type: string,
  message: string,
): void {
  if (res.headersSent || res.destroyed) return
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify({ type: 'error', error: { type, message } }))
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
