/**
 * A cancelled review job, through the bundle: the runner signals node while the model call is
 * held by the fake API. The request is aborted, nothing is posted, and outputs and the job
 * summary say `cancelled` well inside the runner's 7.5 s between SIGINT and SIGTERM.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { waitUntil } from '../harness/run-action.js'
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
    numbers: [21, 22],
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
