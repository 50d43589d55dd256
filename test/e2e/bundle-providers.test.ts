/**
 * Providers through the bundle (contract section 8): the same pull request reviewed through the
 * Anthropic API, Amazon Bedrock (SigV4 verified by the fake) and Google Vertex AI (a bearer from
 * a workload identity federation file, as google-github-actions/auth writes it). Same script,
 * same usage: same outcome, tokens and cost; 429 and 529 retried on each; no cloud credential
 * anywhere the run writes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction, type ActionRun } from '../harness/run-action.js'
import { startGitHubEmulator, type GitHubEmulator } from '../harness/github-emulator.js'
import {
  startAnthropicServer,
  toolUse,
  type FakeAnthropic,
  type Step,
} from '../harness/anthropic-server.js'
import {
  startBedrockServer,
  startGoogleTokenServer,
  startVertexServer,
  type FakeBedrock,
  type FakeGoogleTokens,
  type FakeVertex,
} from '../harness/provider-fakes.js'
import { createTestRepo, type TestRepo } from '../harness/git.js'
import { pullRequestEvent } from '../harness/events.js'

const OWNER = 'acme'
const REPO = 'widgets'
const TOKEN = 'ghs_providersE2eTokenDoNotLeak0123456789ab'
const API_KEY = 'sk-ant-api03-providersE2eKeyDoNotLeak0123456789'
const AWS = {
  accessKeyId: 'ASIAPITCREWE2E000001',
  secretAccessKey: 'e2eSecretAccessKey/DoNotLeak/0123456789abcd',
  sessionToken: 'IQoJb3JpZ2luX2VjE2Esession/TokenDoNotLeak0123456789abcdefghij',
}
const REGION = 'eu-central-1'
const BEDROCK_MODEL = 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0'
const VERTEX_MODEL = 'claude-sonnet-4-5@20250929'
const ANTHROPIC_MODEL = 'claude-sonnet-4-5-20250929'
const PROJECT = 'pitcrew-e2e'
const VERTEX_REGION = 'us-east5'

let repo: TestRepo
let emu: GitHubEmulator
let base: string
let head: string
let anthropic: FakeAnthropic
let bedrock: FakeBedrock
let vertex: FakeVertex
let google: FakeGoogleTokens
let credentialsFile: string
let nextNumber = 1

beforeAll(async () => {
  repo = await createTestRepo({
    'src/math.ts': 'export function add(a: number, b: number): number {\n  return a + b\n}\n',
  })
  base = (await repo.git('rev-parse', 'HEAD')).trim()
  await repo.checkout('feature')
  head = await repo.commit(
    { 'src/math.ts': 'export function add(a: number, b: number): number {\n  return a - b\n}\n' },
    'Change on feature',
  )
  await repo.push('feature')
  await repo.git('push', '-q', 'origin', 'main')
  emu = await startGitHubEmulator({ tokens: { [TOKEN]: { login: 'github-actions[bot]' } } })
  emu.addRepo({ owner: OWNER, repo: REPO, gitDir: repo.origin })
  anthropic = await startAnthropicServer()
  bedrock = await startBedrockServer({ region: REGION, credentials: AWS })
  google = await startGoogleTokenServer()
  vertex = await startVertexServer({
    project: PROJECT,
    region: VERTEX_REGION,
    acceptToken: (t) => google.accessTokens.has(t),
  })
  credentialsFile = join(mkdtempSync(join(tmpdir(), 'pitcrew-gha-creds-')), 'gha-creds-1.json')
  writeFileSync(
    credentialsFile,
    JSON.stringify(
      google.credentialsFile({ serviceAccount: `pitcrew@${PROJECT}.iam.gserviceaccount.com` }),
    ),
  )
}, 60_000)

afterAll(async () => {
  await Promise.all([emu?.close(), anthropic?.close(), bedrock?.close(), vertex?.close()])
  await google?.close()
  await repo?.cleanup()
})

function newPr(): number {
  const number = nextNumber++
  emu.addPull({
    owner: OWNER,
    repo: REPO,
    number,
    base: { ref: 'main', sha: base },
    head: { ref: 'feature', sha: head },
  })
  return number
}

/** Fixed usage, so the three runs bill the same tokens. */
const USAGE = {
  input_tokens: 2100,
  output_tokens: 350,
  cache_creation_input_tokens: 5000,
  cache_read_input_tokens: 0,
}

/** Two faults, then a review whose text echoes `echo` (credentials the model must not leak). */
function script(echo: string): Step[] {
  return [
    { fault: 'rate_limit', retryAfterSeconds: 0 },
    { fault: 'overloaded' },
    {
      ...toolUse('submit_review', {
        summary: `Reviewed. ${echo}`,
        findings: [
          {
            path: 'src/math.ts',
            line: 2,
            severity: 'critical',
            category: 'bug',
            title: 'add subtracts',
            body: `This returns a - b. ${echo}`,
          },
        ],
      }),
      usage: USAGE,
    },
  ]
}

function review(
  number: number,
  o: { inputs: Record<string, string>; env: Record<string, string> },
): Promise<ActionRun> {
  return runAction({
    spawn: true,
    eventName: 'pull_request',
    payload: pullRequestEvent({ number, headRef: 'feature', headSha: head, baseSha: base }),
    repository: `${OWNER}/${REPO}`,
    workspace: repo.work,
    inputs: { 'github-token': TOKEN, ...o.inputs },
    env: { GITHUB_API_URL: emu.url, GITHUB_SHA: head, ...o.env },
  })
}

/** Everything a run wrote that a person or another job could read. */
function everything(run: ActionRun): Record<string, string> {
  return {
    stdout: run.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n'),
    stderr: run.stderr,
    outputs: JSON.stringify(run.outputs),
    summary: run.summary,
    runnerTemp: readdirSync(run.runnerTemp)
      .map((f) => readFileSync(join(run.runnerTemp, f), 'utf8'))
      .join('\n'),
    github: JSON.stringify(emu.requests.map((r) => r.body)),
  }
}

function expectClean(run: ActionRun, secrets: string[]): void {
  for (const [where, text] of Object.entries(everything(run))) {
    for (const secret of secrets) {
      expect(text.includes(secret), `${where} leaks ${secret.slice(0, 10)}…`).toBe(false)
    }
  }
}

const usageOutputs = (run: ActionRun) => ({
  'input-tokens': run.outputs['input-tokens'],
  'output-tokens': run.outputs['output-tokens'],
  'cache-read-tokens': run.outputs['cache-read-tokens'],
  'cost-usd': run.outputs['cost-usd'],
})

const bedrockEnv = (secret = AWS.secretAccessKey) => ({
  AWS_REGION: REGION,
  AWS_ACCESS_KEY_ID: AWS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: secret,
  AWS_SESSION_TOKEN: AWS.sessionToken,
  ANTHROPIC_BEDROCK_BASE_URL: bedrock.url,
})

let anthropicRun: ActionRun

describe('one review, three providers', () => {
  it('anthropic: the reference run', async () => {
    anthropic.queue(...script('nothing secret here'))
    anthropicRun = await review(newPr(), {
      inputs: { 'anthropic-api-key': API_KEY, model: ANTHROPIC_MODEL },
      env: { ANTHROPIC_BASE_URL: anthropic.url },
    })
    expect(anthropicRun.exitCode, anthropicRun.stdout).toBe(0)
    expect(anthropicRun.outputs.outcome).toBe('reviewed')
    expect(anthropic.requests).toHaveLength(3)
    expect(anthropic.pending()).toBe(0)
    // 2100 input, 350 output, 5000 cache writes at Sonnet 4.5 prices.
    expect(anthropicRun.outputs['cost-usd']).toBe(
      ((2100 * 3 + 350 * 15 + 5000 * 3.75) / 1e6).toFixed(4),
    )
  })

  it('bedrock: SigV4-signed, no API key, retries 429 and 529, same usage and cost, credentials redacted', async () => {
    const echo = `key ${AWS.secretAccessKey} session ${AWS.sessionToken}`
    bedrock.queue(...script(echo))
    const run = await review(newPr(), {
      inputs: { provider: 'bedrock', model: BEDROCK_MODEL },
      env: bedrockEnv(),
    })
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    expect(run.outputs.outcome).toBe('reviewed')
    expect(bedrock.refused).toEqual([])
    expect(bedrock.requests).toHaveLength(3)
    expect(bedrock.pending()).toBe(0)
    for (const r of bedrock.requests) {
      expect(r.path).toBe(`/model/${BEDROCK_MODEL}/invoke`)
      expect(r.body.model).toBeUndefined()
      expect(r.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /)
    }
    expect(run.stdout).toContain(`model provider: bedrock in ${REGION} (SigV4, temporary keys`)
    expect(usageOutputs(run)).toEqual(usageOutputs(anthropicRun))
    expectClean(run, [AWS.secretAccessKey, AWS.sessionToken])
    // The finding got through, with the credentials masked.
    expect(everything(run).github).toContain('add subtracts')
  })

  it('vertex: the WIF file is exchanged for a token, retries 429 and 529, same usage and cost, tokens redacted', async () => {
    const issuedBefore = new Set(google.accessTokens)
    // The model quotes the access token it was called with (a prompt injection's dream).
    let echo = 'token: none yet'
    vertex.queue({ fault: 'rate_limit', retryAfterSeconds: 0 }, { fault: 'overloaded' })
    vertex.onRequest((_body, index) => {
      const auth = String(vertex.requests[index]!.headers.authorization)
      echo = `token ${auth.replace(/^Bearer /, '')} request token ${google.requestToken}`
      return script(echo)[2]!
    })
    const run = await review(newPr(), {
      inputs: { provider: 'vertex', model: VERTEX_MODEL },
      env: {
        CLOUD_ML_REGION: VERTEX_REGION,
        ANTHROPIC_VERTEX_PROJECT_ID: PROJECT,
        GOOGLE_APPLICATION_CREDENTIALS: credentialsFile,
        ANTHROPIC_VERTEX_BASE_URL: `${vertex.url}/v1`,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: google.requestToken,
      },
    })
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    expect(run.outputs.outcome).toBe('reviewed')
    expect(vertex.refused).toEqual([])
    expect(vertex.requests).toHaveLength(3)
    expect(google.calls).toEqual({ oidc: 1, sts: 1, impersonate: 1 })
    const issued = [...google.accessTokens].filter((t) => !issuedBefore.has(t))
    expect(issued).toHaveLength(2) // the federated token and the service account's
    for (const r of vertex.requests) {
      expect(r.path).toBe(
        `/v1/projects/${PROJECT}/locations/${VERTEX_REGION}/publishers/anthropic/models/${VERTEX_MODEL}:rawPredict`,
      )
      expect(r.body.anthropic_version).toMatch(/^(vertex-2023-10-16|\d{4}-\d{2}-\d{2})$/)
    }
    expect(usageOutputs(run)).toEqual(usageOutputs(anthropicRun))
    expect(echo).toMatch(/^token ya29\.sa-/)
    expectClean(run, [...issued, google.requestToken])
    expect(everything(run).github).toContain('add subtracts')
  })
})

describe('provider errors', () => {
  it('bedrock with a wrong secret key: 403 from the signature check, not retried, incomplete, step failed', async () => {
    const refusedBefore = bedrock.refused.length
    const requestsBefore = bedrock.requests.length
    bedrock.onRequest(() => ({ text: 'never answered' }))
    const wrong = 'wrongSecretAccessKey/0123456789/abcdefghijk'
    const number = newPr()
    const run = await review(number, {
      inputs: { provider: 'bedrock', model: BEDROCK_MODEL },
      env: bedrockEnv(wrong),
    })
    expect(run.exitCode, run.stdout).toBe(1)
    expect(run.outputs.outcome).toBe('incomplete')
    expect(bedrock.requests.length - requestsBefore).toBe(0)
    expect(bedrock.refused.slice(refusedBefore).map((r) => r.type)).toEqual([
      'InvalidSignatureException',
    ])
    expect(run.stdout).toMatch(
      /::error::Review incomplete: src\/math\.ts: model API refused the key \(403\) x1/,
    )
    expect(run.outputs['cost-usd']).toBe('0.0000')
    expectClean(run, [wrong, AWS.sessionToken])
  })

  it('bedrock without a region: a configuration error naming AWS_REGION, no model call', async () => {
    const before = bedrock.refused.length + bedrock.requests.length
    const env: Record<string, string> = bedrockEnv()
    delete env.AWS_REGION
    const run = await review(newPr(), { inputs: { provider: 'bedrock' }, env })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      "::error::Provider 'bedrock' needs a region: AWS_REGION (or AWS_DEFAULT_REGION) is not set.",
    )
    expect(bedrock.refused.length + bedrock.requests.length).toBe(before)
  })

  it('a provider name that does not exist: the input, the value and the choices', async () => {
    const run = await review(newPr(), { inputs: { provider: 'azure' }, env: {} })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      "::error::Invalid input 'provider' value 'azure'. Expected one of: anthropic, bedrock, vertex.",
    )
  })
})
