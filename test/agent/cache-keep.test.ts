import type Anthropic from '@anthropic-ai/sdk'
import { describe, expect, it } from 'vitest'
import { compactMessages, withCacheBreakpoints } from '../../src/agent/cache.js'

type M = Anthropic.MessageParam
const tools = [{ name: 't', description: 'd', input_schema: { type: 'object' as const } }]
const marks = (messages: M[]) =>
  messages.flatMap((m, i) =>
    typeof m.content === 'string'
      ? []
      : m.content.flatMap((b, j) => ('cache_control' in b && b.cache_control ? [`${i}.${j}`] : [])),
  )

describe('the shared head of a task', () => {
  const task: M = {
    role: 'user',
    content: [
      { type: 'text', text: 'shared PR context' },
      { type: 'text', text: 'this part' },
    ],
  }
  it('gets a breakpoint of its own on the first call, where a spare one is left', () => {
    const p = withCacheBreakpoints(tools, 'system', [task], true)
    expect(marks(p.messages)).toEqual(['0.0', '0.1'])
  })
  it('not later: the two latest user messages take the breakpoints (4 in all)', () => {
    const later: M[] = [
      task,
      { role: 'assistant', content: [{ type: 'tool_use', id: 'a', name: 't', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'a', content: 'r' }] },
    ]
    expect(marks(withCacheBreakpoints(tools, 'system', later, true).messages)).toEqual([
      '0.1',
      '2.0',
    ])
  })
  it('a one-block task is marked as before', () => {
    const one: M = { role: 'user', content: [{ type: 'text', text: 'task' }] }
    expect(marks(withCacheBreakpoints(tools, 'system', [one], true).messages)).toEqual(['0.0'])
  })
})

describe('compaction keeps the latest result of the keepLatest tools', () => {
  const big = (c: string) => c.repeat(2000)
  const turn = (id: string, name: string, result: string): M[] => [
    { role: 'assistant', content: [{ type: 'tool_use', id, name, input: {} }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: result }] },
  ]
  const messages: M[] = [
    { role: 'user', content: 'task' },
    ...turn('t1', 'run_tests', big('a')),
    ...turn('r1', 'read_file', big('b')),
    ...turn('t2', 'run_tests', big('c')),
    ...turn('r2', 'read_file', big('d')),
    ...turn('r3', 'read_file', big('e')),
  ]
  const resultOf = (ms: M[], id: string) =>
    ms
      .flatMap((m) => (typeof m.content === 'string' ? [] : m.content))
      .find((b) => b.type === 'tool_result' && b.tool_use_id === id) as { content: string }

  it('the latest run_tests stays whole, the earlier one and old reads are stubbed', () => {
    const c = compactMessages(messages, 100_000, {
      atTokens: 1000,
      keepRecentTurns: 1,
      keepLatestTools: ['run_tests'],
    })
    expect(resultOf(c.messages, 't2').content).toBe(big('c'))
    expect(resultOf(c.messages, 't1').content).toMatch(/^\[tool result of 2000 chars elided/)
    expect(resultOf(c.messages, 'r1').content).toMatch(/^\[tool result of 2000 chars elided/)
    expect(resultOf(c.messages, 'r2').content).toMatch(/^\[tool result of 2000 chars elided/)
    expect(resultOf(c.messages, 'r3').content).toBe(big('e'))
    // t1, r1, r2 shortened: 3 blocks.
    expect(c.elided).toBe(3)
  })
  it('without the option it is stubbed like the others', () => {
    const c = compactMessages(messages, 100_000, { atTokens: 1000, keepRecentTurns: 1 })
    expect(resultOf(c.messages, 't2').content).toMatch(/^\[tool result of 2000 chars elided/)
    expect(c.elided).toBe(4)
  })
})
