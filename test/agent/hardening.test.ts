import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startAnthropicServer, toolUse, type FakeAnthropic } from '../harness/anthropic-server.js'
import { workspaceTools } from '../../src/tools/workspace.js'
import type { ToolDefinition } from '../../src/agent/types.js'
import { MODEL, budgets, finishTool, lastResults, makeClient, runTask } from './helpers.js'

let api: FakeAnthropic
beforeEach(async () => {
  api = await startAnthropicServer()
})
afterEach(async () => {
  await api.close()
})

/** An edit tool that counts how often it really ran. */
function editTool(ran: { n: number }): ToolDefinition {
  return {
    name: 'edit_file',
    description: 'Edit a file.',
    inputSchema: {
      type: 'object',
      properties: {
        path: { type: 'string' },
        old_text: { type: 'string' },
        new_text: { type: 'string' },
      },
      required: ['path', 'old_text', 'new_text'],
    },
    run: async () => {
      ran.n++
      return 'edited'
    },
  }
}

describe('per-response output limit', () => {
  it('caps a maxTokensPerResponse above 8192 (the fake refuses over 64000, as the API does)', async () => {
    const { client } = makeClient(api.url)
    api.queue(toolUse('finish', { status: 'fixed', summary: 'ok' }))
    const res = await client.run({
      model: MODEL,
      system: 's',
      prompt: 'p',
      tools: [finishTool()],
      budgets: budgets(),
      workspace: '/tmp',
      maxTokensPerResponse: 100_000,
    })
    expect(res.stopReason).toBe('final_tool')
    expect(api.requests[0]!.body.max_tokens).toBe(8192)
  })

  it('a tool call cut off at max_tokens is not run; the model is told and the loop goes on', async () => {
    const { client } = makeClient(api.url)
    const ran = { n: 0 }
    api.queue(
      // The API stopped mid-call: new_text is missing (or would be half a file).
      {
        text: 'Rewriting the file.',
        toolUses: [{ name: 'edit_file', input: { path: 'a.ts', old_text: 'x' } }],
        stopReason: 'max_tokens',
      },
      toolUse('edit_file', { path: 'a.ts', old_text: 'x', new_text: 'y' }),
      toolUse('finish', { status: 'fixed', summary: 'ok' }),
    )
    const res = await runTask(client, [editTool(ran), finishTool()])
    expect(res.stopReason).toBe('final_tool')
    expect(ran.n).toBe(1)
    const told = lastResults(api.requests[1]!.body)[0]
    expect(told.is_error).toBe(true)
    expect(told.content).toContain('cut off at the 8192-token output limit')
    expect(told.content).toContain('NOT run')
    expect(res.toolStats.edit_file).toMatchObject({ calls: 2, errors: 1 })
  })

  it('a final tool cut off at max_tokens is not accepted with its partial input', async () => {
    const { client } = makeClient(api.url)
    api.queue(
      {
        toolUses: [{ name: 'finish', input: { status: 'fixed', summary: 'Fixed the pars' } }],
        stopReason: 'max_tokens',
      },
      toolUse('finish', { status: 'fixed', summary: 'Fixed the parser.' }),
    )
    const res = await runTask(client, [finishTool()])
    expect(res.stopReason).toBe('final_tool')
    expect(res.final?.input).toEqual({ status: 'fixed', summary: 'Fixed the parser.' })
    expect(api.requests).toHaveLength(2)
    expect(lastResults(api.requests[1]!.body)[0].content).toContain('keep it shorter')
  })
})

describe('compaction of what the model wrote', () => {
  it('shortens old huge tool inputs and replies, so the conversation stays near its budget', async () => {
    const { client } = makeClient(api.url, {
      compaction: { atTokens: 4000, keepRecentTurns: 2 },
    })
    const ran = { n: 0 }
    const turns = 8
    let i = 0
    api.onRequest(() =>
      ++i <= turns
        ? {
            text: `Turn ${i}: ${'reasoning '.repeat(400)}`,
            toolUses: [
              {
                name: 'edit_file',
                input: { path: `f${i}.ts`, old_text: 'x', new_text: `${i}`.repeat(12_000) },
              },
            ],
          }
        : toolUse('finish', { status: 'fixed', summary: 'done' }),
    )
    const res = await client.run({
      model: MODEL,
      system: 's',
      prompt: 'The task.',
      tools: [editTool(ran), finishTool()],
      budgets: budgets(),
      workspace: '/tmp',
    })
    expect(res.stopReason).toBe('final_tool')
    expect(ran.n).toBe(turns)
    const last = api.requests.at(-1)!.body
    const msgs = last.messages as { role: string; content: Record<string, unknown>[] }[]
    expect(msgs[0]!.content[0]!.text).toBe('The task.')
    const uses = msgs.flatMap((m) => m.content.filter((b) => b.type === 'tool_use'))
    expect(uses).toHaveLength(turns)
    // Every edit but the one the model is working on now was shortened, keys kept.
    for (const u of uses.slice(0, -1)) {
      const input = u.input as Record<string, string>
      expect(Object.keys(input).sort()).toEqual(['new_text', 'old_text', 'path'])
      expect(input.new_text).toContain('elided to save context')
      expect(input.new_text.length).toBeLessThan(400)
    }
    expect((uses.at(-1)!.input as Record<string, string>).new_text).toHaveLength(12_000)
    const replies = msgs
      .filter((m) => m.role === 'assistant')
      .flatMap((m) => m.content.filter((b) => b.type === 'text').map((b) => String(b.text)))
    expect(replies).toHaveLength(turns)
    for (const t of replies.slice(0, -1)) expect(t).toContain('elided to save context')
    // 8 × 16 KB written by the model; what is sent stays near one turn's worth.
    expect(JSON.stringify(msgs).length).toBeLessThan(30_000)
  })
})

describe('search off the event loop', () => {
  it('a catastrophic regex comes back as an error result while the loop and the API stay live', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'pitcrew-redos-'))
    writeFileSync(join(ws, 'input.txt'), `${'a'.repeat(64)}!\n`)
    const { client } = makeClient(api.url)
    api.queue(
      toolUse('search', { pattern: '(a|aa)+$' }),
      toolUse('finish', { status: 'gave_up', summary: 'regex too slow' }),
    )
    const res = await client.run({
      model: MODEL,
      system: 's',
      prompt: 'p',
      tools: [...workspaceTools({ searchTimeoutMs: 300 }), finishTool()],
      budgets: budgets(),
      workspace: ws,
    })
    expect(res.stopReason).toBe('final_tool')
    const r = lastResults(api.requests[1]!.body)[0]
    expect(r.is_error).toBe(true)
    expect(r.content).toContain('Use a simpler pattern')
  })
})

describe('stop details the modes can report', () => {
  it('a budget stop after a rejected final tool says why it was rejected', async () => {
    const { client } = makeClient(api.url)
    api.queue(
      toolUse('finish', { status: 'maybe', summary: 'x' }),
      toolUse('finish', { status: 'done', summary: 'x' }),
    )
    const res = await runTask(client, [finishTool()], budgets({ maxTurns: 2 }))
    expect(res.stopReason).toBe('max_turns')
    expect(res.detail).toContain('turn budget of 2 used')
    expect(res.detail).toContain(
      "last tool error: finish: Invalid input for tool 'finish': 'input.status' must be one of",
    )
    expect(res.lastToolError).toMatchObject({ tool: 'finish' })
    expect(res.lastToolError!.message).toContain('got "done"')
  })
})

describe('replies without tool calls', () => {
  it('an empty reply is nudged within the same user turn, so turns still alternate', async () => {
    const { client } = makeClient(api.url)
    api.queue({ text: '' }, toolUse('finish', { status: 'fixed', summary: 'ok' }))
    const res = await runTask(client, [finishTool()])
    expect(res.stopReason).toBe('final_tool')
    const roles = (api.requests[1]!.body.messages as { role: string }[]).map((m) => m.role)
    expect(roles).toEqual(['user'])
    expect(JSON.stringify(api.requests[1]!.body.messages)).toContain('without calling `finish`')
  })

  it('a refusal stops the loop at once with a detail saying so', async () => {
    const { client } = makeClient(api.url)
    api.queue({ text: 'I cannot help with that.', stopReason: 'refusal' })
    const res = await runTask(client, [finishTool()])
    expect(res.stopReason).toBe('end_turn')
    expect(res.detail).toContain('refusal')
    expect(api.requests).toHaveLength(1)
  })
})
