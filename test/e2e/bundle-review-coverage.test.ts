/**
 * Issue 9, case 5, through the bundle against the loopback servers: a PR whose main change is
 * one 550 KB file (about 200k diff tokens, more than six calls) is shown to the model whole,
 * split across as many calls as `max-cost-usd` affords; with a lower ceiling, what is not shown
 * is named with the ceiling. Slow (a 550 KB diff through git, GitHub and the model): own file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join, resolve } from 'node:path'
import { toolUse, type RequestBody } from '../harness/anthropic-server.js'
import { prFixture, type PrFixture } from './pr-fixture.js'

const repoRoot = resolve(import.meta.dirname, '..', '..')
const TOKEN = 'ghs_e2eCoverageToken0123456789abcdefABCD'
const ROWS = 37_000

const promptOf = (body: RequestBody): string => {
  const c = body.messages[0]!.content
  return typeof c === 'string'
    ? c
    : c.map((b) => String((b as { text?: string }).text ?? '')).join('')
}

/** A 550 KB table of short lines: many lines, so line numbers add to the tokens as in real code. */
const table = Array.from(
  { length: ROWS },
  (_, i) => `  n${String(i).padStart(5, '0')}: ${i % 1000},`,
).join('\n')

let pr: PrFixture

beforeAll(async () => {
  pr = await prFixture({
    token: TOKEN,
    baseFiles: { 'src/index.ts': 'export {}\n' },
    headFiles: {
      'src/table.ts': `export const table = {\n${table}\n}\n`,
      'src/index.ts': "export { table } from './table.js'\n",
    },
    branch: 'big-table',
    numbers: [11, 12],
  })
}, 120_000)
afterAll(async () => pr?.close())

const bundle = join(repoRoot, 'dist', 'index.js')

describe('the bundled action on a 550 KB single-file change (issue 9 case 5)', () => {
  it('shows every changed line, split over the calls max-cost-usd affords', async () => {
    expect(table.length).toBeGreaterThan(550_000)
    const { model } = pr
    const prompts: string[] = []
    model.onRequest((body) => {
      prompts.push(promptOf(body))
      return toolUse('submit_review', { summary: 'Fine.', findings: [] })
    })
    const run = await pr.review(11, { spawn: true, bundle })
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    const result = JSON.parse(run.outputs.result!) as {
      calls: number
      coverage: Record<string, number>
      skippedFiles: unknown[]
    }
    expect(result.skippedFiles).toEqual([])
    expect(result.coverage.changedLinesReviewable).toBe(ROWS + 2 + 2)
    expect(result.coverage.changedLinesShown).toBe(result.coverage.changedLinesReviewable)
    expect(result.coverage.filesShown).toBe(2)
    // More than the six calls' worth the old per-file cap allowed, fewer than a fixed 20.
    expect(result.calls).toBeGreaterThanOrEqual(7)
    expect(result.calls).toBeLessThan(20)
    expect(prompts).toHaveLength(result.calls)
    const all = prompts.join('\n')
    for (const i of [0, 1, 12_345, ROWS - 1])
      expect(all).toContain(`+  n${String(i).padStart(5, '0')}: ${i % 1000},`)
    expect(Number(run.outputs['cost-usd'])).toBeLessThanOrEqual(2)
    console.log(
      `case 5: ${result.calls} calls, ${result.coverage.changedLinesShown}/${result.coverage.changedLinesReviewable} changed lines shown, cost $${run.outputs['cost-usd']}`,
    )
  }, 300_000)

  it('names the ceiling and the lines not shown when max-cost-usd affords fewer calls', async () => {
    const { model } = pr
    let calls = 0
    model.onRequest(() => {
      calls++
      return toolUse('submit_review', { summary: 'Fine.', findings: [] })
    })
    const run = await pr.review(12, { spawn: true, bundle, env: { 'INPUT_MAX-COST-USD': '0.6' } })
    const result = JSON.parse(run.outputs.result!) as {
      calls: number
      coverage: Record<string, number>
      skippedFiles: { path: string; reason: string }[]
    }
    expect(result.calls).toBeGreaterThanOrEqual(2)
    expect(result.calls).toBeLessThan(7)
    expect(calls).toBe(result.calls)
    expect(result.skippedFiles).toHaveLength(1)
    expect(result.skippedFiles[0]!.path).toBe('src/table.ts')
    expect(result.skippedFiles[0]!.reason).toMatch(
      /^changed lines from line \d+ on \(\d+ of 37002\) not shown: the cost ceiling max-cost-usd \$0\.60 affords \d model calls for this review/,
    )
    expect(result.coverage.changedLinesShown).toBeLessThan(result.coverage.changedLinesReviewable)
    expect(run.summary).toMatch(/`src\/table.ts`: changed lines from line \d+ on/)
  }, 300_000)
})
