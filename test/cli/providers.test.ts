/**
 * `pitcrew review --provider bedrock|vertex` as a subprocess: the CLI signs its requests to the
 * Bedrock fake (SigV4 verified) with credentials from the environment, and names what is missing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestRepo, type TestRepo } from '../harness/git.js'
import { toolUse } from '../harness/anthropic-server.js'
import {
  startBedrockServer,
  startGoogleTokenServer,
  startVertexServer,
  type FakeBedrock,
  type FakeGoogleTokens,
  type FakeVertex,
} from '../harness/provider-fakes.js'
import { cleanEnv, pitcrew } from './helpers.js'

const AWS = {
  accessKeyId: 'AKIAPITCREWCLI000001',
  secretAccessKey: 'cliSecretAccessKey/DoNotPrint/0123456789ab',
}
const MODEL = 'global.anthropic.claude-haiku-4-5-20251001-v1:0'

let repo: TestRepo
let bedrock: FakeBedrock
let google: FakeGoogleTokens
let vertex: FakeVertex
let credentialsFile: string
beforeAll(async () => {
  repo = await createTestRepo({ 'src/a.ts': 'export const a = 1\n' })
  await repo.checkout('feature')
  await repo.commit({ 'src/a.ts': 'export const a = 2\n' }, 'change a')
  bedrock = await startBedrockServer({ region: 'us-west-2', credentials: AWS })
  google = await startGoogleTokenServer()
  // Google hands out a token, but the service account may not use Vertex AI: every call is 401.
  vertex = await startVertexServer({ project: 'p', region: 'us-east5', acceptToken: () => false })
  credentialsFile = join(mkdtempSync(join(tmpdir(), 'pitcrew-cli-creds-')), 'gha-creds-1.json')
  writeFileSync(credentialsFile, JSON.stringify(google.credentialsFile()))
})
afterAll(async () => {
  await Promise.all([bedrock?.close(), vertex?.close(), google?.close()])
  await repo?.cleanup()
})

const awsEnv = (extra: Record<string, string | undefined> = {}) =>
  cleanEnv({
    AWS_REGION: 'us-west-2',
    AWS_ACCESS_KEY_ID: AWS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    ANTHROPIC_BEDROCK_BASE_URL: bedrock.url,
    ...extra,
  })

describe('pitcrew review --provider', () => {
  it('bedrock: no ANTHROPIC_API_KEY needed, the request is signed, the cost priced as Haiku 4.5', async () => {
    bedrock.queue({
      ...toolUse('submit_review', {
        summary: `Looked at it. ${AWS.secretAccessKey}`,
        findings: [],
      }),
      usage: {
        input_tokens: 1000,
        output_tokens: 200,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      },
    })
    const r = await pitcrew(
      ['review', '--base', 'main', '--provider', 'bedrock', '--model', MODEL, '--json'],
      { cwd: repo.work, env: awsEnv() },
    )
    expect(r.code, r.stderr).toBe(0)
    expect(bedrock.refused).toEqual([])
    expect(bedrock.requests).toHaveLength(1)
    expect(bedrock.requests[0]!.path).toBe(`/model/${MODEL}/invoke`)
    const out = JSON.parse(r.stdout) as { usage: { costUsd: number; apiCalls: number } }
    expect(out.usage).toMatchObject({ apiCalls: 1, costUsd: (1000 * 1 + 200 * 5) / 1e6 })
    expect(r.stdout + r.stderr).not.toContain(AWS.secretAccessKey)
  })

  it("bedrock credentials refused (403): the error names AWS's variables, not ANTHROPIC_API_KEY", async () => {
    const before = bedrock.requests.length
    const r = await pitcrew(
      ['review', '--base', 'main', '--provider', 'bedrock', '--model', MODEL],
      {
        cwd: repo.work,
        env: awsEnv({ AWS_SECRET_ACCESS_KEY: 'notTheSecretTheFakeKnows0123456789' }),
      },
    )
    expect(r.code, r.stderr).toBe(3)
    expect(bedrock.refused.length).toBeGreaterThan(0)
    expect(bedrock.requests.length).toBe(before)
    const first = r.stdout.split('\n')[0]!
    expect(first).toMatch(
      /^Error: the model API refused the AWS credentials: model API refused the key \(403\) x1\. Check the AWS credentials \(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, AWS_PROFILE, or AWS_BEARER_TOKEN_BEDROCK\) and that they may invoke the model in AWS_REGION\./,
    )
    expect(r.stdout + r.stderr).not.toContain('ANTHROPIC_API_KEY')
  })

  it("vertex credentials refused (401): the error names Google's variables, not ANTHROPIC_API_KEY", async () => {
    const r = await pitcrew(
      ['review', '--base', 'main', '--provider', 'vertex', '--model', 'claude-haiku-4-5@20251001'],
      {
        cwd: repo.work,
        env: cleanEnv({
          CLOUD_ML_REGION: 'us-east5',
          ANTHROPIC_VERTEX_PROJECT_ID: 'p',
          ANTHROPIC_VERTEX_BASE_URL: `${vertex.url}/v1`,
          GOOGLE_APPLICATION_CREDENTIALS: credentialsFile,
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: google.requestToken,
        }),
      },
    )
    expect(r.code, r.stderr).toBe(3)
    expect(vertex.refused.map((x) => x.status)).toEqual([401])
    expect(r.stdout.split('\n')[0]).toMatch(
      /^Error: the model API refused the Google credentials: model API refused the key \(401\) x1\. Check the Google credentials \(GOOGLE_APPLICATION_CREDENTIALS, or 'gcloud auth application-default login'\) and that they may use the model in ANTHROPIC_VERTEX_PROJECT_ID and CLOUD_ML_REGION\./,
    )
    expect(r.stdout + r.stderr).not.toContain('ANTHROPIC_API_KEY')
  })

  it('vertex without CLOUD_ML_REGION: a usage error naming it, before any work', async () => {
    const r = await pitcrew(['review', '--base', 'main', '--provider', 'vertex'], {
      cwd: repo.work,
      env: cleanEnv({ CLOUD_ML_REGION: undefined, ANTHROPIC_VERTEX_PROJECT_ID: 'p' }),
    })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("Provider 'vertex' needs a region: CLOUD_ML_REGION is not set.")
  })

  it('an unknown provider: the flag value and the choices', async () => {
    const r = await pitcrew(['review', '--base', 'main', '--provider', 'openai'], {
      cwd: repo.work,
      env: awsEnv(),
    })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      "Invalid input 'provider' value 'openai'. Expected one of: anthropic, bedrock, vertex.",
    )
  })
})
