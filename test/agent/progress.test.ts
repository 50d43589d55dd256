import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startAnthropicServer, toolUse, type FakeAnthropic } from '../harness/anthropic-server.js'
import { finishTool, makeClient, runTask, tool, budgets } from './helpers.js'
import { turnLine } from '../../src/agent/loop.js'
import { emptyUsage } from '../../src/agent/types.js'

let api: FakeAnthropic
beforeEach(async () => {
  api = await startAnthropicServer()
})
afterEach(async () => {
  await api.close()
})

const turnLines = (lines: string[]) => lines.filter((l) => /^info: agent: turn \d+: /.test(l))

describe('progress: one log line per agent turn', () => {
  it('logs each turn once with its tools, the tokens and cost so far; lines = turns = requests', async () => {
    const { client, log } = makeClient(api.url)
    api.queue(
      {
        toolUses: [
          { name: 'read_file', input: { path: 'a.ts' } },
          { name: 'read_file', input: { path: 'b.ts' } },
          { name: 'search', input: { path: 'x' } },
        ],
      },
      { text: 'Thinking without tools.' },
      toolUse('finish', { status: 'fixed', summary: 'done' }),
    )
    const res = await runTask(client, [tool('read_file'), tool('search'), finishTool()])
    expect(res.stopReason).toBe('final_tool')
    const lines = turnLines(log.lines)
    expect(lines).toHaveLength(3)
    expect(res.usage.turns).toBe(3)
    expect(api.requests).toHaveLength(3)
    expect(lines.map((l) => /turn (\d+):/.exec(l)![1])).toEqual(['1', '2', '3'])
    expect(lines[0]).toContain('tools read_file x2, search;')
    expect(lines[1]).toContain('no tool called;')
    expect(lines[2]).toContain('tools finish;')
    // The tokens of the last line are the sum of what the server reported for every request.
    const u = api.requests.map((r) => r.usage!)
    const input = u.reduce(
      (n, x) => n + x.input_tokens + x.cache_read_input_tokens + x.cache_creation_input_tokens,
      0,
    )
    const output = u.reduce((n, x) => n + x.output_tokens, 0)
    expect(lines[2]).toContain(`tokens ${input} in (`)
    expect(lines[2]).toContain(`+ ${output} out;`)
    expect(lines[2]).toContain(`cost so far $${res.usage.costUsd!.toFixed(4)};`)
    expect(lines[2]).toMatch(/; elapsed \d+s$/)
  })

  it('a stop before any model call logs no turn line', async () => {
    const { client, log } = makeClient(api.url)
    const res = await runTask(client, [finishTool()], budgets({ maxTurns: 0 }))
    expect(res.stopReason).toBe('max_turns')
    expect(turnLines(log.lines)).toEqual([])
    expect(api.requests).toHaveLength(0)
  })

  it('formats the line from the usage it is given', () => {
    const usage = {
      ...emptyUsage(),
      inputTokens: 100,
      cacheReadTokens: 2000,
      cacheWriteTokens: 30,
      outputTokens: 44,
      costUsd: 0.01234,
      turns: 4,
    }
    expect(turnLine('review', usage, [{ name: 'a' }, { name: 'b' }, { name: 'a' }], 61_400)).toBe(
      'review: turn 4: tools a x2, b; tokens 2130 in (2000 cache-read, 30 cache-write) + 44 out; cost so far $0.0123; elapsed 61s',
    )
    expect(turnLine('fix', { ...usage, costUsd: null }, [], 0)).toContain('no tool called; ')
    expect(turnLine('fix', { ...usage, costUsd: null }, [], 0)).toContain('cost so far unknown;')
  })
})
