/**
 * Where the model runs: the Anthropic API, Amazon Bedrock or Google Vertex AI, each through its
 * official SDK and its standard environment (what aws-actions/configure-aws-credentials and
 * google-github-actions/auth set). `providerSetup` reads and checks that environment before any
 * work (a clear error naming the variable); `createModelSdk` builds the client, loading the
 * Bedrock or Vertex SDK only when it is used. Every credential, static or obtained at run time
 * (a session token, a Google access token), is registered with the redactor.
 */
import { readFileSync } from 'node:fs'
import type Anthropic from '@anthropic-ai/sdk'
import { ConfigError } from '../config/types.js'
import { messagesHttpClient } from './messages-http.js'
import type { Redactor } from '../safety/redact.js'

export const PROVIDERS = ['anthropic', 'bedrock', 'vertex'] as const
export type Provider = (typeof PROVIDERS)[number]

/** What a provider needs, read from the environment and checked. */
export type ProviderSetup =
  | { provider: 'anthropic'; apiKey: string; baseUrl?: string }
  | {
      provider: 'bedrock'
      region: string
      baseUrl?: string
      /** AWS_BEARER_TOKEN_BEDROCK (a Bedrock API key): sent as a bearer, no signing. */
      bearerToken?: string
      /** Static keys from the environment; absent: the AWS credential chain (profile, IMDS, ...). */
      keys?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
    }
  | {
      provider: 'vertex'
      region: string
      projectId: string
      baseUrl?: string
      /** The parsed GOOGLE_APPLICATION_CREDENTIALS file; absent: Google's default ADC lookup. */
      credentials?: Record<string, unknown>
      credentialsFile?: string
    }

/** What a model id looks like for each provider, for the unknown-model warning. */
export const MODEL_ID_EXAMPLES: Record<Provider, string> = {
  anthropic: "a Claude model id such as 'claude-sonnet-4-6' or 'claude-haiku-4-5'",
  bedrock:
    "a Bedrock model or inference profile id such as 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'",
  vertex: "a Vertex model id such as 'claude-sonnet-4-5@20250929'",
}

/** The part of an SDK client pitcrew uses: one Messages call. */
export interface ModelSdk {
  messages: Pick<Anthropic['messages'], 'create'>
}

/** Where a missing setting is looked for: the action's inputs or the CLI's environment. */
export type Surface = 'action' | 'cli'

const MISSING_KEY: Record<Surface, string> = {
  action:
    "Input 'anthropic-api-key' is empty and ANTHROPIC_API_KEY is not set. Expected an Anthropic API key, e.g. 'anthropic-api-key: ${{ secrets.ANTHROPIC_API_KEY }}' (or 'provider: bedrock' / 'provider: vertex' with cloud credentials).",
  cli: 'ANTHROPIC_API_KEY is not set. Expected an Anthropic API key in the environment (or --provider bedrock / vertex with cloud credentials, or --dry-run).',
}

const nonEmpty = (v: string | undefined): string | undefined => {
  const t = v?.trim()
  return t ? t : undefined
}

function urlFrom(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const url = nonEmpty(env[name])
  if (url !== undefined && !/^https?:\/\/[^\s/]+/.test(url)) {
    throw new ConfigError(`Invalid ${name} '${url}'. Expected an http(s) URL.`)
  }
  return url
}

/**
 * What the provider needs, from the environment; throws ConfigError naming the missing or bad
 * variable. Runs before any model call (and before any GitHub write of review and fix).
 */
export function providerSetup(
  provider: Provider,
  env: NodeJS.ProcessEnv,
  anthropic: { apiKey?: string; baseUrl?: string },
  surface: Surface = 'action',
): ProviderSetup {
  switch (provider) {
    case 'anthropic': {
      if (!anthropic.apiKey) throw new ConfigError(MISSING_KEY[surface])
      return { provider, apiKey: anthropic.apiKey, baseUrl: anthropic.baseUrl }
    }
    case 'bedrock': {
      const region = nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION)
      if (!region) {
        throw new ConfigError(
          "Provider 'bedrock' needs a region: AWS_REGION (or AWS_DEFAULT_REGION) is not set. Expected e.g. AWS_REGION=us-east-1, as aws-actions/configure-aws-credentials sets it (input 'aws-region').",
        )
      }
      const bearerToken = nonEmpty(env.AWS_BEARER_TOKEN_BEDROCK)
      const accessKeyId = nonEmpty(env.AWS_ACCESS_KEY_ID)
      const secretAccessKey = nonEmpty(env.AWS_SECRET_ACCESS_KEY)
      if (!bearerToken && Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
        const missing = accessKeyId ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID'
        throw new ConfigError(
          `Provider 'bedrock': ${missing} is not set but ${accessKeyId ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY'} is. Expected both (with AWS_SESSION_TOKEN for temporary credentials), as aws-actions/configure-aws-credentials sets them, or AWS_BEARER_TOKEN_BEDROCK.`,
        )
      }
      const sessionToken = nonEmpty(env.AWS_SESSION_TOKEN)
      return {
        provider,
        region,
        baseUrl: urlFrom(env, 'ANTHROPIC_BEDROCK_BASE_URL'),
        ...(bearerToken ? { bearerToken } : {}),
        ...(!bearerToken && accessKeyId && secretAccessKey
          ? { keys: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } }
          : {}),
      }
    }
    case 'vertex': {
      const region = nonEmpty(env.CLOUD_ML_REGION)
      if (!region) {
        throw new ConfigError(
          "Provider 'vertex' needs a region: CLOUD_ML_REGION is not set. Expected a Vertex AI region where the model is enabled, e.g. CLOUD_ML_REGION=us-east5 (or 'global').",
        )
      }
      const projectId =
        nonEmpty(env.ANTHROPIC_VERTEX_PROJECT_ID) ??
        nonEmpty(env.GOOGLE_CLOUD_PROJECT) ??
        nonEmpty(env.GCLOUD_PROJECT) ??
        nonEmpty(env.CLOUDSDK_CORE_PROJECT)
      if (!projectId) {
        throw new ConfigError(
          "Provider 'vertex' needs a project: ANTHROPIC_VERTEX_PROJECT_ID is not set (nor GOOGLE_CLOUD_PROJECT). Expected the Google Cloud project id, e.g. ANTHROPIC_VERTEX_PROJECT_ID=my-project.",
        )
      }
      const file = nonEmpty(env.GOOGLE_APPLICATION_CREDENTIALS)
      let credentials: Record<string, unknown> | undefined
      if (file) {
        let text: string
        try {
          text = readFileSync(file, 'utf8')
        } catch (err) {
          throw new ConfigError(
            `GOOGLE_APPLICATION_CREDENTIALS names '${file}', which cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Expected the credentials file google-github-actions/auth writes.`,
          )
        }
        try {
          const parsed: unknown = JSON.parse(text)
          if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw 0
          credentials = parsed as Record<string, unknown>
        } catch {
          throw new ConfigError(
            `GOOGLE_APPLICATION_CREDENTIALS file '${file}' is not a JSON object. Expected a Google credentials file (type external_account, authorized_user or service_account).`,
          )
        }
      }
      return {
        provider,
        region,
        projectId,
        baseUrl: urlFrom(env, 'ANTHROPIC_VERTEX_BASE_URL'),
        ...(credentials ? { credentials, credentialsFile: file } : {}),
      }
    }
  }
}

/** The secrets a setup holds, to register with the redactor before any request. */
export function setupSecrets(setup: ProviderSetup): string[] {
  switch (setup.provider) {
    case 'anthropic':
      return [setup.apiKey]
    case 'bedrock':
      return [
        setup.bearerToken,
        setup.keys?.accessKeyId,
        setup.keys?.secretAccessKey,
        setup.keys?.sessionToken,
      ].filter((s): s is string => Boolean(s))
    case 'vertex':
      return setup.credentials ? credentialSecrets(setup.credentials) : []
  }
}

/**
 * The secret strings of a Google credentials file: private keys, refresh tokens, client secrets
 * and the headers of an external account's credential source (the Actions OIDC request token).
 */
export function credentialSecrets(json: Record<string, unknown>): string[] {
  const out: string[] = []
  const visit = (v: unknown, key: string) => {
    if (typeof v === 'string') {
      if (/private_key$|secret|refresh_token|^authorization$|token$/i.test(key)) {
        out.push(v)
        // "Bearer abc": the token alone may be quoted elsewhere.
        const bearer = /^bearer\s+(\S+)$/i.exec(v)
        if (bearer) out.push(bearer[1]!)
      }
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) visit(x, k)
    }
  }
  visit(json, '')
  return out.filter((s) => s.length >= 8)
}

/** A short description for the log: provider, region, endpoint; never a credential. */
export function describeSetup(setup: ProviderSetup): string {
  switch (setup.provider) {
    case 'anthropic':
      return `anthropic${setup.baseUrl ? ` at ${setup.baseUrl}` : ''}`
    case 'bedrock': {
      const auth = setup.bearerToken
        ? 'AWS_BEARER_TOKEN_BEDROCK'
        : setup.keys
          ? `SigV4, ${setup.keys.sessionToken ? 'temporary' : 'static'} keys from the environment`
          : 'SigV4, AWS credential chain'
      return `bedrock in ${setup.region} (${auth})${setup.baseUrl ? ` at ${setup.baseUrl}` : ''}`
    }
    case 'vertex': {
      const type = setup.credentials?.type
      const auth = setup.credentials
        ? `GOOGLE_APPLICATION_CREDENTIALS${typeof type === 'string' ? `, ${type}` : ''}`
        : 'Google application default credentials'
      return `vertex in ${setup.region}, project ${setup.projectId} (${auth})${setup.baseUrl ? ` at ${setup.baseUrl}` : ''}`
    }
  }
}

/** Bearer and session tokens on the way out: a credential obtained at run time is redacted too. */
function redactingFetch(redactor: Redactor): typeof fetch {
  return (input, init) => {
    const headers = new Headers(
      init?.headers ?? (input instanceof Request ? input.headers : undefined),
    )
    const auth = headers.get('authorization')
    const bearer = auth && /^bearer\s+(\S+)$/i.exec(auth)
    if (bearer) redactor.add(bearer[1])
    const session = headers.get('x-amz-security-token')
    if (session) redactor.add(session)
    const key = headers.get('x-api-key')
    if (key) redactor.add(key)
    return fetch(input, init)
  }
}

/** The AWS credentials the Bedrock client signs with, as @smithy/types defines them. */
interface AwsCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  expiration?: Date
}

/**
 * Starts loading what the first model call needs while the run waits on GitHub and git: the
 * Bedrock or Vertex SDK. The Anthropic API needs no SDK (messages-http.ts). A failed load is
 * left to that call to report.
 */
export function preloadModelSdk(setup: ProviderSetup): void {
  if (setup.provider === 'bedrock') import('@anthropic-ai/bedrock-sdk').catch(() => undefined)
  if (setup.provider === 'vertex') import('@anthropic-ai/vertex-sdk').catch(() => undefined)
}

/**
 * Builds the client for the provider. Its own retries are off (retries are ours, see retry.ts).
 * The Anthropic API is one POST over node:http (messages-http.ts); the Bedrock and Vertex SDKs are
 * imported here, on first use, so an Anthropic run never loads them.
 */
export async function createModelSdk(
  setup: ProviderSetup,
  opts: { timeoutMs: number; redactor: Redactor },
): Promise<ModelSdk> {
  const { redactor } = opts
  for (const s of setupSecrets(setup)) redactor.add(s)
  const common = { maxRetries: 0, timeout: opts.timeoutMs, fetch: redactingFetch(redactor) }
  switch (setup.provider) {
    case 'anthropic':
      // One POST over node:http: the SDK client and Node's undici stay unloaded (cold start).
      return messagesHttpClient({
        apiKey: setup.apiKey,
        baseUrl: setup.baseUrl,
        timeoutMs: opts.timeoutMs,
      })
    case 'bedrock': {
      const { AnthropicBedrock } = await import('@anthropic-ai/bedrock-sdk')
      const base = { ...common, awsRegion: setup.region, baseURL: setup.baseUrl }
      if (setup.bearerToken) return new AnthropicBedrock({ ...base, apiKey: setup.bearerToken })
      if (setup.keys) {
        return new AnthropicBedrock({
          ...base,
          apiKey: null,
          awsAccessKey: setup.keys.accessKeyId,
          awsSecretKey: setup.keys.secretAccessKey,
          awsSessionToken: setup.keys.sessionToken ?? null,
        })
      }
      return new AnthropicBedrock({
        ...base,
        apiKey: null,
        providerChainResolver: awsChain(redactor),
      })
    }
    case 'vertex': {
      const { AnthropicVertex } = await import('@anthropic-ai/vertex-sdk')
      const { GoogleAuth } = await import('google-auth-library')
      const auth = new GoogleAuth({ scopes: 'https://www.googleapis.com/auth/cloud-platform' })
      const base = {
        ...common,
        region: setup.region,
        projectId: setup.projectId,
        baseURL: setup.baseUrl,
      }
      if (setup.credentials) {
        let authClient
        try {
          authClient = auth.fromJSON(setup.credentials as Parameters<typeof auth.fromJSON>[0])
        } catch (err) {
          throw new ConfigError(
            `GOOGLE_APPLICATION_CREDENTIALS file '${setup.credentialsFile}' was refused by google-auth-library: ${(err as Error).message}`,
          )
        }
        return new AnthropicVertex({ ...base, authClient })
      }
      const client = new AnthropicVertex({ ...base, googleAuth: auth })
      // The SDK starts the credential lookup in its constructor; a failure is reported by the
      // first request, not as an unhandled rejection in between.
      const pending = (client as unknown as { _authClientPromise?: Promise<unknown> })
        ._authClientPromise
      pending?.catch(() => undefined)
      return client
    }
  }
}

/**
 * The AWS credential chain (environment, web identity, profiles, container and instance
 * metadata), resolved once and refreshed before it expires. A chain that finds nothing fails
 * the call at once with a clear error instead of being retried as a connection failure.
 */
function awsChain(redactor: Redactor): () => Promise<() => Promise<AwsCredentials>> {
  let provider: (() => Promise<AwsCredentials>) | undefined
  let cached: AwsCredentials | undefined
  return async () => {
    if (!provider) {
      const { createCredentialChain, fromEnv, fromNodeProviderChain } =
        await import('@aws-sdk/credential-providers')
      provider = createCredentialChain(fromEnv(), fromNodeProviderChain())
    }
    const fresh =
      cached && (!cached.expiration || cached.expiration.getTime() - Date.now() > 5 * 60_000)
    if (!fresh) {
      try {
        cached = await provider()
      } catch (err) {
        throw new ConfigError(
          `Provider 'bedrock': no AWS credentials were found (${(err as Error).message}). Expected AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), as aws-actions/configure-aws-credentials sets them, AWS_BEARER_TOKEN_BEDROCK, or a role the runner can assume.`,
        )
      }
      redactor.add(cached.secretAccessKey)
      redactor.add(cached.sessionToken)
      redactor.add(cached.accessKeyId)
    }
    const creds = cached!
    return async () => creds
  }
}
