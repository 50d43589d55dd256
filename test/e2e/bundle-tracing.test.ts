/**
 * Tracing through the bundle, as the runner runs it: with an OTLP endpoint set, one trace per run
 * reaches a loopback OTLP receiver (protobuf and JSON), its model-call spans matching the fake
 * model's requests and the usage it reported, with no secret in any attribute; without one, the
 * receiver hears nothing and the OpenTelemetry chunk of the bundle is never loaded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { toolUse } from '../harness/anthropic-server.js'
import { waitUntil } from '../harness/run-action.js'
import { startOtlpReceiver, type OtlpReceiver } from '../harness/otlp-receiver.js'
import { prFixture, type PrFixture } from './pr-fixture.js'

const API_KEY = 'sk-ant-api03-otelSecretKeyDoNotLeak0123456789abcdefABCDEF'
const TOKEN = 'ghs_otelSecretTokenDoNotLeak0123456789abcd'
// A credential passed as `env:` that matches no token pattern (registered by its name).
const DEPLOY_KEY = 'deploy-key-value-for-otel-matches-no-pattern-7'
// The tracing backend's key, as Honeycomb takes it: a header from a secret.
const BACKEND_KEY = 'hcaik_backendKeyDoNotLeak_0123456789'
const SECRETS = [API_KEY, TOKEN, DEPLOY_KEY, BACKEND_KEY]
const repoRoot = resolve(import.meta.dirname, '..', '..')
const dist = join(repoRoot, 'dist')

let pr: PrFixture
let receiver: OtlpReceiver
let loaderDir: string

beforeAll(async () => {
  pr = await prFixture({
    token: TOKEN,
    baseFiles: { 'src/math.ts': 'export const add = (a: number, b: number) => a + b\n' },
    headFiles: { 'src/math.ts': 'export const add = (a: number, b: number) => a - b\n' },
    branch: 'feature',
    numbers: [11, 12, 13, 14],
  })
  receiver = await startOtlpReceiver()
  // A module hook (NODE_OPTIONS=--import) that writes down every module the bundle loads.
  loaderDir = mkdtempSync(join(tmpdir(), 'pitcrew-loads-'))
  const hooks = join(loaderDir, 'hooks.mjs')
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs'\nexport async function load(url, context, next) {\n  if (process.env.PITCREW_LOAD_LOG) appendFileSync(process.env.PITCREW_LOAD_LOG, url + '\\n')\n  return next(url, context)\n}\n`,
  )
  writeFileSync(
    join(loaderDir, 'register.mjs'),
    `import { register } from 'node:module'\nregister(${JSON.stringify(pathToFileURL(hooks).href)})\n`,
  )
})
afterAll(async () => {
  await pr?.close()
  await receiver?.close()
})

/** The model's script: a tool call that fails quoting secrets, a read, then the review. */
function script() {
  pr.model.queue(
    toolUse('read_file', { path: `.git/${DEPLOY_KEY}-${API_KEY}` }),
    toolUse('read_file', { path: 'src/math.ts' }),
    toolUse('submit_review', {
      summary: 'add subtracts.',
      findings: [
        { path: 'src/math.ts', line: 1, severity: 'major', title: 'add subtracts', body: 'a - b' },
      ],
    }),
  )
}

async function review(number: number, env: Record<string, string>) {
  const loads = join(loaderDir, `loads-${number}.txt`)
  writeFileSync(loads, '')
  const modelBefore = pr.model.requests.length
  const githubBefore = pr.emu.requests.length
  const receivedBefore = receiver.requests.length
  const run = await pr.review(number, {
    spawn: true,
    apiKey: API_KEY,
    env: {
      DEPLOY_KEY,
      NODE_OPTIONS: `--import=${pathToFileURL(join(loaderDir, 'register.mjs')).href}`,
      PITCREW_LOAD_LOG: loads,
      ...env,
    },
  })
  const loaded = readFileSync(loads, 'utf8')
    .split('\n')
    .filter((u) => u.startsWith('file:'))
    .map((u) => fileURLToPath(u))
  return {
    run,
    loaded,
    modelRequests: pr.model.requests.slice(modelBefore),
    githubRequests: pr.emu.requests.slice(githubBefore),
    received: receiver.requests.slice(receivedBefore),
  }
}

/** The bundle's files that hold the OpenTelemetry SDK (its own chunk). */
function otelChunks(): string[] {
  return readdirSync(dist)
    .filter((f) => f.endsWith('.js'))
    .map((f) => join(dist, f))
    .filter((f) => readFileSync(f, 'utf8').includes('BasicTracerProvider'))
}

function checkTrace(r: Awaited<ReturnType<typeof review>>, encoding: 'protobuf' | 'json') {
  const { run, received, modelRequests, githubRequests } = r
  expect(run.exitCode, run.stdout + run.stderr).toBe(0)
  expect(run.outputs.outcome).toBe('reviewed')
  expect(received.length).toBeGreaterThan(0)
  for (const req of received) {
    expect(req.encoding).toBe(encoding)
    expect(req.headers['x-honeycomb-team']).toBe(BACKEND_KEY)
    expect(req.headers['x-dataset']).toBe('ci runs')
  }
  const spans = received.flatMap((q) => q.spans)
  // Counts add up: what the action says it exported is what arrived.
  expect(run.stdout).toContain(
    `tracing: ${spans.length} span(s) exported to ${receiver.url}/v1/traces`,
  )

  // One trace, one root, everything else directly under it.
  expect(new Set(spans.map((s) => s.traceId)).size).toBe(1)
  const roots = spans.filter((s) => s.parentSpanId === '')
  expect(roots).toHaveLength(1)
  const root = roots[0]!
  expect(root.name).toBe('pitcrew run')
  expect(root.attributes['pitcrew.mode']).toBe('review')
  expect(root.attributes['pitcrew.outcome']).toBe('reviewed')
  expect(root.status.code).not.toBe(2)
  for (const s of spans.filter((x) => x !== root)) expect(s.parentSpanId).toBe(root.spanId)

  // A model-call span per request the fake model answered, with the usage it reported.
  const chats = spans.filter((s) => s.attributes['gen_ai.operation.name'] === 'chat')
  expect(modelRequests).toHaveLength(3)
  expect(chats).toHaveLength(modelRequests.length)
  const usageKey = (input: unknown, output: unknown, read: unknown, write: unknown) =>
    `${String(input)}/${String(output)}/${String(read)}/${String(write)}`
  expect(
    chats
      .map((s) =>
        usageKey(
          s.attributes['gen_ai.usage.input_tokens'],
          s.attributes['gen_ai.usage.output_tokens'],
          s.attributes['gen_ai.usage.cache_read.input_tokens'],
          s.attributes['gen_ai.usage.cache_creation.input_tokens'],
        ),
      )
      .sort(),
  ).toEqual(
    modelRequests
      .map((q) => {
        const u = q.usage!
        const input = u.input_tokens + u.cache_read_input_tokens + u.cache_creation_input_tokens
        return usageKey(
          input,
          u.output_tokens,
          u.cache_read_input_tokens,
          u.cache_creation_input_tokens,
        )
      })
      .sort(),
  )
  for (const s of chats) {
    const model = modelRequests[0]!.body.model as string
    expect(s.name).toBe(`chat ${model}`)
    expect(s.attributes['gen_ai.request.model']).toBe(model)
    expect(s.attributes['gen_ai.response.model']).toBe(model)
    expect(s.attributes['gen_ai.provider.name']).toBe('anthropic')
    expect(s.attributes['gen_ai.system']).toBe('anthropic')
    expect(s.attributes['pitcrew.cost_usd']).toBeGreaterThan(0)
  }

  // A tool span per tool call; the one that failed says so, its message redacted.
  const tools = spans.filter((s) => s.attributes['gen_ai.operation.name'] === 'execute_tool')
  expect(tools.map((s) => s.attributes['gen_ai.tool.name']).sort()).toEqual([
    'read_file',
    'read_file',
    'submit_review',
  ])
  const failed = tools.filter((s) => s.status.code === 2)
  expect(failed).toHaveLength(1)
  expect(failed[0]!.attributes['error.type']).toBe('tool_error')
  expect(failed[0]!.status.message).toContain('***')
  for (const s of tools) expect(typeof s.attributes['pitcrew.duration_ms']).toBe('number')

  // A span per GitHub write (the review, the sticky comment...), none for reads.
  const writes = githubRequests.filter((q) => q.method !== 'GET' && q.method !== 'HEAD')
  const writeSpans = spans.filter((s) => s.attributes['pitcrew.github.write'] === true)
  expect(writes.length).toBeGreaterThan(0)
  expect(writeSpans).toHaveLength(writes.length)
  expect(writeSpans.map((s) => s.attributes['http.request.method']).sort()).toEqual(
    writes.map((q) => q.method).sort(),
  )
  expect(spans).toHaveLength(1 + chats.length + tools.length + writeSpans.length)

  // No secret anywhere in what was sent: decoded attributes, names, status, raw bodies.
  const sent = JSON.stringify(spans, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))
  const raw = received.map((q) => q.body.toString('latin1')).join('\n')
  for (const secret of SECRETS) {
    expect(sent.includes(secret), `a span carries ${secret.slice(0, 10)}…`).toBe(false)
    expect(raw.includes(secret), `an OTLP body carries ${secret.slice(0, 10)}…`).toBe(false)
  }
  return { spans, root }
}

describe('tracing through the bundle', () => {
  it('puts the OpenTelemetry SDK in a chunk of its own, not in the entry file', () => {
    expect(existsSync(join(dist, 'index.js'))).toBe(true)
    const chunks = otelChunks()
    expect(chunks.length).toBeGreaterThan(0)
    expect(chunks).not.toContain(join(dist, 'index.js'))
  })

  it('exports one trace over OTLP http/protobuf (the default) with the headers asked for', async () => {
    script()
    const r = await review(11, {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_HEADERS: `x-honeycomb-team=${BACKEND_KEY},x-dataset=ci%20runs`,
    })
    const { root } = checkTrace(r, 'protobuf')
    expect(root.resource['service.name']).toBe('pitcrew')
    expect(r.loaded.some((f) => otelChunks().includes(f))).toBe(true)
  })

  it('exports the same trace over OTLP http/json, under OTEL_SERVICE_NAME', async () => {
    script()
    const r = await review(12, {
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/v1/traces`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_HEADERS: `x-honeycomb-team=${BACKEND_KEY},x-dataset=ci%20runs`,
      OTEL_SERVICE_NAME: 'pitcrew-ci',
    })
    const { root } = checkTrace(r, 'json')
    expect(root.resource['service.name']).toBe('pitcrew-ci')
  })

  it('a cancelled run still exports its spans: the cut model call and the root, both failed', async () => {
    pr.model.queue({ fault: 'slow', delayMs: 60_000 })
    const before = pr.model.requests.length
    const receivedBefore = receiver.requests.length
    const run = await pr.review(14, {
      spawn: true,
      apiKey: API_KEY,
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url },
      cancel: {
        signal: 'SIGTERM',
        when: () => waitUntil(() => pr.model.requests.length > before, 'the model call'),
      },
    })
    expect(run.outputs.outcome, run.stdout).toBe('cancelled')
    const spans = receiver.requests.slice(receivedBefore).flatMap((q) => q.spans)
    expect(run.stdout).toContain(`tracing: ${spans.length} span(s) exported`)
    const root = spans.find((s) => s.parentSpanId === '')!
    expect(root.attributes['pitcrew.outcome']).toBe('cancelled')
    expect(root.attributes['pitcrew.mode']).toBe('review')
    expect(root.status.code).toBe(2)
    const chats = spans.filter((s) => s.attributes['gen_ai.operation.name'] === 'chat')
    expect(chats).toHaveLength(1)
    expect(chats[0]!.status.code).toBe(2)
    expect(chats[0]!.attributes['gen_ai.usage.output_tokens']).toBeUndefined()
  })

  it('without an endpoint sends nothing and never loads the OpenTelemetry chunk', async () => {
    script()
    const r = await review(13, {})
    expect(r.run.exitCode, r.run.stdout + r.run.stderr).toBe(0)
    expect(r.run.outputs.outcome).toBe('reviewed')
    expect(r.received).toHaveLength(0)
    // The hook saw the bundle load (so an empty list proves nothing is missing from it)...
    expect(r.loaded).toContain(join(dist, 'index.js'))
    // ...and not one file holding the SDK.
    const chunks = otelChunks()
    expect(r.loaded.filter((f) => chunks.includes(f))).toEqual([])
    expect(r.run.stdout).not.toContain('tracing:')
  })
})
