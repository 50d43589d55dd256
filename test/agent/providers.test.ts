/**
 * Providers (contract section 8): the Bedrock and Vertex SDKs against loopback fakes that verify
 * SigV4 and Google bearer tokens, through the agent client (budgets, retries, caching, usage and
 * redaction as with the Anthropic API) and, for streaming, through the SDKs directly.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AnthropicBedrock } from '@anthropic-ai/bedrock-sdk'
import { AnthropicVertex } from '@anthropic-ai/vertex-sdk'
import { GoogleAuth } from 'google-auth-library'
import { startAnthropicServer, type FakeAnthropic } from '../harness/anthropic-server.js'
import {
  startBedrockServer,
  startGoogleTokenServer,
  startVertexServer,
} from '../harness/provider-fakes.js'
import { canonicalModelId, costOf, priceOf, CEILING_PRICE } from '../../src/agent/pricing.js'
import { credentialSecrets, providerSetup, type ProviderSetup } from '../../src/agent/provider.js'
import { ConfigError } from '../../src/config/types.js'
import { makeClient, API_KEY } from './helpers.js'

const AWS = {
  accessKeyId: 'ASIAFAKEPITCREW00001',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEPITCREW1',
  sessionToken: 'IQoJb3JpZ2luX2VjEFAKEsessionTOKENforPITCREWtests0123456789',
}
const REGION = 'us-east-1'
const BEDROCK_MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'
const VERTEX_MODEL = 'claude-sonnet-4-5@20250929'
const PLAIN_MODEL = 'claude-sonnet-4-5-20250929'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  while (closers.length) await closers.pop()!()
})

function bedrockSetup(url: string, keys = AWS): ProviderSetup {
  return providerSetup(
    'bedrock',
    {
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: keys.accessKeyId,
      AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
      AWS_SESSION_TOKEN: keys.sessionToken,
      ANTHROPIC_BEDROCK_BASE_URL: url,
    },
    {},
  )
}

async function bedrock() {
  const fake = await startBedrockServer({ region: REGION, credentials: AWS })
  closers.push(fake.close)
  return fake
}

async function vertex(o: { serviceAccount?: string } = {}) {
  const tokens = await startGoogleTokenServer()
  closers.push(tokens.close)
  const fake = await startVertexServer({
    project: 'pitcrew-test',
    region: 'us-east5',
    acceptToken: (t) => tokens.accessTokens.has(t),
  })
  closers.push(fake.close)
  const dir = mkdtempSync(join(tmpdir(), 'pitcrew-gcp-'))
  const file = join(dir, 'gha-creds-abc.json')
  writeFileSync(file, JSON.stringify(tokens.credentialsFile(o)))
  const setup = providerSetup(
    'vertex',
    {
      CLOUD_ML_REGION: 'us-east5',
      ANTHROPIC_VERTEX_PROJECT_ID: 'pitcrew-test',
      GOOGLE_APPLICATION_CREDENTIALS: file,
      ANTHROPIC_VERTEX_BASE_URL: `${fake.url}/v1`,
    },
    {},
  )
  return { fake, tokens, setup, file }
}

/** One scripted `complete` call with fixed usage; returns what the client counted. */
async function oneCall(
  fake: FakeAnthropic,
  model: string,
  extra: Parameters<typeof makeClient>[1],
) {
  fake.queue({
    text: 'hello',
    usage: {
      input_tokens: 1200,
      output_tokens: 300,
      cache_creation_input_tokens: 4000,
      cache_read_input_tokens: 9000,
    },
  })
  const c = makeClient(fake.url, extra)
  const r = await c.client.complete({ model, system: 'sys', prompt: 'hi' })
  return { ...c, r }
}

describe('price table: provider model ids', () => {
  it.each([
    ['anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5-20250929'],
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5-20250929'],
    ['global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5-20250929'],
    ['apac.anthropic.claude-3-5-sonnet-20241022-v2:0', 'claude-3-5-sonnet-20241022'],
    ['us-gov.anthropic.claude-3-haiku-20240307-v1:0', 'claude-3-haiku-20240307'],
    ['eu.anthropic.claude-haiku-4-5-20251001-v1:0', 'claude-haiku-4-5-20251001'],
    ['claude-sonnet-4-5@20250929', 'claude-sonnet-4-5-20250929'],
    ['claude-3-5-sonnet-v2@20241022', 'claude-3-5-sonnet-20241022'],
    ['claude-opus-4-1@20250805', 'claude-opus-4-1-20250805'],
    ['claude-sonnet-4-6', 'claude-sonnet-4-6'],
  ])('%s is priced as %s', (id, canonical) => {
    expect(canonicalModelId(id)).toBe(canonical)
    expect(priceOf(id)).toEqual(priceOf(canonical))
    expect(priceOf(id)).not.toBeNull()
  })

  it('an application inference profile ARN is unknown: priced at the ceiling', () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123'
    expect(priceOf(arn)).toBeNull()
    const t = { inputTokens: 1e6, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 }
    expect(costOf(arn, t)).toBe(CEILING_PRICE.input)
  })
})

describe('providerSetup: the environment each provider needs', () => {
  it('anthropic needs a key; bedrock and vertex do not', () => {
    expect(() => providerSetup('anthropic', {}, {})).toThrow(/'anthropic-api-key' is empty/)
    expect(providerSetup('bedrock', { AWS_REGION: 'eu-west-1' }, {})).toEqual({
      provider: 'bedrock',
      region: 'eu-west-1',
      baseUrl: undefined,
    })
  })

  it('bedrock: region from AWS_REGION or AWS_DEFAULT_REGION, bearer token over keys', () => {
    expect(() => providerSetup('bedrock', { AWS_ACCESS_KEY_ID: 'x' }, {})).toThrow(
      /AWS_REGION \(or AWS_DEFAULT_REGION\) is not set/,
    )
    const s = providerSetup(
      'bedrock',
      { AWS_DEFAULT_REGION: 'us-west-2', AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-abcdef' },
      {},
    )
    expect(s).toMatchObject({ region: 'us-west-2', bearerToken: 'bedrock-api-key-abcdef' })
    expect(() =>
      providerSetup('bedrock', { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIAX' }, {}),
    ).toThrow(/AWS_SECRET_ACCESS_KEY is not set but AWS_ACCESS_KEY_ID is/)
    expect(() =>
      providerSetup(
        'bedrock',
        { AWS_REGION: 'us-east-1', ANTHROPIC_BEDROCK_BASE_URL: 'bedrock.local' },
        {},
      ),
    ).toThrow("Invalid ANTHROPIC_BEDROCK_BASE_URL 'bedrock.local'. Expected an http(s) URL.")
  })

  it('vertex: region, project and a readable credentials file', () => {
    expect(() => providerSetup('vertex', {}, {})).toThrow(/CLOUD_ML_REGION is not set/)
    expect(() => providerSetup('vertex', { CLOUD_ML_REGION: 'us-east5' }, {})).toThrow(
      /ANTHROPIC_VERTEX_PROJECT_ID is not set/,
    )
    const env = { CLOUD_ML_REGION: 'us-east5', GOOGLE_CLOUD_PROJECT: 'p1' }
    expect(providerSetup('vertex', env, {})).toMatchObject({ projectId: 'p1' })
    expect(() =>
      providerSetup(
        'vertex',
        { ...env, GOOGLE_APPLICATION_CREDENTIALS: '/nonexistent/c.json' },
        {},
      ),
    ).toThrow(
      "GOOGLE_APPLICATION_CREDENTIALS names '/nonexistent/c.json', which cannot be read (ENOENT)",
    )
    const dir = mkdtempSync(join(tmpdir(), 'pitcrew-gcp-'))
    writeFileSync(join(dir, 'bad.json'), 'not json')
    expect(() =>
      providerSetup(
        'vertex',
        { ...env, GOOGLE_APPLICATION_CREDENTIALS: join(dir, 'bad.json') },
        {},
      ),
    ).toThrow(ConfigError)
  })

  it('the secrets of a credentials file: the OIDC request token, keys, refresh tokens', () => {
    expect(
      credentialSecrets({
        type: 'external_account',
        audience: '//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p',
        credential_source: { headers: { Authorization: 'Bearer ghrt_0123456789abcdef' } },
        private_key: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n',
        refresh_token: '1//refresh-token-value',
        client_secret: 'client-secret-value',
      }),
    ).toEqual([
      'Bearer ghrt_0123456789abcdef',
      'ghrt_0123456789abcdef',
      '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n',
      '1//refresh-token-value',
      'client-secret-value',
    ])
  })
})

describe('Bedrock through the agent client (SigV4 verified by the fake)', () => {
  it('a call is signed, sent to /model/{id}/invoke without model, and priced like the anthropic one', async () => {
    const fake = await bedrock()
    const b = await oneCall(fake, BEDROCK_MODEL, { provider: bedrockSetup(fake.url) })
    expect(b.r.text).toBe('hello')
    expect(fake.refused).toEqual([])
    expect(fake.requests).toHaveLength(1)
    const req = fake.requests[0]!
    expect(req.path).toBe(`/model/${BEDROCK_MODEL}/invoke`)
    expect(req.body.model).toBeUndefined()
    expect(typeof req.body.anthropic_version).toBe('string')
    expect(req.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=ASIAFAKEPITCREW00001\//)
    expect(req.headers['x-amz-security-token']).toBe(AWS.sessionToken)

    const plain = await startAnthropicServer()
    closers.push(plain.close)
    const a = await oneCall(plain, PLAIN_MODEL, {})
    expect(b.r.usage).toEqual(a.r.usage)
    expect(b.client.usage()).toEqual(a.client.usage())
    expect(b.client.usage().costUsd).toBeCloseTo(
      (1200 * 3 + 300 * 15 + 4000 * 3.75 + 9000 * 0.3) / 1e6,
      12,
    )
  })

  it('a wrong secret key: 403 from the signature check, not retried, named as an auth failure', async () => {
    const fake = await bedrock()
    const c = makeClient(fake.url, {
      provider: bedrockSetup(fake.url, {
        ...AWS,
        secretAccessKey: 'wrong/secret/key/0123456789abcdefghijklm',
      }),
    })
    fake.queue({ text: 'never' })
    await expect(
      c.client.complete({ model: BEDROCK_MODEL, system: '', prompt: 'hi' }),
    ).rejects.toThrow(/HTTP 403: The request signature we calculated does not match/)
    expect(fake.refused.map((r) => r.type)).toEqual(['InvalidSignatureException'])
    expect(fake.requests).toHaveLength(0)
    expect(fake.pending()).toBe(1)
    expect(c.client.usage().apiCalls).toBe(0)
  })

  it('429 and 529 are retried with the same signature check on every attempt', async () => {
    const fake = await bedrock()
    fake.queue(
      { fault: 'rate_limit', retryAfterSeconds: 0 },
      { fault: 'overloaded' },
      { text: 'after retries', usage: { input_tokens: 10, output_tokens: 5 } },
    )
    const c = makeClient(fake.url, { provider: bedrockSetup(fake.url) })
    const r = await c.client.complete({ model: BEDROCK_MODEL, system: '', prompt: 'hi' })
    expect(r.text).toBe('after retries')
    expect(fake.requests).toHaveLength(3)
    expect(fake.refused).toEqual([])
    const retries = c
      .transcript()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; status?: number })
      .filter((e) => e.type === 'retry')
    expect(retries.map((e) => e.status)).toEqual([429, 529])
    expect(c.client.usage()).toMatchObject({ apiCalls: 1, inputTokens: 10, outputTokens: 5 })
  })

  it('an application inference profile ARN: priced at the ceiling, named once with a Bedrock example', async () => {
    const fake = await bedrock()
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123'
    const b = await oneCall(fake, arn, { provider: bedrockSetup(fake.url) })
    // The SDK escapes the ARN's '/' and the fake checks the signature over that path.
    expect(fake.requests[0]!.path).toBe(`/model/${arn.replace('/', '%2F')}/invoke`)
    expect(fake.refused).toEqual([])
    const p = CEILING_PRICE
    expect(b.r.usage.costUsd).toBeCloseTo(
      (1200 * p.input + 300 * p.output + 4000 * p.cacheWrite + 9000 * p.cacheRead) / 1e6,
      12,
    )
    const warnings = b.log.lines.filter((l) => l.includes('No price is known'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(`'${arn}'`)
    expect(warnings[0]).toContain(
      "Expected a Bedrock model or inference profile id such as 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'.",
    )
  })

  it('no credentials anywhere in the AWS chain: one attempt, a clear error, no request sent', async () => {
    const fake = await bedrock()
    const saved = { ...process.env }
    for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k]
    process.env.AWS_EC2_METADATA_DISABLED = 'true'
    process.env.HOME = '/nonexistent-pitcrew-home'
    try {
      const c = makeClient(fake.url, {
        provider: providerSetup(
          'bedrock',
          { AWS_REGION: REGION, ANTHROPIC_BEDROCK_BASE_URL: fake.url },
          {},
        ),
      })
      fake.queue({ text: 'never' })
      await expect(
        c.client.complete({ model: BEDROCK_MODEL, system: '', prompt: 'hi' }),
      ).rejects.toThrow(
        /model API error x1: Provider 'bedrock': no AWS credentials were found \(.*\)\. Expected AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.*\(1 attempt\(s\)\)$/,
      )
      expect(fake.requests).toHaveLength(0)
      expect(fake.refused).toHaveLength(0)
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k]
      Object.assign(process.env, saved)
    }
  })

  it('a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK) is sent as a bearer, unsigned', async () => {
    const token = 'ABSKQmVkcm9ja0FQSUtleS1wtestpitcrew0123456789'
    const fake = await startBedrockServer({ region: REGION, credentials: AWS, bearerToken: token })
    closers.push(fake.close)
    const setup = providerSetup(
      'bedrock',
      { AWS_REGION: REGION, AWS_BEARER_TOKEN_BEDROCK: token, ANTHROPIC_BEDROCK_BASE_URL: fake.url },
      {},
    )
    const b = await oneCall(fake, BEDROCK_MODEL, { provider: setup })
    expect(b.r.text).toBe('hello')
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${token}`)
    expect(b.redactor.redact(`x ${token} y`)).not.toContain(token)
  })

  it('the cloud credentials echoed by the model reach neither the result nor the transcript', async () => {
    const fake = await bedrock()
    const echo = `key ${AWS.secretAccessKey} session ${AWS.sessionToken} id ${AWS.accessKeyId}`
    fake.queue({ text: echo })
    const c = makeClient(fake.url, { provider: bedrockSetup(fake.url) })
    const r = await c.client.complete({ model: BEDROCK_MODEL, system: '', prompt: 'hi' })
    const transcript = c.transcript()
    // complete() returns the model text as is; what is written or posted goes through the redactor.
    for (const secret of [AWS.secretAccessKey, AWS.sessionToken, AWS.accessKeyId]) {
      expect(c.redactor.redact(r.text)).not.toContain(secret)
      expect(transcript).not.toContain(secret)
      expect(c.log.lines.join('\n')).not.toContain(secret)
    }
    expect(transcript).toContain('key *** session *** id ***')
  })

  it('streaming: invoke-with-response-stream in AWS event-stream frames, decoded by the SDK', async () => {
    const fake = await bedrock()
    fake.queue({ text: 'streamed text', toolUses: [{ name: 'look', input: { path: 'a.ts' } }] })
    const sdk = new AnthropicBedrock({
      awsRegion: REGION,
      baseURL: fake.url,
      apiKey: null,
      awsAccessKey: AWS.accessKeyId,
      awsSecretKey: AWS.secretAccessKey,
      awsSessionToken: AWS.sessionToken,
      maxRetries: 0,
    })
    const stream = sdk.messages.stream({
      model: BEDROCK_MODEL,
      max_tokens: 100,
      tools: [{ name: 'look', input_schema: { type: 'object' } }],
      messages: [{ role: 'user', content: 'hi' }],
    })
    const deltas: string[] = []
    stream.on('text', (t) => deltas.push(t))
    const msg = await stream.finalMessage()
    expect(fake.requests[0]!.path).toBe(`/model/${BEDROCK_MODEL}/invoke-with-response-stream`)
    expect(fake.requests[0]!.stream).toBe(true)
    expect(deltas).toEqual(['streamed text'])
    expect(msg.content).toMatchObject([
      { type: 'text', text: 'streamed text' },
      { type: 'tool_use', name: 'look', input: { path: 'a.ts' } },
    ])
    expect(msg.stop_reason).toBe('tool_use')
    expect(msg.usage.output_tokens).toBe(fake.requests[0]!.usage!.output_tokens)
    expect(msg.usage.input_tokens).toBe(fake.requests[0]!.usage!.input_tokens)
  })
})

describe('Vertex through the agent client (bearer from a workload identity federation file)', () => {
  it('the WIF file is walked (OIDC -> STS -> impersonation) and the token sent; priced like anthropic', async () => {
    const { fake, tokens, setup } = await vertex({
      serviceAccount: 'pitcrew@pitcrew-test.iam.gserviceaccount.com',
    })
    const v = await oneCall(fake, VERTEX_MODEL, { provider: setup })
    expect(v.r.text).toBe('hello')
    expect(fake.refused).toEqual([])
    expect(tokens.calls).toEqual({ oidc: 1, sts: 1, impersonate: 1 })
    const req = fake.requests[0]!
    expect(req.path).toBe(
      `/v1/projects/pitcrew-test/locations/us-east5/publishers/anthropic/models/${VERTEX_MODEL}:rawPredict`,
    )
    expect(req.body.model).toBeUndefined()
    const bearer = String(req.headers.authorization).replace(/^Bearer /, '')
    expect(bearer).toMatch(/^ya29\.sa-/)
    // The access token obtained at run time is redacted like the API key.
    expect(v.redactor.redact(`token ${bearer}`)).toBe('token ***')
    expect(v.redactor.redact(tokens.requestToken)).toBe('***')

    const plain = await startAnthropicServer()
    closers.push(plain.close)
    const a = await oneCall(plain, PLAIN_MODEL, {})
    expect(v.client.usage()).toEqual(a.client.usage())
  })

  it('429 (Google RESOURCE_EXHAUSTED) and 529 are retried; one token serves every attempt', async () => {
    const { fake, tokens, setup } = await vertex()
    fake.queue(
      { fault: 'rate_limit', retryAfterSeconds: 0 },
      { fault: 'overloaded' },
      { text: 'ok', usage: { input_tokens: 7, output_tokens: 3 } },
    )
    const c = makeClient(fake.url, { provider: setup })
    const r = await c.client.complete({ model: VERTEX_MODEL, system: '', prompt: 'hi' })
    expect(r.text).toBe('ok')
    expect(fake.requests).toHaveLength(3)
    expect(tokens.calls).toEqual({ oidc: 1, sts: 1, impersonate: 0 })
    expect(c.log.lines.filter((l) => /retry \d/.test(l))).toHaveLength(2)
    expect(c.log.lines.join('\n')).toContain('HTTP 429: ')
  })

  it('a token Vertex does not accept: 401 UNAUTHENTICATED, not retried, no usage', async () => {
    const tokens = await startGoogleTokenServer()
    closers.push(tokens.close)
    const fake = await startVertexServer({
      project: 'pitcrew-test',
      region: 'us-east5',
      acceptToken: () => false,
    })
    closers.push(fake.close)
    const file = join(mkdtempSync(join(tmpdir(), 'pitcrew-gcp-')), 'creds.json')
    writeFileSync(file, JSON.stringify(tokens.credentialsFile()))
    const setup = providerSetup(
      'vertex',
      {
        CLOUD_ML_REGION: 'us-east5',
        ANTHROPIC_VERTEX_PROJECT_ID: 'pitcrew-test',
        GOOGLE_APPLICATION_CREDENTIALS: file,
        ANTHROPIC_VERTEX_BASE_URL: `${fake.url}/v1`,
      },
      {},
    )
    fake.queue({ text: 'never' })
    const c = makeClient(fake.url, { provider: setup })
    await expect(
      c.client.complete({ model: VERTEX_MODEL, system: '', prompt: 'hi' }),
    ).rejects.toThrow(
      'Model call failed: model API refused the key (401) x1: HTTP 401: Request had invalid authentication credentials.',
    )
    expect(fake.refused.map((r) => r.type)).toEqual(['UNAUTHENTICATED'])
    expect(fake.pending()).toBe(1)
    expect(c.client.usage().apiCalls).toBe(0)
  })

  it('streaming: streamRawPredict answers SSE, decoded by the SDK', async () => {
    const { fake, file } = await vertex()
    const auth = new GoogleAuth({
      keyFile: file,
      scopes: 'https://www.googleapis.com/auth/cloud-platform',
    })
    const sdk = new AnthropicVertex({
      region: 'us-east5',
      projectId: 'pitcrew-test',
      baseURL: `${fake.url}/v1`,
      googleAuth: auth,
      maxRetries: 0,
    })
    fake.queue({ text: 'vertex stream' })
    const msg = await sdk.messages
      .stream({ model: VERTEX_MODEL, max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] })
      .finalMessage()
    expect(fake.requests[0]!.path).toMatch(/:streamRawPredict$/)
    expect(msg.content).toEqual(
      [{ type: 'text', text: 'vertex stream', citations: null }].map((b) =>
        expect.objectContaining({ type: b.type, text: b.text }),
      ),
    )
    expect(msg.usage.output_tokens).toBe(fake.requests[0]!.usage!.output_tokens)
  })
})

describe('the anthropic fake streams too', () => {
  it('stream: true on /v1/messages gets SSE with the same usage', async () => {
    const fake = await startAnthropicServer()
    closers.push(fake.close)
    fake.queue({ text: 'sse' })
    const { default: Anthropic } = await import('@anthropic-ai/sdk')
    const sdk = new Anthropic({ apiKey: API_KEY, baseURL: fake.url, maxRetries: 0 })
    const msg = await sdk.messages
      .stream({ model: PLAIN_MODEL, max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] })
      .finalMessage()
    expect(msg.content).toMatchObject([{ type: 'text', text: 'sse' }])
    expect(msg.usage.output_tokens).toBe(fake.requests[0]!.usage!.output_tokens)
  })
})
