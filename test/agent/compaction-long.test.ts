/**
 * Compaction that pays, on a 60-call fix loop over real code that passes 150k tokens without it
 * (test/agent/long-loop.ts): the compacted loop keeps what the model works from (the latest test
 * run, the current diff), still finishes the task, and bills less than caching alone.
 */
import { describe, expect, it } from 'vitest'
import { CALLS, FACTS, longLoopTools, measureLongLoop } from './long-loop.js'

describe('compaction on a long fix loop', () => {
  it('keeps the latest test run and the diff, finishes the task, and pays', async () => {
    const plain = await measureLongLoop({ caching: false, compaction: false })
    const cachingOnly = await measureLongLoop({ caching: true, compaction: false })
    const shipped = await measureLongLoop({})
    for (const m of [plain, cachingOnly, shipped]) {
      expect(m.requests).toBe(CALLS)
      expect(m.finalStatus).toBe('fixed')
    }
    // Without compaction the context passes 150k tokens; compaction kept it under 60k.
    expect(plain.peakPromptTokens).toBeGreaterThan(150_000)
    expect(cachingOnly.peakPromptTokens).toBe(plain.peakPromptTokens)
    expect(shipped.compactions).toBeGreaterThanOrEqual(2)
    expect(shipped.peakPromptTokens).toBeLessThan(62_000)
    // Every prompt token is billed once as input, cache write or cache read.
    expect(plain.cacheWriteTokens + plain.cacheReadTokens).toBe(0)
    expect(
      cachingOnly.inputTokens + cachingOnly.cacheWriteTokens + cachingOnly.cacheReadTokens,
    ).toBe(plain.inputTokens)
    // The facts the last call needed were still in its request, whole.
    expect(shipped.lastMessages).toContain(FACTS.failingTest)
    expect(shipped.lastMessages).toContain(FACTS.diffLine)
    expect(shipped.lastMessages).toContain('elided to save context')
    // It pays: at most 25% of the plain loop, and below caching alone.
    expect(shipped.billedInputEquivalents).toBeLessThanOrEqual(0.25 * plain.billedInputEquivalents)
    expect(shipped.billedInputEquivalents).toBeLessThan(cachingOnly.billedInputEquivalents)
  }, 180_000)

  it('the control: a compaction that does not keep the latest results loses the task', async () => {
    const tools = longLoopTools().map((t) => ({ ...t, keepLatest: false }))
    const m = await measureLongLoop({}, tools)
    expect(m.compactions).toBeGreaterThanOrEqual(2)
    expect(m.finalStatus).toBe('gave_up')
    expect(m.lastMessages).not.toContain(FACTS.failingTest)
  }, 120_000)
})
