/**
 * Loopback fakes of Amazon Bedrock and Google Vertex AI in front of the fake Messages API
 * (anthropic-server.ts): the same scripted steps, usage and cache accounting, behind each
 * provider's paths, authentication, error shape and stream encoding.
 *
 * - Bedrock runtime: `POST /model/{modelId}/invoke` and `/invoke-with-response-stream` (AWS
 *   event-stream frames carrying base64 chunks); the body is the Messages body with
 *   `anthropic_version` and without `model`. SigV4 is VERIFIED: the signature is recomputed
 *   from the known test credentials (@smithy/signature-v4) and a mismatch is a 403, as AWS
 *   answers it. A Bedrock API key (`Authorization: Bearer`) is accepted when configured.
 * - Vertex: `POST /v1/projects/{p}/locations/{r}/publishers/anthropic/models/{m}:rawPredict`
 *   and `:streamRawPredict` (SSE), `anthropic_version: vertex-2023-10-16`, and a bearer token
 *   that must be one the fake token service issued.
 * - A Google token service for a workload identity federation credentials file (what
 *   google-github-actions/auth writes): the GitHub OIDC token endpoint, the STS token exchange
 *   and the service account impersonation call, each checking what it is given.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { randomBytes } from 'node:crypto'
import { SignatureV4 } from '@smithy/signature-v4'
import { HttpRequest } from '@smithy/protocol-http'
import { Sha256 } from '@aws-crypto/sha256-js'
import { EventStreamCodec } from '@smithy/eventstream-codec'
import {
  sendAnthropicError,
  startAnthropicServer,
  type FakeAnthropic,
  type FakeAnthropicOptions,
  type Frontend,
  type RequestBody,
} from './anthropic-server.js'

export interface AwsTestCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

export interface BedrockFakeOptions extends Omit<FakeAnthropicOptions, 'frontend'> {
  region: string
  credentials: AwsTestCredentials
  /** A Bedrock API key accepted as `Authorization: Bearer` instead of SigV4. */
  bearerToken?: string
}

export interface FakeBedrock extends FakeAnthropic {
  /** Requests refused before the Messages logic, by reason (signature, unknown key, ...). */
  refused: { status: number; type: string; message: string }[]
}

const BEDROCK_VERSIONS = /^(?:bedrock-2023-05-31|\d{4}-\d{2}-\d{2})$/

/** The Bedrock runtime fake. */
export async function startBedrockServer(opts: BedrockFakeOptions): Promise<FakeBedrock> {
  const refused: FakeBedrock['refused'] = []
  const codec = new EventStreamCodec(
    (b) => Buffer.from(b).toString('utf8'),
    (t) => new Uint8Array(Buffer.from(t, 'utf8')),
  )
  const refuse = (status: number, type: string, message: string, wire?: unknown) => {
    refused.push({ status, type, message })
    return { status, type, message, wire }
  }
  const frontend: Frontend = {
    async accept(req, raw) {
      const url = new URL(req.url ?? '/', 'http://fake')
      const m = /^\/model\/([^/]+)\/(invoke|invoke-with-response-stream)$/.exec(url.pathname)
      if (req.method !== 'POST' || !m) {
        return refuse(404, 'UnknownOperationException', `Not found: ${req.method} ${req.url}`)
      }
      const authError = await checkBedrockAuth(req, raw, opts)
      if (authError) return refuse(authError.status, authError.type, authError.message)
      let wire: Record<string, unknown>
      try {
        wire = JSON.parse(raw) as Record<string, unknown>
      } catch {
        return refuse(400, 'ValidationException', 'Malformed input request, please reformat.')
      }
      if ('model' in wire) {
        return refuse(
          400,
          'ValidationException',
          'Malformed input request: #: extraneous key [model] is not permitted, please reformat your input and try again.',
          wire,
        )
      }
      if ('stream' in wire) {
        return refuse(
          400,
          'ValidationException',
          'Malformed input request: #: extraneous key [stream] is not permitted, please reformat your input and try again.',
          wire,
        )
      }
      const version = wire.anthropic_version
      if (typeof version !== 'string' || !BEDROCK_VERSIONS.test(version)) {
        return refuse(
          400,
          'ValidationException',
          `Malformed input request: #: required key [anthropic_version] not found or invalid (${JSON.stringify(version)}), please reformat your input and try again.`,
          wire,
        )
      }
      const model = decodeURIComponent(m[1]!)
      const body = { ...wire, model } as RequestBody
      delete body.anthropic_version
      return { body, stream: m[2] === 'invoke-with-response-stream', wire }
    },
    sendError(res, status, type, message) {
      if (res.headersSent || res.destroyed) return
      const name = bedrockErrorName(status, type)
      res.writeHead(status, {
        'content-type': 'application/json',
        'x-amzn-errortype': `${name}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
        'x-amzn-requestid': randomBytes(16).toString('hex'),
      })
      res.end(JSON.stringify({ message }))
    },
    sendStream(res, events) {
      res.writeHead(200, {
        'content-type': 'application/vnd.amazon.eventstream',
        'x-amzn-bedrock-content-type': 'application/json',
      })
      for (const e of events) {
        const payload = JSON.stringify({ bytes: Buffer.from(JSON.stringify(e)).toString('base64') })
        res.write(
          codec.encode({
            headers: {
              ':event-type': { type: 'string', value: 'chunk' },
              ':content-type': { type: 'string', value: 'application/json' },
              ':message-type': { type: 'string', value: 'event' },
            },
            body: new Uint8Array(Buffer.from(payload)),
          }),
        )
      }
      res.end()
    },
  }
  const fake = await startAnthropicServer({ ...opts, frontend })
  return Object.assign(fake, { refused })
}

/** The AWS exception name Bedrock sends for a status (and the fake's error type). */
function bedrockErrorName(status: number, type: string): string {
  if (/Exception$/.test(type)) return type
  if (status === 429) return 'ThrottlingException'
  if (status === 529 || status === 503) return 'ServiceUnavailableException'
  if (status >= 500) return 'InternalServerException'
  if (status === 401 || status === 403) return 'AccessDeniedException'
  if (status === 404) return 'ResourceNotFoundException'
  return 'ValidationException'
}

/**
 * Verifies the request's SigV4 signature (or Bedrock API key): parses the Authorization
 * header, then signs the same method, path, query, signed headers and body with the known
 * credentials and compares. Null when the request is authentic.
 */
async function checkBedrockAuth(
  req: IncomingMessage,
  raw: string,
  opts: BedrockFakeOptions,
): Promise<{ status: number; type: string; message: string } | null> {
  const auth = header(req, 'authorization')
  if (!auth) {
    return {
      status: 403,
      type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    }
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(auth)
  if (bearer) {
    if (opts.bearerToken && bearer[1] === opts.bearerToken) return null
    return {
      status: 403,
      type: 'UnrecognizedClientException',
      message: 'Invalid API Key format: Must start with pre-defined prefix',
    }
  }
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      auth,
    )
  if (!m) {
    return {
      status: 403,
      type: 'IncompleteSignatureException',
      message: `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.`,
    }
  }
  const [, keyId, , region, service, signedHeaders, signature] = m
  if (keyId !== opts.credentials.accessKeyId) {
    return {
      status: 403,
      type: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    }
  }
  if (service !== 'bedrock' || region !== opts.region) {
    return {
      status: 403,
      type: 'InvalidSignatureException',
      message: `Credential should be scoped to a valid region and service 'bedrock' in '${opts.region}', not '${region}/${service}'.`,
    }
  }
  if ((header(req, 'x-amz-security-token') ?? undefined) !== opts.credentials.sessionToken) {
    return {
      status: 403,
      type: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    }
  }
  const amzDate = header(req, 'x-amz-date')
  const dm = amzDate && /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate)
  if (!dm) {
    return {
      status: 403,
      type: 'IncompleteSignatureException',
      message: 'Authorization header requires existence of either a X-Amz-Date or a Date header.',
    }
  }
  const signingDate = new Date(Date.UTC(+dm[1]!, +dm[2]! - 1, +dm[3]!, +dm[4]!, +dm[5]!, +dm[6]!))
  const names = signedHeaders!.split(';')
  if (!names.includes('host')) {
    return {
      status: 403,
      type: 'InvalidSignatureException',
      message: "'Host' must be a 'SignedHeader' in the AWS Authorization.",
    }
  }
  const headers: Record<string, string> = {}
  for (const name of names) headers[name] = header(req, name) ?? ''
  const url = new URL(req.url ?? '/', 'http://fake')
  const query: Record<string, string[]> = {}
  for (const k of new Set(url.searchParams.keys())) query[k] = url.searchParams.getAll(k)
  const signer = new SignatureV4({
    service: 'bedrock',
    region: opts.region,
    credentials: {
      accessKeyId: opts.credentials.accessKeyId,
      secretAccessKey: opts.credentials.secretAccessKey,
      ...(opts.credentials.sessionToken ? { sessionToken: opts.credentials.sessionToken } : {}),
    },
    sha256: Sha256,
  })
  const request = new HttpRequest({
    method: req.method ?? 'POST',
    protocol: 'http:',
    hostname: headers.host?.split(':')[0],
    path: url.pathname,
    query,
    headers,
    body: raw,
  })
  const signed = await signer.sign(request, { signingDate })
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1]
  if (expected !== signature) {
    return {
      status: 403,
      type: 'InvalidSignatureException',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    }
  }
  return null
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()]
  return Array.isArray(v) ? v.join(',') : v
}

export interface VertexFakeOptions extends Omit<FakeAnthropicOptions, 'frontend'> {
  project: string
  region: string
  /** Bearer tokens accepted (e.g. the token service's `accessTokens`, read at request time). */
  acceptToken: (token: string) => boolean
}

export interface FakeVertex extends FakeAnthropic {
  refused: { status: number; type: string; message: string }[]
}

/** The Vertex AI fake. */
export async function startVertexServer(opts: VertexFakeOptions): Promise<FakeVertex> {
  const refused: FakeVertex['refused'] = []
  const refuse = (status: number, type: string, message: string, wire?: unknown) => {
    refused.push({ status, type, message })
    return { status, type, message, wire }
  }
  const frontend: Frontend = {
    async accept(req, raw) {
      const url = new URL(req.url ?? '/', 'http://fake')
      const m =
        /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/anthropic\/models\/([^/:]+):(rawPredict|streamRawPredict)$/.exec(
          url.pathname,
        )
      if (req.method !== 'POST' || !m) {
        return refuse(
          404,
          'NOT_FOUND',
          `The requested URL ${req.url} was not found on this server.`,
        )
      }
      const bearer = /^Bearer\s+(\S+)$/i.exec(header(req, 'authorization') ?? '')
      if (!bearer || !opts.acceptToken(bearer[1]!)) {
        return refuse(
          401,
          'UNAUTHENTICATED',
          'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
        )
      }
      const [, project, region, modelId, method] = m
      if (project !== opts.project || region !== opts.region) {
        return refuse(
          403,
          'PERMISSION_DENIED',
          `Permission 'aiplatform.endpoints.predict' denied on resource '//aiplatform.googleapis.com/projects/${project}/locations/${region}/publishers/anthropic/models/${modelId}'.`,
        )
      }
      let wire: Record<string, unknown>
      try {
        wire = JSON.parse(raw) as Record<string, unknown>
      } catch {
        return refuse(400, 'invalid_request_error', 'Request body is not valid JSON')
      }
      if ('model' in wire) {
        return refuse(400, 'invalid_request_error', 'model: Extra inputs are not permitted', wire)
      }
      const version = wire.anthropic_version
      if (
        typeof version !== 'string' ||
        !/^(?:vertex-2023-10-16|\d{4}-\d{2}-\d{2})$/.test(version)
      ) {
        return refuse(
          400,
          'invalid_request_error',
          `anthropic_version: Input should be 'vertex-2023-10-16' (got ${JSON.stringify(version)})`,
          wire,
        )
      }
      const stream = method === 'streamRawPredict'
      if (stream !== (wire.stream === true)) {
        return refuse(
          400,
          'invalid_request_error',
          `${method} requires stream: ${stream} in the body`,
          wire,
        )
      }
      const body = { ...wire, model: decodeURIComponent(modelId!) } as RequestBody
      delete body.anthropic_version
      delete body.stream
      return { body, stream, wire }
    },
    sendError(res, status, type, message) {
      // Google's own front end answers auth, quota and routing errors; the model's own errors
      // (400 invalid_request_error, 529 overloaded_error) come through in Anthropic's shape.
      const google: Record<number, string> = {
        401: 'UNAUTHENTICATED',
        403: 'PERMISSION_DENIED',
        404: 'NOT_FOUND',
        429: 'RESOURCE_EXHAUSTED',
      }
      if (!google[status]) return sendAnthropicError(res, status, type, message)
      if (res.headersSent || res.destroyed) return
      res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' })
      res.end(JSON.stringify({ error: { code: status, message, status: google[status] } }))
    },
    sendStream(res, events) {
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' })
      for (const e of events) res.write(`event: ${String(e.type)}\ndata: ${JSON.stringify(e)}\n\n`)
      res.end()
    },
  }
  const fake = await startAnthropicServer({ ...opts, frontend })
  return Object.assign(fake, { refused })
}

export interface FakeGoogleTokens {
  url: string
  /** Access tokens issued so far (the Vertex fake accepts only these). */
  accessTokens: Set<string>
  /** Calls by endpoint: oidc (GitHub's id-token endpoint), sts, impersonate. */
  calls: { oidc: number; sts: number; impersonate: number }
  /** The GitHub OIDC request token the credential source must send. */
  requestToken: string
  /**
   * A credentials file as google-github-actions/auth writes it (type external_account, the
   * credential source reading the runner's OIDC token), pointing at this service.
   */
  credentialsFile(o?: { serviceAccount?: string }): Record<string, unknown>
  close(): Promise<void>
}

/**
 * GitHub's OIDC token endpoint and Google's STS and IAM credentials endpoints, on loopback:
 * the chain a workload identity federation file makes google-auth-library walk.
 */
export async function startGoogleTokenServer(
  o: { audience?: string } = {},
): Promise<FakeGoogleTokens> {
  const audience =
    o.audience ??
    '//iam.googleapis.com/projects/123456/locations/global/workloadIdentityPools/github/providers/pitcrew'
  const requestToken = `ghrt_${randomBytes(16).toString('hex')}`
  const idToken = `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify({ sub: 'repo:o/r:pull_request', aud: audience })).toString('base64url')}.${randomBytes(32).toString('base64url')}`
  const federated = new Set<string>()
  const accessTokens = new Set<string>()
  const calls = { oidc: 0, sts: 0, impersonate: 0 }
  const sockets = new Set<Socket>()
  const server = createServer((req, res) => void handle(req, res))
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await new Promise<string>((resolve) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    })
    const url = new URL(req.url ?? '/', 'http://fake')
    if (req.method === 'GET' && url.pathname === '/oidc/token') {
      calls.oidc++
      if (req.headers.authorization !== `Bearer ${requestToken}`) {
        return json(res, 401, { message: 'Bad credentials' })
      }
      if (url.searchParams.get('audience') !== audience) {
        return json(res, 400, { message: `audience must be ${audience}` })
      }
      return json(res, 200, { value: idToken, count: 1 })
    }
    if (req.method === 'POST' && url.pathname === '/sts/v1/token') {
      calls.sts++
      const p = new URLSearchParams(raw)
      if (
        p.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:token-exchange' ||
        p.get('subject_token') !== idToken ||
        p.get('audience') !== audience ||
        p.get('subject_token_type') !== 'urn:ietf:params:oauth:token-type:jwt'
      ) {
        return json(res, 400, {
          error: 'invalid_grant',
          error_description: 'The subject token or audience is not valid.',
        })
      }
      const token = `ya29.fed-${randomBytes(24).toString('hex')}`
      federated.add(token)
      // Without impersonation the federated token is used directly.
      accessTokens.add(token)
      return json(res, 200, {
        access_token: token,
        issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
        token_type: 'Bearer',
        expires_in: 3600,
      })
    }
    const imp = /^\/iam\/v1\/projects\/-\/serviceAccounts\/([^/:]+):generateAccessToken$/.exec(
      url.pathname,
    )
    if (req.method === 'POST' && imp) {
      calls.impersonate++
      const bearer = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))
      if (!bearer || !federated.has(bearer[1]!)) {
        return json(res, 401, {
          error: {
            code: 401,
            message: 'Request had invalid authentication credentials.',
            status: 'UNAUTHENTICATED',
          },
        })
      }
      const token = `ya29.sa-${randomBytes(24).toString('hex')}`
      accessTokens.add(token)
      return json(res, 200, {
        accessToken: token,
        expireTime: new Date(Date.now() + 3600_000).toISOString(),
      })
    }
    json(res, 404, { error: { code: 404, message: `Not found: ${req.method} ${req.url}` } })
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    accessTokens,
    calls,
    requestToken,
    credentialsFile: ({ serviceAccount } = {}) => ({
      type: 'external_account',
      audience,
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: `${url}/sts/v1/token`,
      ...(serviceAccount
        ? {
            service_account_impersonation_url: `${url}/iam/v1/projects/-/serviceAccounts/${serviceAccount}:generateAccessToken`,
          }
        : {}),
      credential_source: {
        url: `${url}/oidc/token?audience=${encodeURIComponent(audience)}`,
        headers: { Authorization: `Bearer ${requestToken}` },
        format: { type: 'json', subject_token_field_name: 'value' },
      },
    }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}
