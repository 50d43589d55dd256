/**
 * Review mode through the bundle (`node dist/index.js`, as the runner runs it) against a GitHub
 * that loses answers or fails for good: one review, one set of inline comments, one sticky
 * summary; a write that fails for good fails the step, names what did not happen, and a clean
 * rerun on the same head completes it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { join, resolve } from 'node:path'
import { toolUse } from '../harness/anthropic-server.js'
import { parseState, SUMMARY_MARKER } from '../../src/review/summary.js'
import { prFixture, type PrFixture } from './pr-fixture.js'

const TOKEN = 'ghs_exactlyOnceToken0123456789abcdefABCD'
const bundle = join(resolve(import.meta.dirname, '..', '..'), 'dist', 'index.js')
let pr: PrFixture

beforeAll(async () => {
  pr = await prFixture({
    token: TOKEN,
    baseFiles: {
      'src/math.ts': 'export function add(a: number, b: number): number {\n  return a + b\n}\n',
    },
    headFiles: {
      'src/math.ts': 'export function add(a: number, b: number): number {\n  return a - b\n}\n',
    },
    branch: 'feature',
    numbers: [3, 4, 5, 6, 7],
  })
})
afterAll(async () => pr?.close())
beforeEach(() => pr.emu.clearFaults())

const submit = () =>
  toolUse('submit_review', {
    summary: 'Reviewed.',
    findings: [
      {
        path: 'src/math.ts',
        line: 2,
        severity: 'major',
        title: 'add subtracts',
        body: 'This returns a - b.',
      },
    ],
  })

/** One run on PR `n` with one scripted model answer, through the bundle. */
async function review(n: number) {
  pr.model.queue(submit())
  const run = await pr.review(n, { spawn: true, bundle })
  expect(pr.model.pending(), 'the model answer was used').toBe(0)
  return run
}

const repoState = () => pr.emu.state.repos.get('acme/widgets')!
const reviews = (n: number) => repoState().reviews.filter((v) => v.pullNumber === n)
const inline = (n: number) => repoState().reviewComments.filter((c) => c.pullNumber === n)
const stickies = (n: number) =>
  repoState().comments.filter((c) => c.issueNumber === n && c.body.includes(SUMMARY_MARKER))

describe('a lost answer gives exactly one object', () => {
  for (const [n, status] of [
    [3, 502],
    [4, 0],
  ] as const) {
    it(`review and sticky summary, each applied then answered ${status || 'with a dropped connection'}`, async () => {
      pr.emu.fault({ method: 'POST', path: /\/pulls\/\d+\/reviews$/, status, afterApply: true })
      pr.emu.fault({ method: 'POST', path: /\/issues\/\d+\/comments$/, status, afterApply: true })
      const run = await review(n)
      expect(run.exitCode, run.stdout).toBe(0)
      expect(reviews(n)).toHaveLength(1)
      expect(reviews(n)[0]!.body).toContain(`<!-- pitcrew:review ${pr.head} 4242 -->`)
      expect(inline(n)).toHaveLength(1)
      expect(stickies(n)).toHaveLength(1)
      const result = JSON.parse(run.outputs.result!) as { posted: boolean; reviewUrl?: string }
      expect(result.posted).toBe(true)
      expect(result.reviewUrl).toContain(`#pullrequestreview-${reviews(n)[0]!.id}`)
      expect(parseState(stickies(n)[0]!.body)?.headSha).toBe(pr.head)
      expect(run.stdout).toContain('it was written, so it is not sent again')
    })
  }
})

describe('a write failing for good fails the step; a clean rerun completes it', () => {
  it('the review: not recorded as reviewed, then posted once by the rerun', async () => {
    const n = 5
    pr.emu.fault({ method: 'POST', path: /\/pulls\/\d+\/reviews$/, status: 502, times: 99 })
    const failed = await review(n)
    expect(failed.exitCode, failed.stdout).toBe(1)
    expect(reviews(n)).toHaveLength(0)
    expect(failed.summary).toContain('Review not posted (GitHub did not take it')
    expect(failed.summary).toContain(
      `**Not done:** The review of ${pr.head.slice(0, 7)} was not posted`,
    )
    expect(failed.stdout).toContain('::error::The review of')
    // The sticky says what happened but does not claim the head.
    expect(stickies(n)).toHaveLength(1)
    expect(parseState(stickies(n)[0]!.body)?.headSha).not.toBe(pr.head)
    expect(parseState(stickies(n)[0]!.body)?.fingerprints).toEqual([])

    pr.emu.clearFaults()
    const rerun = await review(n)
    expect(rerun.exitCode, rerun.stdout).toBe(0)
    expect(rerun.summary).not.toContain('Already reviewed')
    expect(reviews(n)).toHaveLength(1)
    expect(inline(n)).toHaveLength(1)
    expect(stickies(n)).toHaveLength(1)
    expect(parseState(stickies(n)[0]!.body)?.headSha).toBe(pr.head)
  })

  it('the sticky summary: the step fails naming it, the rerun writes exactly one', async () => {
    const n = 6
    pr.emu.fault({ method: 'POST', path: /\/issues\/\d+\/comments$/, status: 502, times: 99 })
    const failed = await review(n)
    expect(failed.exitCode, failed.stdout).toBe(1)
    expect(stickies(n)).toHaveLength(0)
    expect(reviews(n)).toHaveLength(1)
    expect(failed.summary).toContain('**Not done:** Could not update the summary comment')

    pr.emu.clearFaults()
    const rerun = await review(n)
    expect(rerun.exitCode, rerun.stdout).toBe(0)
    expect(stickies(n)).toHaveLength(1)
    // The finding was posted by the first run (its fingerprint is in that review): not again.
    expect(reviews(n)).toHaveLength(1)
    expect(inline(n)).toHaveLength(1)
  })
})

describe('the sticky summary update (PATCH)', () => {
  it('failing for good on a rerun: the step fails naming it; a clean rerun updates the one summary', async () => {
    const n = 7
    const first = await review(n)
    expect(first.exitCode, first.stdout).toBe(0)
    expect(stickies(n)).toHaveLength(1)
    const id = stickies(n)[0]!.id

    pr.emu.fault({ method: 'PATCH', path: /\/issues\/comments\/\d+$/, status: 500, times: 99 })
    const failed = await pr.review(n, { spawn: true, bundle })
    const patches = pr.emu.requests.filter((r) => r.method === 'PATCH')
    expect(patches.length, failed.stdout).toBeGreaterThan(0)
    expect(failed.exitCode, failed.stdout).toBe(1)
    expect(failed.summary).toContain('Could not update the summary comment')
    expect(stickies(n).map((c) => c.id)).toEqual([id])

    pr.emu.clearFaults()
    const rerun = await pr.review(n, { spawn: true, bundle })
    expect(rerun.exitCode, rerun.stdout).toBe(0)
    expect(stickies(n).map((c) => c.id)).toEqual([id])
    expect(reviews(n)).toHaveLength(1)
  })
})
