import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startAnthropicServer, toolUse, type FakeAnthropic } from '../harness/anthropic-server.js'
import {
  API_KEY,
  MODEL,
  budgets,
  finishTool,
  lastResults,
  makeClient,
  tool,
  runTask,
} from './helpers.js'

let api: FakeAnthropic
beforeEach(async () => {
  api = await startAnthropicServer()
})
afterEach(async () => {
  await api.close()
})

describe('agent loop', () => {
  it('runs tools until the final tool is accepted and returns its input', async () => {
    const { client } = makeClient(api.url)
    api.queue(
      {
        text: 'Let me look.',
        toolUses: [
          { name: 'read_file', input: { path: 'a.ts' } },
          { name: 'read_file', input: { path: 'b.ts' } },
        ],
      },
      toolUse('finish', { status: 'fixed', summary: 'done' }),
    )
    const res = await client.run({
      model: MODEL,
      system: 'You fix tests.',
      prompt: 'Fix it.',
      tools: [tool('read_file'), finishTool()],
      budgets: budgets(),
      workspace: '/tmp',
    })
    expect(res.stopReason).toBe('final_tool')
    expect(res.final).toEqual({ name: 'finish', input: { status: 'fixed', summary: 'done' } })
    expect(res.toolStats.read_file).toMatchObject({ calls: 2, errors: 0 })
    expect(res.usage.turns).toBe(2)
    expect(res.usage.apiCalls).toBe(2)
    expect(res.usage.costUsd).toBeGreaterThan(0)
    // Both results go back in one user message, in order, paired by id.
    const second = api.requests[1]!.body
    const results = lastResults(second)
    expect(results.map((r: { content: string }) => r.content)).toEqual([
      'ok {"path":"a.ts"}',
      'ok {"path":"b.ts"}',
    ])
    const uses = second.messages[1].content.filter((b: { type: string }) => b.type === 'tool_use')
    expect(results.map((r: { tool_use_id: string }) => r.tool_use_id)).toEqual(
      uses.map((u: { id: string }) => u.id),
    )
    // The SDK sends the key and the API version; the system prompt and tools are the caller's.
    const h = api.requests[0]!.headers
    expect(String(h['x-api-key'] ?? h.authorization)).toContain(API_KEY)
    expect(api.requests[0]!.headers['anthropic-version']).toBeTruthy()
    expect(api.requests[0]!.body.system[0].text).toBe('You fix tests.')
    expect(client.usage()).toEqual(res.usage)
  })

  it('turns invalid tool input into an error result naming the field, and goes on', async () => {
    const { client } = makeClient(api.url)
    let ran = 0
    api.queue(
      toolUse('read_file', { path: 42 }),
      toolUse('finish', { status: 'maybe', summary: 'x' }),
      toolUse('finish', { status: 'gave_up', summary: 'x' }),
    )
    const res = await runTask(client, [tool('read_file', () => `ran ${++ran}`), finishTool()])
    expect(ran).toBe(0)
    const r1 = lastResults(api.requests[1]!.body)[0]
    expect(r1.is_error).toBe(true)
    expect(r1.content).toContain("'input.path' must be string, got integer 42")
    const r2 = lastResults(api.requests[2]!.body)[0]
    expect(r2.is_error).toBe(true)
    expect(r2.content).toContain('\'input.status\' must be one of "fixed", "gave_up"')
    expect(res.stopReason).toBe('final_tool')
    expect(res.final?.input).toEqual({ status: 'gave_up', summary: 'x' })
    expect(res.toolStats.finish).toMatchObject({ calls: 2, errors: 1 })
  })

  it('answers an unknown tool with an error result listing the tools', async () => {
    const { client } = makeClient(api.url)
    api.queue(
      toolUse('delete_everything', {}),
      toolUse('finish', { status: 'fixed', summary: 's' }),
    )
    const res = await runTask(client, [tool('read_file'), finishTool()])
    expect(lastResults(api.requests[1]!.body)[0]).toMatchObject({
      is_error: true,
      content: "Unknown tool 'delete_everything'. Available tools: read_file, finish.",
    })
    expect(res.stopReason).toBe('final_tool')
    expect(res.toolStats.delete_everything).toMatchObject({ calls: 1, errors: 1 })
  })

  it('a final tool that returns an error keeps the loop going', async () => {
    const { client } = makeClient(api.url)
    let calls = 0
    api.queue(
      toolUse('finish', { status: 'fixed', summary: 'a' }),
      toolUse('finish', { status: 'fixed', summary: 'b' }),
    )
    const res = await client.run({
      model: MODEL,
      system: 's',
      prompt: 'p',
      tools: [
        finishTool({
          run: async () => (++calls === 1 ? { content: 'tests still fail', isError: true } : 'ok'),
        }),
      ],
      budgets: budgets(),
      workspace: '/tmp',
    })
    expect(lastResults(api.requests[1]!.body)[0]).toMatchObject({
      content: 'tests still fail',
      is_error: true,
    })
    expect(res.final?.input).toEqual({ status: 'fixed', summary: 'b' })
  })

  it('times a slow tool out into an error result', async () => {
    const { client } = makeClient(api.url)
    let aborted = false
    const slow = tool('run_tests', (_i) => new Promise<string>(() => undefined), { timeoutMs: 50 })
    slow.run = (_i, ctx) =>
      new Promise<string>((resolve) => {
        ctx.signal.addEventListener('abort', () => {
          aborted = true
          resolve('late')
        })
      })
    api.queue(toolUse('run_tests', {}), toolUse('finish', { status: 'gave_up', summary: 's' }))
    const res = await runTask(client, [slow, finishTool()])
    expect(aborted).toBe(true)
    expect(lastResults(api.requests[1]!.body)[0]).toMatchObject({
      is_error: true,
      content: "Tool 'run_tests' timed out after 50 ms and was stopped.",
    })
    expect(res.toolStats.run_tests).toMatchObject({ calls: 1, errors: 1 })
  })

  it('turns a throwing tool into an error result', async () => {
    const { client } = makeClient(api.url)
    api.queue(
      toolUse('read_file', { path: 'x' }),
      toolUse('finish', { status: 'gave_up', summary: 's' }),
    )
    const res = await client.run({
      model: MODEL,
      system: 's',
      prompt: 'p',
      tools: [
        tool('read_file', () => {
          throw new Error('EACCES: permission denied')
        }),
        finishTool(),
      ],
      budgets: budgets(),
      workspace: '/tmp',
    })
    expect(lastResults(api.requests[1]!.body)[0]).toMatchObject({
      is_error: true,
      content: "Tool 'read_file' failed: EACCES: permission denied",
    })
    expect(res.stopReason).toBe('final_tool')
  })

  it('caps long tool output keeping head and tail', async () => {
    const { client } = makeClient(api.url)
    const big = 'HEAD' + 'x'.repeat(50_000) + 'TAIL'
    api.queue(
      toolUse('read_file', { path: 'log' }),
      toolUse('finish', { status: 'gave_up', summary: 's' }),
    )
    await runTask(client, [tool('read_file', () => big, { maxOutputChars: 1000 }), finishTool()])
    const content: string = lastResults(api.requests[1]!.body)[0].content
    expect(content.startsWith('HEAD')).toBe(true)
    expect(content.endsWith('TAIL')).toBe(true)
    expect(content).toContain(`[... ${big.length - 1000} characters cut ...]`)
    expect(content.length).toBeLessThan(1100)
  })

  it('nudges once when the model ends its turn without the final tool, then stops with end_turn', async () => {
    const { client } = makeClient(api.url)
    api.queue({ text: 'I think it is fine.' }, { text: 'Really fine.' })
    const res = await runTask(client, [finishTool()])
    expect(res.stopReason).toBe('end_turn')
    expect(api.requests).toHaveLength(2)
    const nudge = api.requests[1]!.body.messages.at(-1).content[0].text
    expect(nudge).toContain('call it now')
    expect(nudge).toContain('`finish`')
  })

  it('stops at the turn budget and still reports usage', async () => {
    const { client } = makeClient(api.url)
    api.onRequest((_b, i) => toolUse('read_file', { path: `f${i}.ts` }))
    const res = await runTask(client, [tool('read_file'), finishTool()], budgets({ maxTurns: 4 }))
    expect(res.stopReason).toBe('max_turns')
    expect(api.requests).toHaveLength(4)
    expect(res.usage.turns).toBe(4)
    expect(res.toolStats.read_file!.calls).toBe(4)
  })

  it('stops at the wall-clock budget', async () => {
    const { client } = makeClient(api.url)
    api.onRequest((_b, i) => toolUse('read_file', { path: `f${i}.ts` }))
    const res = await client.run({
      model: MODEL,
      system: 's',
      prompt: 'p',
      tools: [
        tool('read_file', () => new Promise((r) => setTimeout(() => r('ok'), 40))),
        finishTool(),
      ],
      budgets: budgets({ timeoutMs: 150, maxTurns: 1000 }),
      workspace: '/tmp',
    })
    expect(res.stopReason).toBe('timeout')
    expect(res.usage.turns).toBeGreaterThan(0)
    expect(res.usage.turns).toBeLessThan(50)
  })

  it('stops at the run-level deadline shared by all loops', async () => {
    const { client } = makeClient(api.url, { run: { maxCostUsd: 100, deadline: Date.now() - 1 } })
    const res = await runTask(client, [finishTool()])
    expect(res.stopReason).toBe('timeout')
    expect(res.detail).toContain('run deadline')
    expect(api.requests).toHaveLength(0)
  })

  it('stops at an output-token budget and never asks for more than is left', async () => {
    const { client } = makeClient(api.url)
    api.onRequest((_b, i) => ({
      ...toolUse('read_file', { path: `f${i}` }),
      usage: { output_tokens: 400 },
    }))
    const res = await runTask(
      client,
      [tool('read_file'), finishTool()],
      budgets({ maxOutputTokens: 1000, maxTurns: 100 }),
    )
    expect(res.stopReason).toBe('max_tokens')
    expect(api.requests.map((r) => r.body.max_tokens)).toEqual([1000, 600, 200])
    expect(res.usage.outputTokens).toBe(1200)
  })

  it('stops before an input-token budget would be passed', async () => {
    const { client } = makeClient(api.url)
    api.onRequest((_b, i) => toolUse('read_file', { path: `f${i}` }))
    const res = await runTask(
      client,
      [tool('read_file', () => 'y'.repeat(4000)), finishTool()],
      budgets({ maxInputTokens: 10_000, maxTurns: 100 }),
    )
    expect(res.stopReason).toBe('max_tokens')
    const used = res.usage.inputTokens + res.usage.cacheReadTokens + res.usage.cacheWriteTokens
    expect(used).toBeLessThanOrEqual(10_000)
  })

  it('prices an unknown model at the highest known price with one warning, never 0 or unknown', async () => {
    const { client, log } = makeClient(api.url)
    api.queue(
      toolUse('read_file', { path: 'a' }),
      toolUse('finish', { status: 'fixed', summary: 's' }),
    )
    const res = await client.run({
      model: 'claude-mystery-9',
      system: 's',
      prompt: 'p',
      tools: [tool('read_file'), finishTool()],
      budgets: budgets(),
      workspace: '/tmp',
    })
    expect(res.stopReason).toBe('final_tool')
    // Billed at the ceiling ($15/$75 per million): an upper bound, so max-cost-usd applies.
    const u = res.usage
    const atCeiling =
      (u.inputTokens * 15 +
        u.outputTokens * 75 +
        u.cacheWriteTokens * 18.75 +
        u.cacheReadTokens * 1.5) /
      1e6
    expect(u.costUsd).toBeGreaterThan(0)
    expect(u.costUsd).toBeCloseTo(atCeiling, 9)
    expect(client.usage().costUsd).toBeCloseTo(atCeiling, 9)
    const warnings = log.lines.filter(
      (l) => l.startsWith('warning:') && l.includes('claude-mystery-9'),
    )
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('highest known price')
  })

  it('returns the abort as a stop reason', async () => {
    const { client } = makeClient(api.url)
    const ac = new AbortController()
    api.queue(toolUse('read_file', { path: 'a' }))
    const res = await client.run({
      model: MODEL,
      system: 's',
      prompt: 'p',
      tools: [
        tool('read_file', () => {
          ac.abort()
          return 'ok'
        }),
        finishTool(),
      ],
      budgets: budgets(),
      workspace: '/tmp',
      signal: ac.signal,
    })
    expect(res.stopReason).toBe('aborted')
    expect(api.requests).toHaveLength(1)
  })
})
