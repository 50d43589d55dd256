import { EventEmitter } from 'node:events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CancelledError,
  listenForCancel,
  refuseWritesOnCancel,
  settleWithin,
  type SignalSource,
} from '../../src/cancellation.js'
import { createOctokit, type Octokit } from '../../src/github/octokit.js'
import { isUnknownOutcome, writeOnce } from '../../src/github/idempotent.js'
import { memoryLog } from '../../src/log.js'
import { createAgentClient } from '../../src/agent/client.js'
import { Redactor } from '../../src/safety/redact.js'
import { startGitHubEmulator, type GitHubEmulator } from '../harness/github-emulator.js'
import { startAnthropicServer, type FakeAnthropic } from '../harness/anthropic-server.js'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const source = () => new EventEmitter() as EventEmitter & SignalSource
const never = new Promise<never>(() => undefined)

describe('listenForCancel', () => {
  it('aborts at the first signal, hurries at the second, and stops listening on dispose', async () => {
    const signals = source()
    const heard: string[] = []
    const c = listenForCancel(signals, (s, n) => heard.push(`${s}#${n}`))
    expect(c.signal.aborted).toBe(false)
    signals.emit('SIGINT', 'SIGINT')
    expect(c.signal.aborted).toBe(true)
    expect(c.received).toBe('SIGINT')
    expect(String((c.signal.reason as Error).message)).toMatch(/the runner sent SIGINT/)
    await expect(c.cancelled).resolves.toBe('SIGINT')
    signals.emit('SIGTERM', 'SIGTERM')
    await c.hurried
    expect(c.received).toBe('SIGINT')
    expect(heard).toEqual(['SIGINT#1', 'SIGTERM#2'])
    c.dispose()
    expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM')).toBe(0)
  })
})

describe('settleWithin', () => {
  it('waits for the work as long as nobody cancels', async () => {
    const c = listenForCancel(source())
    const slow = new Promise((r) => setTimeout(() => r('done'), 50))
    await expect(settleWithin(slow, c, 10)).resolves.toEqual({ status: 'fulfilled', value: 'done' })
  })

  it('reports a rejection as a value', async () => {
    const c = listenForCancel(source())
    const r = await settleWithin(Promise.reject(new Error('boom')), c, 10)
    expect(r.status).toBe('rejected')
  })

  it('after a signal, gives the work the grace period and then answers pending', async () => {
    const signals = source()
    const c = listenForCancel(signals)
    const started = Date.now()
    const settled = settleWithin(never, c, 200)
    signals.emit('SIGTERM', 'SIGTERM')
    expect(await settled).toEqual({ status: 'pending' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
  })

  it('a work that winds down within the grace is reported as it ended', async () => {
    const signals = source()
    const c = listenForCancel(signals)
    const work = new Promise((r) => c.signal.addEventListener('abort', () => r('stopped')))
    const settled = settleWithin(work, c, 5_000)
    signals.emit('SIGINT', 'SIGINT')
    expect(await settled).toEqual({ status: 'fulfilled', value: 'stopped' })
  })

  it('a second signal ends the grace at once', async () => {
    const signals = source()
    const c = listenForCancel(signals)
    const started = Date.now()
    const settled = settleWithin(never, c, 60_000)
    signals.emit('SIGINT', 'SIGINT')
    signals.emit('SIGTERM', 'SIGTERM')
    expect(await settled).toEqual({ status: 'pending' })
    expect(Date.now() - started).toBeLessThan(1_000)
  })
})

describe('refuseWritesOnCancel (against the GitHub emulator)', () => {
  let emu: GitHubEmulator
  let octokit: Octokit
  let controller: AbortController
  beforeAll(async () => {
    emu = await startGitHubEmulator()
    emu.addRepo({ owner: 'acme', repo: 'widgets' })
    controller = new AbortController()
    octokit = createOctokit({
      token: 'test-token',
      apiUrl: emu.url,
      log: memoryLog(),
      writeSpacingMs: 0,
      minRetryDelayMs: 2,
    })
    refuseWritesOnCancel(octokit, controller.signal)
  })
  afterAll(async () => emu.close())

  it('writes go through until the run is cancelled; then none is sent, reads still are', async () => {
    const issue = { owner: 'acme', repo: 'widgets', title: 'before' }
    await octokit.rest.issues.create(issue)
    controller.abort(new Error('the runner sent SIGTERM (the step was cancelled)'))
    const sent = emu.requests.length
    const refused = await octokit.rest.issues.create({ ...issue, title: 'after' }).catch((e) => e)
    expect(refused).toBeInstanceOf(CancelledError)
    expect(String(refused.message)).toMatch(/Not sent: POST .*issues.*the runner sent SIGTERM/)
    expect(emu.requests.length).toBe(sent)
    const graphql = await octokit.graphql('query { viewer { login } }').catch((e) => e)
    expect(graphql).toBeInstanceOf(CancelledError)
    expect(emu.requests.length).toBe(sent)
    const read = await octokit.rest.issues.listForRepo({ owner: 'acme', repo: 'widgets' })
    expect(read.data.map((i) => i.title)).toEqual(['before'])
  })

  it('a refused write is a refusal for writeOnce: no look-up, no resend', async () => {
    expect(isUnknownOutcome(new CancelledError('POST /x', 'cancelled'))).toBe(false)
    let finds = 0
    const started = Date.now()
    const err = await writeOnce({
      what: 'an issue',
      create: () => octokit.rest.issues.create({ owner: 'acme', repo: 'widgets', title: 'x' }),
      find: async () => {
        finds++
        return undefined
      },
      log: memoryLog(),
    }).catch((e) => e)
    expect(err).toBeInstanceOf(CancelledError)
    expect(finds).toBe(0)
    expect(Date.now() - started).toBeLessThan(500)
  })
})

describe('the model client under a cancelled run (against the fake Messages API)', () => {
  let ai: FakeAnthropic
  beforeAll(async () => {
    ai = await startAnthropicServer()
  })
  afterAll(async () => ai.close())

  function client(signal: AbortSignal) {
    return createAgentClient({
      apiKey: 'sk-ant-api03-cancel-client-0123456789',
      baseUrl: ai.url,
      log: memoryLog(),
      redactor: new Redactor(),
      transcriptPath: join(mkdtempSync(join(tmpdir(), 'pitcrew-cancel-client-')), 't.jsonl'),
      run: { maxCostUsd: 5, deadline: Date.now() + 60_000 },
      signal,
    })
  }
  const waitForRequest = async (n: number) => {
    while (ai.requests.length < n) await new Promise((r) => setTimeout(r, 10))
  }

  it('aborts the loop request in flight although the caller passed no signal of its own', async () => {
    const controller = new AbortController()
    ai.queue({ fault: 'slow', delayMs: 30_000 })
    const before = ai.requests.length
    const running = client(controller.signal).run({
      model: 'claude-sonnet-4-6',
      system: 's',
      prompt: 'p',
      tools: [],
      budgets: { maxTurns: 3, maxCostUsd: 1, timeoutMs: 60_000 },
      workspace: tmpdir(),
    })
    await waitForRequest(before + 1)
    const started = Date.now()
    controller.abort(new Error('SIGTERM'))
    const result = await running
    expect(result.stopReason).toBe('aborted')
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(ai.requests.length).toBe(before + 1)
  })

  it('aborts a one-shot call (incident summaries) in flight', async () => {
    const controller = new AbortController()
    ai.queue({ fault: 'slow', delayMs: 30_000 })
    const before = ai.requests.length
    const running = client(controller.signal)
      .complete({ model: 'claude-haiku-4-5', system: 's', prompt: 'p' })
      .catch((e: unknown) => e)
    await waitForRequest(before + 1)
    const started = Date.now()
    controller.abort(new Error('SIGTERM'))
    expect(String(await running)).toMatch(/Model call failed: .*abort/i)
    expect(Date.now() - started).toBeLessThan(1_000)
  })
})
