import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startAnthropicServer, toolUse, type FakeAnthropic } from '../harness/anthropic-server.js'
import { AgentError } from '../../src/agent/client.js'
import { MODEL, budgets, finishTool, makeClient, tool, runTask } from './helpers.js'

let api: FakeAnthropic
beforeEach(async () => {
  api = await startAnthropicServer()
})
afterEach(async () => {
  await api.close()
})

const runSimple = (client: ReturnType<typeof makeClient>['client']) =>
  runTask(client, [tool('read_file'), finishTool()])

describe('retries', () => {
  it('retries a 429 after the retry-after the server asked for', async () => {
    const { client, log, transcript } = makeClient(api.url)
    api.queue(
      { fault: 'rate_limit', retryAfterSeconds: 1 },
      toolUse('finish', { status: 'fixed', summary: 's' }),
    )
    const res = await runSimple(client)
    expect(res.stopReason).toBe('final_tool')
    expect(api.requests).toHaveLength(2)
    // The wait is the server's retry-after, not the (20 ms max) backoff.
    expect(
      log.lines.some(
        (l) => l.includes('HTTP 429 rate_limit_error') && l.includes('retry 1 in 1000 ms'),
      ),
    ).toBe(true)
    expect(transcript()).toContain('"type":"retry"')
    expect(res.usage.apiCalls).toBe(1)
  })

  it('retries 529 overloaded, 500 and a dropped connection', async () => {
    const { client } = makeClient(api.url)
    api.queue(
      { fault: 'overloaded' },
      { fault: 'server_error' },
      { fault: 'drop' },
      toolUse('finish', { status: 'fixed', summary: 's' }),
    )
    const res = await runSimple(client)
    expect(res.stopReason).toBe('final_tool')
    expect(api.requests).toHaveLength(4)
    expect(api.pending()).toBe(0)
  })

  it('retries a response slower than the request timeout', async () => {
    const { client } = makeClient(api.url, {
      retry: { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 10, requestTimeoutMs: 200 },
    })
    api.queue(
      { fault: 'slow', delayMs: 2000 },
      toolUse('finish', { status: 'fixed', summary: 's' }),
    )
    const res = await runSimple(client)
    expect(res.stopReason).toBe('final_tool')
    expect(api.requests).toHaveLength(2)
  })

  it('gives up after the retries with api_error, keeping the usage gathered so far', async () => {
    const { client } = makeClient(api.url)
    api.queue(
      toolUse('read_file', { path: 'a' }),
      { fault: 'server_error' },
      { fault: 'overloaded' },
      { fault: 'server_error' },
      { fault: 'server_error' },
      toolUse('finish', { status: 'fixed', summary: 'never reached' }),
    )
    const res = await runSimple(client)
    expect(res.stopReason).toBe('api_error')
    expect(res.detail).toContain('HTTP 500')
    expect(res.detail).toContain('4 attempt')
    expect(api.requests).toHaveLength(5)
    expect(res.usage.turns).toBe(1)
    expect(res.usage.inputTokens + res.usage.cacheWriteTokens).toBeGreaterThan(0)
    expect(res.toolStats.read_file!.calls).toBe(1)
    expect(res.final).toBeUndefined()
  })

  it('without a retry cap, 529 is retried until the deadline and the failure counts each kind', async () => {
    const { client } = makeClient(api.url, {
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      run: { maxCostUsd: 100, deadline: Date.now() + 1500 },
    })
    api.onRequest(() => ({ fault: 'overloaded' }))
    const res = await runSimple(client)
    expect(res.stopReason).toBe('api_error')
    // Far more than the old fixed five tries; the count is in the stop detail.
    expect(api.requests.length).toBeGreaterThan(10)
    // Every request is counted once, by kind: the last one may be cut by the deadline itself
    // (counted as a timeout), so the 529 count is the rest.
    const counts = [...(res.detail ?? '').matchAll(/ x(\d+)/g)].map((m) => Number(m[1]))
    expect(counts.reduce((a, b) => a + b, 0)).toBe(api.requests.length)
    expect(res.detail).toMatch(/model API overloaded \(529\) x\d+/)
    expect(counts[0]).toBeGreaterThan(10)
    expect(res.apiFailure).toMatchObject({ kind: 'overloaded', status: 529 })
  })

  it('an endpoint refusing connections gets a few tries only, named as unreachable', async () => {
    const probe = createServer()
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r))
    const port = (probe.address() as AddressInfo).port
    await new Promise((r) => probe.close(r))
    const { client } = makeClient(`http://127.0.0.1:${port}`, {
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
    })
    const res = await runSimple(client)
    expect(res.stopReason).toBe('api_error')
    expect(res.detail).toMatch(/model API unreachable x4: connection error \(ECONNREFUSED\)/)
    expect(res.apiFailure?.kind).toBe('unreachable')
  })

  it('complete() shares retries and usage, and throws AgentError when the API stays down', async () => {
    const { client } = makeClient(api.url, {
      retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 2 },
    })
    api.queue({ fault: 'overloaded' }, { text: 'Latency rose 40% after deploy.' })
    const out = await client.complete({
      model: 'claude-haiku-4-5',
      system: 'Summarise.',
      prompt: 'numbers',
    })
    expect(out.text).toBe('Latency rose 40% after deploy.')
    expect(out.usage.costUsd).toBeGreaterThan(0)
    expect(client.usage().apiCalls).toBe(1)
    expect(api.requests[1]!.body.system).toBe('Summarise.')

    api.queue({ fault: 'server_error' }, { fault: 'server_error' })
    await expect(
      client.complete({ model: 'claude-haiku-4-5', system: 's', prompt: 'p' }),
    ).rejects.toBeInstanceOf(AgentError)
    expect(api.requests).toHaveLength(4)
  })

  it('fails loudly when the fake has no scripted step', async () => {
    const { client } = makeClient(api.url, { retry: { maxRetries: 0 } })
    const res = await runSimple(client)
    expect(res.stopReason).toBe('api_error')
    expect(res.detail).toContain('no scripted step')
  })
})

describe('loop detector and circuit breaker', () => {
  it('the same call repeated gets one corrective message, then the loop stops', async () => {
    const { client } = makeClient(api.url)
    api.onRequest(() => toolUse('read_file', { path: 'same.ts' }))
    const res = await runTask(
      client,
      [tool('read_file', () => 'same content'), finishTool()],
      budgets({ maxTurns: 50 }),
    )
    expect(res.stopReason).toBe('loop_detected')
    expect(api.requests).toHaveLength(4)
    const correctives = api.requests.filter((r) =>
      JSON.stringify(r.body.messages.at(-1)).includes('with the same input 3 times'),
    )
    expect(correctives).toHaveLength(1)
    // The corrective text follows the tool results in the same user message.
    const last = api.requests[3]!.body.messages.at(-1).content
    expect(last.map((b: { type: string }) => b.type)).toEqual(['tool_result', 'text'])
    expect(last[1].text).toContain('`finish`')
  })

  it('the same error repeated (infinite self-correction) is stopped', async () => {
    const { client } = makeClient(api.url)
    let n = 0
    api.onRequest((_b, i) => toolUse('read_file', { path: `attempt-${i}.ts` }))
    const res = await client.run({
      model: MODEL,
      system: 's',
      prompt: 'p',
      tools: [
        tool('read_file', () => {
          n++
          throw new Error("Cannot find module './missing'")
        }),
        finishTool(),
      ],
      budgets: budgets({ maxTurns: 50 }),
      workspace: '/tmp',
    })
    expect(res.stopReason).toBe('loop_detected')
    expect(n).toBe(4)
    expect(res.detail).toContain('same error has come back')
    const correctives = api.requests.filter((r) =>
      JSON.stringify(r.body.messages.at(-1)).includes('same error has come back'),
    )
    expect(correctives).toHaveLength(1)
  })

  it('repeating a call whose result changes (tests after edits) is not a loop', async () => {
    const { client } = makeClient(api.url)
    let runs = 0
    api.onRequest((_b, i) =>
      i < 6 ? toolUse('run_tests', {}) : toolUse('finish', { status: 'fixed', summary: 's' }),
    )
    const res = await runTask(client, [
      tool('run_tests', () => `${5 - ++runs} failing`),
      finishTool(),
    ])
    expect(res.stopReason).toBe('final_tool')
  })

  it('five tool failures in a row open the circuit', async () => {
    const { client } = makeClient(api.url)
    let n = 0
    api.onRequest((_b, i) => toolUse('read_file', { path: `f${i}` }))
    const res = await client.run({
      model: MODEL,
      system: 's',
      prompt: 'p',
      tools: [
        tool('read_file', () => ({ content: `disk error #${++n}`, isError: true })),
        finishTool(),
      ],
      budgets: budgets({ maxTurns: 50 }),
      workspace: '/tmp',
    })
    expect(res.stopReason).toBe('circuit_open')
    expect(n).toBe(5)
    expect(res.toolStats.read_file).toMatchObject({ calls: 5, errors: 5 })
  })
})
