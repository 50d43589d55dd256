/**
 * The seeds' war stories that concern the loop, each through the fake API over HTTP.
 */
import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startAnthropicServer, toolUse, type FakeAnthropic } from '../harness/anthropic-server.js'
import { API_KEY, MODEL, budgets, finishTool, makeClient, tool } from './helpers.js'

let api: FakeAnthropic
beforeEach(async () => {
  api = await startAnthropicServer()
})
afterEach(async () => {
  await api.close()
})

describe('war stories', () => {
  it('a model calling tools forever ($200 overnight) is stopped at the cost ceiling', async () => {
    const { client } = makeClient(api.url)
    // Every turn bills 150k input tokens: $0.45 + 4k output: $0.06 on Sonnet. Without the cost
    // guard this runs to the 1000-turn budget (~$510).
    api.onRequest((_b, i) => ({
      ...toolUse('search', { path: `dir${i}` }),
      usage: {
        input_tokens: 150_000,
        output_tokens: 4_000,
        cache_read_input_tokens: 0,
        cache_creation_input_tokens: 0,
      },
    }))
    const res = await client.run({
      model: MODEL,
      system: 's',
      prompt: 'p',
      tools: [tool('search', () => 'more results, keep looking'), finishTool()],
      budgets: budgets({ maxCostUsd: 2, maxTurns: 1000 }),
      workspace: '/tmp',
    })
    expect(res.stopReason).toBe('max_cost')
    expect(res.detail).toContain('cost budget of $2')
    expect(res.usage.turns).toBe(3)
    expect(res.usage.costUsd).toBeCloseTo(3 * 0.51, 6)
    expect(res.usage.costUsd!).toBeLessThanOrEqual(2)
    expect(res.usage.inputTokens).toBe(450_000)
    expect(res.toolStats.search!.calls).toBe(3)
  })

  it('the run-level ceiling stops a second loop once all loops together reach it', async () => {
    const { client } = makeClient(api.url, {
      run: { maxCostUsd: 1, deadline: Date.now() + 60_000 },
    })
    api.onRequest((_b, i) => ({
      ...toolUse('search', { path: `d${i}` }),
      usage: { input_tokens: 100_000, output_tokens: 1_000 },
    }))
    const opts = {
      model: MODEL,
      system: 's',
      prompt: 'p',
      tools: [tool('search'), finishTool()],
      budgets: budgets({ maxCostUsd: 10, maxTurns: 1000 }),
      workspace: '/tmp',
    }
    const first = await client.run(opts)
    const second = await client.run(opts)
    expect(first.stopReason).toBe('max_cost')
    expect(first.detail).toContain('run cost ceiling of $1')
    expect(second.stopReason).toBe('max_cost')
    expect(second.detail).toContain('run cost ceiling of $1')
    // A fresh loop cannot know its first call will bill 100k tokens: at most that one call.
    expect(second.usage.turns).toBeLessThanOrEqual(1)
    expect(client.usage().costUsd!).toBeLessThanOrEqual(1 + 0.315 + 1e-9)
  })

  it('no secret from a tool output reaches the transcript or the model', async () => {
    const ghToken = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'
    const { client, transcriptPath, redactor } = makeClient(api.url)
    redactor.add('hunter2-deploy-secret')
    api.queue(
      toolUse('read_file', { path: '.env' }),
      toolUse('finish', { status: 'fixed', summary: `saw ${ghToken}` }),
    )
    const res = await client.run({
      model: MODEL,
      system: 'system',
      prompt: `Task. (key ${API_KEY})`,
      tools: [
        tool(
          'read_file',
          () =>
            `ANTHROPIC_API_KEY=${API_KEY}\nGITHUB_TOKEN=${ghToken}\nDEPLOY=hunter2-deploy-secret\n`,
        ),
        finishTool(),
      ],
      budgets: budgets(),
      workspace: '/tmp',
    })
    expect(res.stopReason).toBe('final_tool')
    const text = readFileSync(transcriptPath, 'utf8')
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string })
    expect(lines.map((l) => l.type)).toEqual([
      'start',
      'request',
      'response',
      'tool',
      'request',
      'response',
      'tool',
      'stop',
    ])
    expect(text).toContain('***')
    for (const secret of [API_KEY, ghToken, 'hunter2-deploy-secret']) {
      expect(text).not.toContain(secret)
      // The tool result sent back to the model is redacted too.
      expect(JSON.stringify(api.requests[1]!.body.messages.at(-1))).not.toContain(secret)
    }
  })
})
