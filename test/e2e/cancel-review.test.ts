/**
 * A cancelled review job, through the bundle: the runner signals node while the model call is
 * held by the fake API. The request is aborted, nothing is posted, and outputs and the job
 * summary say `cancelled` well inside the runner's 7.5 s between SIGINT and SIGTERM.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toolUse } from '../harness/anthropic-server.js'
import { waitUntil } from '../harness/run-action.js'
import { SUMMARY_MARKER } from '../../src/review/summary.js'
import { prFixture, type PrFixture } from './pr-fixture.js'

const bundle = resolve(import.meta.dirname, '../../dist/index.js')
const TOKEN = 'ghs_cancelReviewToken0123456789abcdefgh'

let pr: PrFixture
beforeAll(async () => {
  pr = await prFixture({
    token: TOKEN,
    baseFiles: { 'src/a.ts': 'export const a = 1\n' },
    headFiles: { 'src/a.ts': 'export const a = 2\n' },
    branch: 'feature',
    numbers: [21, 22, 23, 24],
  })
})
afterAll(async () => pr?.close())

/** Writes that reached GitHub about PR `number` (reviews, comments, reactions). */
const writesTo = (number: number) =>
  pr.emu.requests.filter(
    (r) => r.method !== 'GET' && new RegExp(`/(issues|pulls)/${number}/`).test(r.path),
  )

describe.skipIf(!existsSync(bundle))('a cancelled review job (bundle)', () => {
  const cases = [
    { number: 21, signal: 'SIGTERM' as const },
    // The runner's own sequence, compressed: SIGINT, then SIGTERM while pitcrew shuts down.
    { number: 22, signal: 'SIGINT' as const, again: { signal: 'SIGTERM' as const, afterMs: 30 } },
  ]
  for (const c of cases) {
    it(`${c.signal}${c.again ? ` then ${c.again.signal}` : ''} during the model call: aborted, nothing posted, one cancelled report`, async () => {
      pr.model.queue({ fault: 'slow', delayMs: 60_000 })
      const before = pr.model.requests.length
      const run = await pr.review(c.number, {
        spawn: true,
        cancel: {
          signal: c.signal,
          when: () => waitUntil(() => pr.model.requests.length > before, 'the model call'),
          ...(c.again ? { again: c.again } : {}),
        },
      })
      expect(run.exitCode, run.stdout).not.toBe(0)
      expect(run.cancelledAfterMs).toBeLessThan(7_000)
      expect(run.outputs.mode).toBe('review')
      expect(run.outputs.outcome, run.stdout).toBe('cancelled')
      expect(run.outputs['stop-reason']).toBe('aborted')
      expect(JSON.parse(run.outputs.result)).toMatchObject({ cancelled: true, signal: c.signal })
      expect(run.summary.match(/## pitcrew review: cancelled/g)).toHaveLength(1)
      expect(run.summary).toMatch(/### Usage so far/)
      expect(run.stdout).toMatch(/::error::pitcrew was cancelled/)
      // The one model call was the held one; no review, comment or summary comment was posted.
      expect(pr.model.requests.length).toBe(before + 1)
      expect(writesTo(c.number)).toEqual([])
    })
  }
})

/** The cancelled report every phase leaves: outputs, one summary, within the runner's grace. */
function expectCancelled(run: Awaited<ReturnType<PrFixture['review']>>): void {
  expect(run.exitCode, run.stdout).not.toBe(0)
  expect(run.cancelledAfterMs).toBeLessThan(7_000)
  expect(run.outputs.mode).toBe('review')
  expect(run.outputs.outcome, run.stdout).toBe('cancelled')
  expect(run.summary.match(/## pitcrew review: cancelled/g)).toHaveLength(1)
  expect(run.stdout).toMatch(/::error::pitcrew was cancelled/)
}

describe.skipIf(!existsSync(bundle))('a cancelled review job at its other phases (bundle)', () => {
  const state = () => pr.emu.state.repos.get('acme/widgets')!
  const arrived = (re: RegExp, method = 'GET') =>
    waitUntil(
      () => pr.emu.requests.some((r) => r.method === method && re.test(r.path)) || held.has(re),
      String(re),
    )
  // A held request is recorded only when answered: its arrival is seen through onRequest.
  const held = new Set<RegExp>()
  const watch = (re: RegExp, method: string) =>
    pr.emu.onRequest((q) => {
      if (q.method === method && re.test(q.path)) held.add(re)
    })

  it('SIGTERM while the pull request is read (before any model call): no model call, nothing posted', async () => {
    const files = /\/pulls\/23$/
    watch(files, 'GET')
    pr.emu.fault({ method: 'GET', path: files, status: 200, hold: true, delayMs: 4_000 })
    const before = pr.model.requests.length
    const run = await pr.review(23, {
      spawn: true,
      cancel: { signal: 'SIGTERM', when: () => arrived(files) },
    })
    expectCancelled(run)
    expect(pr.model.requests.length).toBe(before)
    expect(writesTo(23)).toEqual([])
    pr.emu.clearFaults()
  })

  it('SIGTERM while the review POST is in flight: it completes, nothing new is started; a clean rerun adds only the summary', async () => {
    const reviewsPath = /\/pulls\/24\/reviews$/
    watch(reviewsPath, 'POST')
    pr.emu.fault({ method: 'POST', path: reviewsPath, status: 200, hold: true, delayMs: 1_500 })
    const finding = {
      path: 'src/a.ts',
      line: 1,
      severity: 'major',
      title: 'a changed',
      body: 'a is 2 now.',
    }
    pr.model.queue(toolUse('submit_review', { summary: 'Reviewed.', findings: [finding] }))
    const run = await pr.review(24, {
      spawn: true,
      cancel: { signal: 'SIGTERM', when: () => arrived(reviewsPath, 'POST') },
    })
    expectCancelled(run)
    // The held write is answered (and applied) whenever GitHub finishes it, maybe after exit.
    await waitUntil(
      () => pr.emu.requests.some((r) => r.method === 'POST' && reviewsPath.test(r.path)),
      'the review POST to be answered',
      15_000,
    )
    const reviews = () => state().reviews.filter((v) => v.pullNumber === 24)
    const inline = () => state().reviewComments.filter((c) => c.pullNumber === 24)
    const stickies = () =>
      state().comments.filter((c) => c.issueNumber === 24 && c.body.includes(SUMMARY_MARKER))
    // The write in flight was not cut off half way: one review with its inline comment.
    expect(reviews()).toHaveLength(1)
    expect(inline()).toHaveLength(1)
    // Nothing started after the signal: no summary comment.
    expect(stickies()).toHaveLength(0)

    pr.emu.clearFaults()
    pr.model.queue(toolUse('submit_review', { summary: 'Reviewed.', findings: [finding] }))
    const rerun = await pr.review(24, { spawn: true })
    expect(rerun.exitCode, rerun.stdout).toBe(0)
    expect(rerun.outputs.outcome, rerun.stdout).toBe('reviewed')
    expect(inline()).toHaveLength(1)
    expect(stickies()).toHaveLength(1)
  })
})
