/**
 * What a person watching a review run sees: one log line per agent turn, the transcript's path at
 * the end, and a sticky summary comment that links to the workflow run (the attempt on a re-run).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toolUse } from '../harness/anthropic-server.js'
import { SUMMARY_MARKER } from '../../src/review/summary.js'
import { OWNER, REPO, prFixture, type PrFixture } from './pr-fixture.js'

const TOKEN = 'ghs_progressTokenDoNotLeak0123456789abcd'
let pr: PrFixture

beforeAll(async () => {
  pr = await prFixture({
    token: TOKEN,
    baseFiles: { 'src/a.ts': 'export const one = 1\n' },
    headFiles: { 'src/a.ts': 'export const one = 2\n' },
    branch: 'feature',
    numbers: [21, 22],
  })
})
afterAll(async () => pr?.close())

const stickies = (number: number) =>
  pr.emu.state.repos
    .get(`${OWNER}/${REPO}`)!
    .comments.filter((c) => c.issueNumber === number && c.body.startsWith(SUMMARY_MARKER))

describe('review progress and run links', () => {
  it('logs a line per turn, prints the transcript path, and links the sticky comment to the run attempt', async () => {
    const before = pr.model.requests.length
    pr.model.queue(
      toolUse('read_file', { path: 'src/a.ts' }),
      toolUse('submit_review', { summary: 'Fine.', findings: [] }),
    )
    const run = await pr.review(21, { env: { GITHUB_RUN_ATTEMPT: '3' } })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.outputs.outcome).toBe('reviewed')
    const requests = pr.model.requests.length - before
    expect(requests).toBe(2)
    const turns = run.stdout.split('\n').filter((l) => /: turn \d+: /.test(l))
    expect(turns).toHaveLength(requests)
    expect(turns[0]).toMatch(/: turn 1: tools read_file; tokens \d+ in \(/)
    expect(turns[1]).toMatch(/: turn 2: tools submit_review; tokens \d+ in \(.*; elapsed \d+s$/)
    expect(run.stdout).toContain(`transcript: ${run.outputs.transcript}\n`)
    const [sticky, ...more] = stickies(21)
    expect(more).toEqual([])
    expect(sticky!.body).toContain(
      `[workflow run](https://github.com/${OWNER}/${REPO}/actions/runs/4242/attempts/3)`,
    )
  })

  it('links the run itself when no attempt is given', async () => {
    pr.model.queue(toolUse('submit_review', { summary: 'Fine.', findings: [] }))
    const run = await pr.review(22)
    expect(run.exitCode, run.stdout).toBe(0)
    const [sticky] = stickies(22)
    expect(sticky!.body).toContain(
      `[workflow run](https://github.com/${OWNER}/${REPO}/actions/runs/4242)`,
    )
    expect(sticky!.body).not.toContain('/attempts/')
  })
})
