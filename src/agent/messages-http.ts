/**
 * The Anthropic API's one call pitcrew makes, `POST /v1/messages`, without the SDK client: the
 * SDK is about 1.5 MB of bundle and its fetch loads Node's undici, together some 80 ms of CPU
 * before the first model request of every run. What the SDK's `messages.create` does for us is
 * kept: the same headers, the body as given, the answer parsed, and its error classes (retry.ts
 * classifies them): `APIError.generate` for an HTTP error, `APIConnectionTimeoutError` when the
 * request's timeout passes, `APIUserAbortError` when the caller's signal aborts, and
 * `APIConnectionError` (the socket error as `cause`) when no answer came. Its own retries are off
 * in pitcrew anyway. Bedrock and Vertex still go through their SDKs (request signing).
 */
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk/error'
import type Anthropic from '@anthropic-ai/sdk'
import { httpFetch, type HttpHeaders } from '../http-fetch.js'
import { VERSION } from '../version.js'
import type { ModelSdk } from './provider.js'

const DEFAULT_BASE_URL = 'https://api.anthropic.com'
const API_VERSION = '2023-06-01'

export interface MessagesHttpOptions {
  apiKey: string
  /** The API's base URL (ANTHROPIC_BASE_URL); a path prefix is kept. */
  baseUrl?: string
  /** Per request, when the caller gives none (the SDK's `timeout` option). */
  timeoutMs: number
}

interface CallOptions {
  timeout?: number
  signal?: AbortSignal | null
}

/** A `ModelSdk` for the Anthropic API over node:http (http-fetch.ts). */
export function messagesHttpClient(opts: MessagesHttpOptions): ModelSdk {
  const base = (opts.baseUrl || process.env.ANTHROPIC_BASE_URL || DEFAULT_BASE_URL).replace(
    /\/+$/,
    '',
  )
  const url = `${base}/v1/messages`
  const create = async (
    params: Anthropic.MessageCreateParamsNonStreaming,
    call: CallOptions = {},
  ): Promise<Anthropic.Message> => {
    const timeoutMs = call.timeout ?? opts.timeoutMs
    const outer = call.signal ?? undefined
    if (outer?.aborted) throw new APIUserAbortError()
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, timeoutMs)
    const onAbort = () => controller.abort()
    outer?.addEventListener('abort', onAbort, { once: true })
    const failed = (err: unknown): Error => {
      if (timedOut) return new APIConnectionTimeoutError()
      if (outer?.aborted) return new APIUserAbortError()
      const cause = err instanceof TypeError && err.cause instanceof Error ? err.cause : err
      return new APIConnectionError({ cause: cause instanceof Error ? cause : undefined })
    }
    try {
      let res
      try {
        res = await httpFetch(url, {
          method: 'POST',
          headers: {
            accept: 'application/json',
            'content-type': 'application/json',
            'anthropic-version': API_VERSION,
            'x-api-key': opts.apiKey,
            'user-agent': `pitcrew/${VERSION}`,
          },
          body: JSON.stringify(params),
          signal: controller.signal,
        })
      } catch (err) {
        throw failed(err)
      }
      let text: string
      try {
        text = await res.text()
      } catch (err) {
        throw failed(err)
      }
      if (!res.ok) {
        const json = parseJson(text)
        throw APIError.generate(
          res.status,
          json as object | undefined,
          json === undefined ? text : undefined,
          res.headers as unknown as Headers,
        )
      }
      const message = parseJson(text)
      if (message === undefined || typeof message !== 'object' || message === null) {
        // A 2xx whose body is not the message (a proxy's page): not retried, and it says so.
        throw new APIError(
          res.status,
          undefined,
          `the API answered ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`,
          res.headers as unknown as Headers,
        )
      }
      return withRequestId(message as Anthropic.Message, res.headers)
    } finally {
      clearTimeout(timer)
      outer?.removeEventListener('abort', onAbort)
    }
  }
  return { messages: { create } as unknown as ModelSdk['messages'] }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** As the SDK does: the answer's `request-id`, not enumerable (the transcript shows the message). */
function withRequestId(message: Anthropic.Message, headers: HttpHeaders): Anthropic.Message {
  Object.defineProperty(message, '_request_id', {
    value: headers.get('request-id'),
    enumerable: false,
  })
  return message
}
