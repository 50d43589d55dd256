/**
 * Issue 9, case 4, through the bundle against the loopback servers: a PR split over several
 * calls whose findings include two outside the diff in one file with titles differing only in
 * digits, the same finding from two parallel calls, and one below min-severity. Every finding
 * is accounted for once, in the review, the summary and the `result` output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join, resolve } from 'node:path'
import { toolUse, type RequestBody } from '../harness/anthropic-server.js'
import { OWNER, REPO, prFixture, type PrFixture } from './pr-fixture.js'

const repoRoot = resolve(import.meta.dirname, '..', '..')
const TOKEN = 'ghs_e2eFindingsToken0123456789abcdefABCD'

const promptOf = (body: RequestBody): string => {
  const c = body.messages[0]!.content
  return typeof c === 'string'
    ? c
    : c.map((b) => String((b as { text?: string }).text ?? '')).join('')
}

/** A source file of `n` numbered functions, about 120 characters each. */
const source = (name: string, n: number, change = '') =>
  Array.from(
    { length: n },
    (_, i) =>
      `export function ${name}${i}(input: number): number {\n  return input * ${i}${change}\n}\n`,
  ).join('')

let pr: PrFixture

beforeAll(async () => {
  pr = await prFixture({
    token: TOKEN,
    baseFiles: {
      // Read from the base commit: calls of at most 1000 tokens split this PR over several.
      '.github/pitcrew.yml': 'review:\n  max-tokens-per-call: 1000\n',
      'src/alpha.ts': source('alpha', 40),
      'src/beta.ts': source('beta', 40),
    },
    headFiles: {
      'src/alpha.ts': source('alpha', 40, ' + 1'),
      'src/beta.ts': source('beta', 40, ' - 1'),
    },
    branch: 'feature',
    numbers: [7],
  })
})
afterAll(async () => pr?.close())

describe('the bundled action accounts for every finding (issue 9 case 4)', () => {
  it('posts both digit-only-different findings outside the diff and counts every bucket', async () => {
    const { model, emu } = pr
    const seen: string[] = []
    model.onRequest((body) => {
      const prompt = promptOf(body)
      seen.push(prompt)
      const call = seen.length
      const findings: unknown[] = [
        // Every call reports this one: the same finding from parallel calls.
        {
          path: 'src/alpha.ts',
          line: 2,
          severity: 'major',
          title: 'Off-by-one in alpha0',
          body: 'alpha0 adds one to every result.',
        },
      ]
      if (call === 1) {
        findings.push(
          // The two that shared one fingerprint before: same file, outside the diff.
          {
            path: 'src/alpha.ts',
            line: 401,
            severity: 'minor',
            title: 'Unused variable tmp1',
            body: 'tmp1 is never read.',
          },
          {
            path: 'src/alpha.ts',
            line: 402,
            severity: 'minor',
            title: 'Unused variable tmp2',
            body: 'tmp2 is never read.',
          },
          { path: 'src/beta.ts', line: 2, severity: 'nit', title: 'Name beta0', body: 'Vague.' },
        )
      }
      return toolUse('submit_review', { summary: `Call ${call}.`, findings })
    })
    const run = await pr.review(7, {
      spawn: true,
      bundle: join(repoRoot, 'dist', 'index.js'),
    })
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    const result = JSON.parse(run.outputs.result!) as Record<string, unknown>
    const calls = result.calls as number
    expect(calls).toBeGreaterThan(1)
    expect(seen.length).toBe(calls)
    // 1 per call + 3 from the first call = inline 1, outside 2, below min-severity 1, the
    // copies from the other calls counted as duplicates.
    expect(result).toMatchObject({
      submitted: calls + 3,
      inline: 1,
      outsideDiff: 2,
      overflow: 0,
      belowMinSeverity: 1,
      repeated: 0,
      duplicates: calls - 1,
    })
    const r = emu.state.repos.get(`${OWNER}/${REPO}`)!
    expect(r.reviewComments.map((c) => [c.path, c.line])).toEqual([['src/alpha.ts', 2]])
    const review = r.reviews.at(-1)!.body ?? ''
    expect(review).toContain('Unused variable tmp1')
    expect(review).toContain('Unused variable tmp2')
    const sticky = r.comments.find((c) => c.body.includes('pitcrew:summary'))!.body
    expect(sticky).toContain(
      `(${calls + 3} findings submitted: 1 inline, 2 outside the diff, 1 below min-severity (not posted, listed below), ${calls - 1} submitted twice in this run (posted once))`,
    )
    expect(sticky).toMatch(
      /<details><summary>Below min-severity \(minor\), not posted \(1\)<\/summary>\s+- 🔹 nit: Name beta0 — `src\/beta.ts` line 2/,
    )
  }, 120_000)
})
