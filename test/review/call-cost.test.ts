/**
 * The number of review calls follows from max-cost-usd and the model's price (issue 9, case 5),
 * with a hard upper bound, and an unknown model is priced at the highest known price.
 */
import { describe, it, expect } from 'vitest'
import { parseGitDiff } from '../../src/review/diff.js'
import { packDiff } from '../../src/review/pack.js'
import { MAX_REVIEW_CALLS, reviewCallBudget, reviewCallCost } from '../../src/review/call-cost.js'
import { priceOf } from '../../src/agent/pricing.js'

/** One added file of `rows` short lines (about 5.4 tokens each once packed). */
function bigFile(rows: number): string {
  const lines = Array.from(
    { length: rows },
    (_, i) => `+  n${String(i).padStart(6, '0')}: ${i % 1000},`,
  )
  return `diff --git a/src/t.ts b/src/t.ts\nnew file mode 100644\n--- /dev/null\n+++ b/src/t.ts\n@@ -0,0 +1,${rows} @@\n${lines.join('\n')}\n`
}

const parsed = new Map<number, ReturnType<typeof parseGitDiff>>()
const pack = (rows: number, model: string, maxCostUsd: number, maxTokensPerCall = 30_000) => {
  if (!parsed.has(rows)) parsed.set(rows, parseGitDiff(bigFile(rows)))
  return packDiff(parsed.get(rows)!, {
    maxTokensPerCall,
    callBudget: reviewCallBudget({ model, maxCostUsd }),
  })
}

describe('review calls from max-cost-usd', () => {
  it('allows as many calls as the ceiling affords, not a fixed number', () => {
    const counts = [0.5, 1, 2].map((usd) => pack(60_000, 'claude-sonnet-4-6', usd).parts.length)
    expect(counts[0]).toBeGreaterThanOrEqual(1)
    for (let i = 1; i < counts.length; i++) expect(counts[i]!).toBeGreaterThan(counts[i - 1]!)
    // The estimate: what each part sends, priced; the packed parts stay within the ceiling.
    const budget = reviewCallBudget({ model: 'claude-sonnet-4-6', maxCostUsd: 2 })
    const res = pack(60_000, 'claude-sonnet-4-6', 2)
    const est = res.parts.reduce((s, p) => s + budget.costOfCall(p.tokens), 0)
    expect(est).toBeLessThanOrEqual(2)
    // Only the next piece (up to a full call) did not fit.
    expect(est + budget.costOfCall(30_000)).toBeGreaterThan(2)
  })

  it('shows a ~200k-token file whole under the default $2 on the default model', () => {
    const res = pack(37_000, 'claude-sonnet-4-6', 2)
    expect(res.skipped).toEqual([])
    expect(res.parts.length).toBeGreaterThan(6)
    expect(res.coverage.changedLinesShown).toBe(37_000)
  })

  it('stops at the hard upper bound, and says so, whatever the ceiling', () => {
    // Small calls, so that 40 of them are a small diff.
    const res = pack(12_000, 'claude-haiku-4-5', 1000, 1000)
    expect(res.parts).toHaveLength(MAX_REVIEW_CALLS)
    expect(res.skipped[0]!.reason).toMatch(
      new RegExp(`not shown: the limit of ${MAX_REVIEW_CALLS} model calls per review is reached$`),
    )
  })

  it('prices by model: a cheaper model gets more calls for the same ceiling', () => {
    const haiku = pack(60_000, 'claude-haiku-4-5', 1).parts.length
    const sonnet = pack(60_000, 'claude-sonnet-4-6', 1).parts.length
    expect(haiku).toBeGreaterThan(sonnet)
  })

  it('prices a model missing from the table at the highest known price, and says so', () => {
    const res = pack(60_000, 'acme-llm-9', 2)
    const opus = pack(60_000, 'claude-opus-4', 2)
    expect(res.parts.length).toBe(opus.parts.length)
    expect(res.parts.length).toBeGreaterThanOrEqual(1)
    expect(res.skipped[0]!.reason).toContain('the cost ceiling max-cost-usd $2.00 affords')
    expect(res.skipped[0]!.reason).toContain(
      "'acme-llm-9' is not in the price table: priced as claude-opus-4",
    )
  })

  it('estimates one call from the price table: cache write, cached follow-up turns, output', () => {
    const p = priceOf('claude-sonnet-4-6')!
    // 10k fixed + 20k diff = 30k prompt: 30k × 3.75 + 2 × 30k × 0.30 + 4000 × 15, per million.
    expect(reviewCallCost(p, 10_000, 20_000)).toBeCloseTo((112_500 + 18_000 + 60_000) / 1e6, 9)
  })
})
