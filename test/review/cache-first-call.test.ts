/**
 * One cache write per review: a review split into N calls sends the first alone until its first
 * response, so the prefix every call shares (tools, system prompt, PR context) is written once
 * and read by the others. Measured with the fake API's cache accounting (an entry is visible only
 * once the response that wrote it is sent, as with the real API).
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  prefixWriteTokens,
  startAnthropicServer,
  toolUse,
  type FakeAnthropic,
  type RecordedRequest,
  type RequestBody,
  type Step,
} from '../harness/anthropic-server.js'
import { makeClient, MODEL } from '../agent/helpers.js'
import { runAgentCalls } from '../../src/review/agent-calls.js'
import { reviewPrompts } from '../../src/review/prompt.js'
import type { PackedPart } from '../../src/review/pack.js'

let api: FakeAnthropic
beforeEach(async () => {
  api = await startAnthropicServer({ minCacheableTokens: 1024 })
})
afterEach(async () => {
  await api.close()
})

const workspace = mkdtempSync(join(tmpdir(), 'pitcrew-cache-first-'))

function parts(n: number): PackedPart[] {
  return Array.from({ length: n }, (_, i) => ({
    index: i,
    files: [`src/part${i}.ts`],
    changedLines: 40,
    tokens: 1200,
    text: `diff --git a/src/part${i}.ts b/src/part${i}.ts\n@@ -1,40 +1,40 @@\n${Array.from(
      { length: 40 },
      (_, k) => `+export const value${i}_${k} = compute(${k}, 'part ${i}') // changed line`,
    ).join('\n')}`,
  }))
}

const prompts = async () =>
  reviewPrompts({
    heading: '# Pull request #7 in acme/shop',
    title: 'Rework the pricing engine',
    body: 'This rewrites the pricing rules. '.repeat(120),
    memory: '',
    instructions: [],
    parts: 4,
    incremental: false,
  })

/** Which part a request belongs to, from its prompt. */
const partOf = (body: RequestBody): number => {
  const m = /## Diff, part (\d+) of/.exec(JSON.stringify(body.messages[0]))
  return m ? Number(m[1]) - 1 : -1
}

/** Each call lists the files, then submits. */
const twoTurns = (body: RequestBody): Step =>
  body.messages.length === 1
    ? toolUse('list_files', { path: '.' })
    : toolUse('submit_review', { summary: `part ${partOf(body) + 1} fine`, findings: [] })

/** The shared prefix: up to the breakpoint on the task's shared head (the third one). */
const sharedPrefix = (r: RecordedRequest) => r.breakpoints![2]!.tokens

function run(n: number, concurrency: number) {
  const { client } = makeClient(api.url)
  return runAgentCalls({
    agentClient: () => client,
    parts: parts(n),
    prompts,
    model: MODEL,
    budgets: { maxTurns: 5, maxCostUsd: 5, timeoutMs: 60_000 },
    workspace,
    concurrency,
  })
}

describe('one cache write per review', () => {
  it('4 calls at concurrency 3: the shared prefix is written once and read by the other 3', async () => {
    // Replies take a moment, as the model's do: calls sent together would overlap.
    await api.close()
    api = await startAnthropicServer({ minCacheableTokens: 1024, replyDelayMs: 100 })
    api.onRequest(twoTurns)
    const calls = await run(4, 3)
    expect(calls.summaries.sort()).toEqual([
      'part 1 fine',
      'part 2 fine',
      'part 3 fine',
      'part 4 fine',
    ])
    expect(api.requests).toHaveLength(8)
    const first = api.requests[0]!
    expect(partOf(first.body)).toBe(0)
    const prefix = sharedPrefix(first)
    // Tools + system prompt + PR context: past the minimum, so it is cached.
    expect(prefix).toBeGreaterThan(1024)
    const firstTurns = api.requests.filter((r) => r.body.messages.length === 1)
    expect(firstTurns.map((r) => partOf(r.body)).sort()).toEqual([0, 1, 2, 3])
    for (const r of firstTurns) expect(sharedPrefix(r)).toBe(prefix)
    // The first call writes it; each other call's first request reads it whole.
    expect(prefixWriteTokens(first, prefix)).toBe(prefix)
    for (const r of firstTurns.slice(1)) {
      expect(r.usage!.cache_read_input_tokens).toBeGreaterThanOrEqual(prefix)
      expect(prefixWriteTokens(r, prefix)).toBe(0)
    }
    const sharedWrites = api.requests.reduce((s, r) => s + prefixWriteTokens(r, prefix), 0)
    expect(sharedWrites).toBe(prefix)
    expect(sharedWrites).toBeLessThanOrEqual(1.25 * prefix)
    // The client's totals are what the server billed.
    const billed = api.requests.reduce((s, r) => s + r.usage!.cache_creation_input_tokens, 0)
    expect(calls.usage.cacheWriteTokens).toBe(billed)
  })

  it('the control: calls sent together with a cold cache each write the prefix', async () => {
    // The first three requests are answered only once all three have arrived: a cold cache.
    let arrived!: () => void
    const allArrived = new Promise<void>((r) => (arrived = r))
    api.onRequest((body, i) => {
      if (i === 2) arrived()
      return i < 3
        ? { fault: 'slow', hold: allArrived, then: twoTurns(body) as never }
        : twoTurns(body)
    })
    const { client } = makeClient(api.url)
    const p = await prompts()
    const loops = await Promise.all(
      parts(3).map((part) =>
        client.run({
          model: MODEL,
          system: 'Review the pull request. '.repeat(40),
          sharedPrompt: p.shared,
          prompt: p.part(part),
          tools: [
            {
              name: 'list_files',
              description: 'List files.',
              inputSchema: { type: 'object' },
              run: async () => 'a.ts',
            },
            {
              name: 'submit_review',
              description: 'Submit.',
              inputSchema: { type: 'object' },
              final: true,
              run: async () => 'ok',
            },
          ],
          budgets: { maxTurns: 5, maxCostUsd: 5, timeoutMs: 60_000 },
          workspace,
        }),
      ),
    )
    expect(loops.map((l) => l.stopReason)).toEqual(['final_tool', 'final_tool', 'final_tool'])
    const prefix = sharedPrefix(api.requests[0]!)
    const firstTurns = api.requests.filter((r) => r.body.messages.length === 1)
    expect(firstTurns).toHaveLength(3)
    for (const r of firstTurns) expect(prefixWriteTokens(r, prefix)).toBe(prefix)
    expect(api.requests.reduce((s, r) => s + prefixWriteTokens(r, prefix), 0)).toBe(3 * prefix)
  })

  it('a first call that fails does not hold the others: they run, in parallel, and the failure is a note', async () => {
    // Request 1 (part 1) is refused; the next three first turns are answered only once all
    // three have arrived, which they can only do if they run in parallel.
    let arrived!: () => void
    let waiting = 0
    const allArrived = new Promise<void>((r) => (arrived = r))
    api.onRequest((body, i) => {
      if (i === 0) return { fault: 'auth' }
      if (body.messages.length === 1 && ++waiting === 3) arrived()
      return body.messages.length === 1
        ? { fault: 'slow', hold: allArrived, then: twoTurns(body) as never }
        : twoTurns(body)
    })
    const calls = await run(4, 3)
    expect(partOf(api.requests[0]!.body)).toBe(0)
    expect(calls.results[0]!.stopReason).toBe('api_error')
    expect(calls.results.slice(1).map((r) => r!.stopReason)).toEqual([
      'final_tool',
      'final_tool',
      'final_tool',
    ])
    expect(calls.summaries.sort()).toEqual(['part 2 fine', 'part 3 fine', 'part 4 fine'])
    expect(calls.notes).toHaveLength(1)
    expect(calls.notes[0]).toMatch(/^Review call 1 of 4 ended without submit_review \(api_error/)
    // 1 refused + 3 parts x 2 turns.
    expect(api.requests).toHaveLength(7)
  })
})
