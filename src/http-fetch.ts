/**
 * A small `fetch` over `node:http`/`node:https`, for the requests every run makes (GitHub, the
 * Messages API). Node's global `fetch` (and its `Headers`, `Response`) loads the undici bundled in
 * Node on first use: on Node 20 that was about 40 ms of CPU before the first GitHub answer, in a
 * cold start whose target is 300 ms. This does what our clients ask of fetch, not all of it:
 *
 * - bodies: a string, a Buffer/Uint8Array or none (anything else goes to the global `fetch`);
 * - `signal`: an abort rejects with the signal's reason, before or after the answer started, as
 *   fetch does (Octokit's timeout hook and the Messages client rely on that);
 * - redirects are followed (at most 20; 303, and 301/302 after a POST, become a GET without
 *   body; the `authorization` header is dropped when the origin changes), unless
 *   `redirect: 'manual'` or `'error'`;
 * - answers compressed with gzip, deflate or br are decoded (`accept-encoding` is sent);
 * - a failure without an answer is fetch's `TypeError('fetch failed')` with the socket error as
 *   its `cause` (its `code`, e.g. ECONNREFUSED, kept).
 *
 * The body is read once: `text()`, `json()`, `arrayBuffer()`, or `body` (an async iterable of
 * Buffers).
 */
import { request as httpRequest, type IncomingMessage } from 'node:http'
import type { Readable } from 'node:stream'

export interface HttpFetchInit {
  method?: string
  headers?: Record<string, string> | [string, string][]
  body?: string | Uint8Array | null
  signal?: AbortSignal | null
  redirect?: 'follow' | 'manual' | 'error'
}

/** The answer's headers: names in lower case, repeated headers joined with ", ". */
export class HttpHeaders implements Iterable<[string, string]> {
  private readonly map = new Map<string, string>()

  constructor(raw: IncomingMessage['headers'] = {}) {
    for (const [name, value] of Object.entries(raw)) {
      if (value === undefined) continue
      this.map.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value)
    }
  }

  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null
  }

  has(name: string): boolean {
    return this.map.has(name.toLowerCase())
  }

  forEach(fn: (value: string, name: string) => void): void {
    for (const [name, value] of this) fn(value, name)
  }

  *entries(): IterableIterator<[string, string]> {
    yield* [...this.map].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  }

  keys(): IterableIterator<string> {
    return [...this.entries()].map(([k]) => k)[Symbol.iterator]()
  }

  values(): IterableIterator<string> {
    return [...this.entries()].map(([, v]) => v)[Symbol.iterator]()
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries()
  }
}

export interface HttpResponse {
  readonly status: number
  readonly statusText: string
  readonly ok: boolean
  readonly url: string
  readonly redirected: boolean
  readonly headers: HttpHeaders
  /** The decoded body as a stream of Buffers; null for HEAD, 204, 205 and 304. */
  readonly body: (Readable & AsyncIterable<Buffer>) | null
  readonly bodyUsed: boolean
  text(): Promise<string>
  json(): Promise<unknown>
  arrayBuffer(): Promise<ArrayBuffer>
}

const MAX_REDIRECTS = 20

/** fetch's shape, for the clients that take one (Octokit's `request.fetch`). */
export function httpFetch(input: string | URL, init: HttpFetchInit = {}): Promise<HttpResponse> {
  const body = init.body ?? undefined
  if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) {
    // A stream or form body: the global fetch knows those (never sent by our clients today).
    return fetch(input, init as RequestInit) as unknown as Promise<HttpResponse>
  }
  return send(new URL(String(input)), { ...init, body }, 0)
}

async function send(
  url: URL,
  init: HttpFetchInit & { body?: string | Uint8Array },
  redirects: number,
): Promise<HttpResponse> {
  const signal = init.signal ?? undefined
  if (signal?.aborted) throw abortReason(signal)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError('fetch failed', {
      cause: new Error(`URL scheme '${url.protocol.slice(0, -1)}' is not supported.`),
    })
  }
  const method = (init.method ?? 'GET').toUpperCase()
  const headers: Record<string, string> = {}
  const given = Array.isArray(init.headers) ? init.headers : Object.entries(init.headers ?? {})
  for (const [name, value] of given) headers[name.toLowerCase()] = String(value)
  headers.accept ??= '*/*'
  headers['accept-encoding'] ??= 'gzip, deflate, br'
  const payload =
    init.body === undefined
      ? undefined
      : typeof init.body === 'string'
        ? Buffer.from(init.body)
        : Buffer.from(init.body.buffer, init.body.byteOffset, init.body.byteLength)
  if (payload) headers['content-length'] = String(payload.length)
  else if (method === 'POST' || method === 'PUT' || method === 'PATCH')
    headers['content-length'] = '0'

  // node:https loads TLS (about 9 ms): only for an https URL.
  const request = url.protocol === 'https:' ? (await import('node:https')).request : httpRequest
  if (signal?.aborted) throw abortReason(signal)
  const res = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(url, { method, headers })
    const onAbort = () => {
      req.destroy()
      reject(abortReason(signal!))
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    req.on('response', (r) => {
      signal?.removeEventListener('abort', onAbort)
      resolve(r)
    })
    req.on('error', (err) => {
      signal?.removeEventListener('abort', onAbort)
      reject(signal?.aborted ? abortReason(signal) : new TypeError('fetch failed', { cause: err }))
    })
    req.end(payload)
  })

  const status = res.statusCode ?? 0
  const location = res.headers.location
  if (status >= 300 && status < 400 && status !== 304 && location) {
    const mode = init.redirect ?? 'follow'
    if (mode === 'error') {
      res.resume()
      throw new TypeError('fetch failed', { cause: new Error('unexpected redirect') })
    }
    if (mode === 'follow') {
      res.resume()
      if (redirects >= MAX_REDIRECTS) {
        throw new TypeError('fetch failed', { cause: new Error('redirect count exceeded') })
      }
      const next = new URL(location, url)
      const toGet = status === 303 || ((status === 301 || status === 302) && method === 'POST')
      const nextHeaders = { ...headers }
      delete nextHeaders['content-length']
      if (next.origin !== url.origin) delete nextHeaders.authorization
      const response = await send(
        next,
        {
          ...init,
          headers: nextHeaders,
          ...(toGet ? { method: 'GET', body: undefined } : {}),
        },
        redirects + 1,
      )
      return Object.assign(response, { redirected: true })
    }
  }
  return toResponse(res, url, method, signal)
}

async function toResponse(
  res: IncomingMessage,
  url: URL,
  method: string,
  signal: AbortSignal | undefined,
): Promise<HttpResponse> {
  const status = res.statusCode ?? 0
  const empty = method === 'HEAD' || status === 204 || status === 205 || status === 304
  let stream: Readable | null = null
  if (empty) res.resume()
  else {
    stream = await decoded(res)
    if (signal) {
      const onAbort = () => stream!.destroy(abortReason(signal) as Error)
      signal.addEventListener('abort', onAbort, { once: true })
      stream.once('close', () => signal.removeEventListener('abort', onAbort))
    }
    // A connection cut mid-body: fetch's "terminated".
    res.once('aborted', () => stream!.destroy(new TypeError('terminated')))
  }
  let used = false
  const read = async (): Promise<Buffer> => {
    if (used) throw new TypeError('Body is unusable: Body has already been read')
    used = true
    if (!stream) return Buffer.alloc(0)
    const chunks: Buffer[] = []
    for await (const chunk of stream) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks)
  }
  return {
    status,
    statusText: res.statusMessage ?? '',
    ok: status >= 200 && status < 300,
    url: url.href,
    redirected: false,
    headers: new HttpHeaders(res.headers),
    get body() {
      return stream as HttpResponse['body']
    },
    get bodyUsed() {
      return used
    },
    text: async () => (await read()).toString('utf8'),
    json: async () => JSON.parse((await read()).toString('utf8')) as unknown,
    arrayBuffer: async () => {
      const b = await read()
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer
    },
  }
}

/** The body as sent, or decoded when `content-encoding` says gzip, deflate or br. */
async function decoded(res: IncomingMessage): Promise<Readable> {
  const encoding = String(res.headers['content-encoding'] ?? '')
    .toLowerCase()
    .trim()
  if (!['gzip', 'x-gzip', 'deflate', 'br'].includes(encoding)) return res
  // Loaded only for a compressed answer (GitHub compresses; the loopback servers do not).
  const zlib = await import('node:zlib')
  const decoder =
    encoding === 'br'
      ? zlib.createBrotliDecompress()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : zlib.createGunzip()
  res.on('error', (err) => decoder.destroy(err))
  return res.pipe(decoder)
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError')
}
