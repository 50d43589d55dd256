import { describe, expect, it } from 'vitest'
import { CEILING_PRICE, costOf, priceOf } from '../../src/agent/pricing.js'
import { validateSchema } from '../../src/agent/schema.js'
import { capOutput } from '../../src/agent/registry.js'
import { backoffDelay, parseRetryAfter } from '../../src/agent/retry.js'
import { canonicalJson, LoopGuard } from '../../src/agent/guards.js'
import { compactMessages, withCacheBreakpoints } from '../../src/agent/cache.js'
import { estimateNextCost } from '../../src/agent/loop.js'

describe('pricing', () => {
  it.each([
    ['claude-opus-4-1', 15, 75],
    ['claude-opus-4-1-20250805', 15, 75],
    ['claude-opus-4-20250514', 15, 75],
    ['claude-opus-4-5', 5, 25],
    ['claude-opus-4-6', 5, 25],
    ['claude-opus-4-5-20251101', 5, 25],
    ['claude-sonnet-4-6', 3, 15],
    ['claude-sonnet-4-5-20250929', 3, 15],
    ['claude-sonnet-4-20250514', 3, 15],
    ['claude-haiku-4-5', 1, 5],
    ['claude-haiku-4-5-20251001', 1, 5],
    ['claude-3-5-haiku-20241022', 0.8, 4],
    ['claude-3-5-haiku-latest', 0.8, 4],
    ['claude-opus-4-0', 15, 75],
    ['claude-sonnet-4-0', 3, 15],
    ['Claude-Sonnet-4-6', 3, 15],
    // Gateway spellings of the same models: Bedrock, Vertex, LiteLLM-style.
    ['us.anthropic.claude-haiku-4-5-20251001-v1:0', 1, 5],
    ['anthropic.claude-sonnet-4-5-20250929-v1:0', 3, 15],
    ['claude-opus-4-1@20250805', 15, 75],
    ['anthropic/claude-opus-4-6', 5, 25],
  ])('%s costs %d/%d per million', (model, input, output) => {
    const p = priceOf(model)!
    expect(p).toEqual({ input, output, cacheWrite: input * 1.25, cacheRead: input * 0.1 })
  })

  it('prices every token kind', () => {
    const c = costOf('claude-sonnet-4-6', {
      inputTokens: 1_000_000,
      outputTokens: 1_000_000,
      cacheWriteTokens: 1_000_000,
      cacheReadTokens: 1_000_000,
    })
    expect(c).toBeCloseTo(3 + 15 + 3.75 + 0.3, 9)
  })

  it('an unknown model is not in the table and is billed at the highest known price', () => {
    expect(priceOf('gpt-5')).toBeNull()
    expect(priceOf('claude-sonnet-4-6-turbo')).toBeNull()
    expect(CEILING_PRICE).toMatchObject({ input: 15, output: 75 })
    expect(
      costOf('gpt-5', {
        inputTokens: 1_000_000,
        outputTokens: 1_000_000,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
      }),
    ).toBeCloseTo(90, 9)
  })

  it('estimates the next call from how the last one was billed', () => {
    // 100k prompt billed all as fresh input last time ($0.30): the cache did not deliver.
    const est = estimateNextCost('claude-sonnet-4-6', {
      promptTokens: 101_000,
      last: { promptTokens: 100_000, inputCostUsd: 0.3 },
      caching: true,
      outputTokens: 1000,
    })!
    expect(est).toBeCloseTo(0.3 + (1000 * 3.75) / 1e6 + 0.015, 9)
    // Not in the table: estimated at the ceiling, never "free".
    expect(
      estimateNextCost('nope', { promptTokens: 1_000_000, caching: false, outputTokens: 0 }),
    ).toBeCloseTo(15, 9)
  })
})

describe('schema validation', () => {
  const schema = {
    type: 'object',
    properties: {
      path: { type: 'string', minLength: 1 },
      line: { type: 'integer', minimum: 1 },
      side: { enum: ['LEFT', 'RIGHT'] },
      findings: {
        type: 'array',
        items: { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] },
      },
    },
    required: ['path'],
    additionalProperties: false,
  }
  it('accepts a valid input', () => {
    expect(
      validateSchema(schema, { path: 'a', line: 3, side: 'LEFT', findings: [{ title: 't' }] }),
    ).toEqual([])
  })
  it('names each bad field, the expected type and the value', () => {
    expect(validateSchema(schema, { line: 1.5, side: 'UP', extra: 1, findings: [{}] })).toEqual([
      "'input.path' is required (string)",
      "'input.line' must be integer, got number 1.5",
      '\'input.side\' must be one of "LEFT", "RIGHT", got "UP"',
      "'input.extra' is not allowed (known: path, line, side, findings)",
      "'input.findings[0].title' is required (string)",
    ])
    expect(validateSchema(schema, { path: 'a', line: 0 })).toEqual([
      "'input.line' must be >= 1, got 0",
    ])
    expect(validateSchema(schema, 'x')).toEqual(['\'input\' must be object, got string "x"'])
  })
})

describe('output cap', () => {
  it('keeps head and tail and says how much was cut', () => {
    const out = capOutput('a'.repeat(100) + 'b'.repeat(100), 50)
    expect(out).toBe('a'.repeat(25) + '\n[... 150 characters cut ...]\n' + 'b'.repeat(25))
    expect(capOutput('short', 50)).toBe('short')
  })
})

describe('retry helpers', () => {
  it('parses retry-after seconds, dates and retry-after-ms', () => {
    const h = (o: Record<string, string>) => new Headers(o)
    expect(parseRetryAfter(h({ 'retry-after': '7' }))).toBe(7000)
    expect(parseRetryAfter(h({ 'retry-after-ms': '250', 'retry-after': '7' }))).toBe(250)
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter(h({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }), now)).toBe(30_000)
    expect(parseRetryAfter(h({}))).toBeUndefined()
  })
  it('backs off exponentially with full jitter, capped', () => {
    expect(backoffDelay(0, 100, 10_000, () => 0.999)).toBe(99)
    expect(backoffDelay(3, 100, 10_000, () => 0.5)).toBe(400)
    expect(backoffDelay(10, 100, 10_000, () => 0.999)).toBe(9990)
    expect(backoffDelay(3, 100, 10_000, () => 0)).toBe(0)
  })
})

describe('loop guard', () => {
  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 1, x: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":2,"y":1}]},"b":1}',
    )
  })
  it('warns once on the third identical call, stops on the fourth', () => {
    const g = new LoopGuard()
    const call = { name: 'read_file', input: { path: 'a', n: 1 }, content: 'same', isError: false }
    expect(g.record(call).kind).toBe('ok')
    expect(g.record({ ...call, input: { n: 1, path: 'a' } }).kind).toBe('ok')
    expect(g.record(call, 'finish')).toMatchObject({ kind: 'warn' })
    expect(g.record(call)).toMatchObject({ kind: 'stop', reason: 'loop_detected' })
  })
  it('a success resets the circuit breaker', () => {
    const g = new LoopGuard({ circuitLimit: 3 })
    const err = (i: number) => ({ name: 't', input: { i }, content: `e${i}`, isError: true })
    g.record(err(1))
    g.record(err(2))
    g.record({ name: 't', input: {}, content: 'ok', isError: false })
    g.record(err(3))
    g.record(err(4))
    expect(g.record(err(5))).toMatchObject({ kind: 'stop', reason: 'circuit_open' })
  })
})

describe('cache breakpoints and compaction', () => {
  const tools = [
    { name: 'a', description: 'a', input_schema: { type: 'object' as const } },
    { name: 'b', description: 'b', input_schema: { type: 'object' as const } },
  ]
  it('places at most 4 breakpoints and leaves the history untouched', () => {
    const messages = [
      { role: 'user' as const, content: [{ type: 'text' as const, text: 'task' }] },
      { role: 'assistant' as const, content: [{ type: 'text' as const, text: 'hm' }] },
      { role: 'user' as const, content: [{ type: 'text' as const, text: 'more' }] },
      { role: 'assistant' as const, content: [{ type: 'text' as const, text: 'hm' }] },
      { role: 'user' as const, content: [{ type: 'text' as const, text: 'latest' }] },
    ]
    const before = JSON.stringify(messages)
    const parts = withCacheBreakpoints(tools, 'sys', messages, true)
    expect(JSON.stringify(parts).match(/cache_control/g)).toHaveLength(4)
    expect(JSON.stringify(parts.messages[0])).not.toContain('cache_control')
    expect(JSON.stringify(messages)).toBe(before)
  })
  it('compacts nothing under the budget', () => {
    const messages = [{ role: 'user' as const, content: 'task' }]
    expect(compactMessages(messages, 10, { atTokens: 100, keepRecentTurns: 1 }).elided).toBe(0)
  })
})
