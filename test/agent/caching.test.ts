import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  startAnthropicServer,
  toolUse,
  type FakeAnthropic,
  type RecordedRequest,
} from '../harness/anthropic-server.js'
import { elisionStub } from '../../src/agent/cache.js'
import { MODEL, budgets, finishTool, makeClient, tool } from './helpers.js'

let api: FakeAnthropic
beforeEach(async () => {
  api = await startAnthropicServer()
})
afterEach(async () => {
  await api.close()
})

const SYSTEM = 'You are a careful engineer. '.repeat(80)

/** A 20-turn loop reading files of ~3k characters each. */
function script(turns: number) {
  api.onRequest((_b, i) =>
    i < turns - 1
      ? toolUse('read_file', { path: `src/file${i}.ts` })
      : toolUse('finish', { status: 'fixed', summary: 's' }),
  )
}
const readTool = tool(
  'read_file',
  (i) => `// ${String(i.path)}\n` + 'export const x = 1\n'.repeat(160),
)

function serverTotals(requests: RecordedRequest[]) {
  let input = 0
  let read = 0
  let write = 0
  for (const r of requests) {
    input += r.usage!.input_tokens
    read += r.usage!.cache_read_input_tokens
    write += r.usage!.cache_creation_input_tokens
  }
  return { input, read, write, total: input + read + write }
}

describe('prompt caching', () => {
  it('a 20-turn loop is billed mostly at cache-read rates', async () => {
    const { client } = makeClient(api.url, { compaction: false })
    script(20)
    const res = await client.run({
      model: MODEL,
      system: SYSTEM,
      prompt: 'Fix the failing test.',
      tools: [readTool, finishTool()],
      budgets: budgets(),
      workspace: '/tmp',
    })
    expect(res.stopReason).toBe('final_tool')
    expect(api.requests).toHaveLength(20)
    const t = serverTotals(api.requests)
    expect(t.read / t.total).toBeGreaterThan(0.85)
    // What the client reports is what the server billed.
    expect(res.usage.cacheReadTokens).toBe(t.read)
    expect(res.usage.cacheWriteTokens).toBe(t.write)
    // Breakpoints: last tool, system, and the two latest user messages; never more than 4.
    const body = api.requests[5]!.body
    expect(body.tools.at(-1).cache_control).toEqual({ type: 'ephemeral' })
    expect(body.tools[0].cache_control).toBeUndefined()
    expect(body.system[0].cache_control).toEqual({ type: 'ephemeral' })
    const marked = body.messages.flatMap(
      (m: { content: { cache_control?: unknown }[] }, i: number) =>
        m.content.filter((b) => b.cache_control).map(() => i),
    )
    expect(marked).toEqual([body.messages.length - 3, body.messages.length - 1])
  })

  it('without breakpoints nothing is read from the cache (the control)', async () => {
    const { client } = makeClient(api.url, { compaction: false, caching: false })
    script(20)
    await client.run({
      model: MODEL,
      system: SYSTEM,
      prompt: 'Fix the failing test.',
      tools: [readTool, finishTool()],
      budgets: budgets(),
      workspace: '/tmp',
    })
    const t = serverTotals(api.requests)
    expect(t.read).toBe(0)
    expect(JSON.stringify(api.requests.map((r) => r.body))).not.toContain('cache_control')
  })
})

describe('compaction', () => {
  it('shortens old tool results past the budget, keeping the task, the recent turns and the pairing', async () => {
    const { client, transcript } = makeClient(api.url, {
      compaction: { atTokens: 4000, keepRecentTurns: 2 },
    })
    script(12)
    const res = await client.run({
      model: MODEL,
      system: 'short system',
      prompt: 'The task: fix the failing test in src/file0.ts.',
      tools: [readTool, finishTool()],
      budgets: budgets(),
      workspace: '/tmp',
    })
    expect(res.stopReason).toBe('final_tool')
    const body = api.requests.at(-1)!.body
    const msgs = body.messages as { role: string; content: Record<string, unknown>[] }[]
    expect(msgs[0]!.content[0]!.text).toBe('The task: fix the failing test in src/file0.ts.')
    const results = msgs.map((m) =>
      m.content.filter((b) => b.type === 'tool_result').map((b) => String(b.content)),
    )
    // The last two turns (assistant + user each) are intact.
    for (const r of results.slice(-4).flat()) expect(r.length).toBeGreaterThan(3000)
    // Older results were replaced by the stub.
    const stubs = results.flat().filter((r) => /^\[tool result of \d+ chars elided/.test(r))
    expect(stubs[0]).toBe(elisionStub(3056))
    expect(stubs.length).toBeGreaterThanOrEqual(5)
    // Every tool_use still has its tool_result right after it (the server would answer 400 too).
    msgs.forEach((m, i) => {
      if (m.role !== 'assistant') return
      const uses = m.content.filter((b) => b.type === 'tool_use').map((b) => b.id)
      const next = msgs[i + 1]!.content.filter((b) => b.type === 'tool_result').map(
        (b) => b.tool_use_id,
      )
      expect(next).toEqual(uses)
    })
    expect(transcript()).toContain('"type":"compaction"')
    // Compaction runs in batches, so the cache prefix is not broken on every turn.
    const compactions = transcript()
      .split('\n')
      .filter((l) => l.includes('"type":"compaction"'))
    expect(compactions.length).toBeLessThanOrEqual(4)
  })
})
