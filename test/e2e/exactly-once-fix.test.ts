/**
 * Fix mode's writes against a GitHub that loses answers or fails for good: the fix-up pull
 * request and the run's comment on the failing PR exist exactly once, the PR is reported as
 * opened when this run opened it, and a clean rerun completes what failed.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { runFix } from '../../src/fix/index.js'
import { VITEST, comments, finishFixed, fixPrice, pulls, setup, type Env } from '../fix/setup.js'

let env: Env | undefined
afterEach(async () => {
  await env?.cleanup()
  env = undefined
})

const fixPulls = (e: Env) => pulls(e).filter((p) => p.head.ref === 'pitcrew/fix-777')
const runComments = (e: Env) => comments(e).filter((c) => c.issueNumber === e.pr)

describe('fix mode: exactly one pull request and one run comment', () => {
  for (const status of [502, 0]) {
    it(`a lost answer (applied, then ${status || 'dropped'}) to the PR create and to the comment`, async () => {
      env = await setup('fix-ts-vitest', VITEST)
      env.ai.queue(fixPrice, finishFixed)
      env.emu.fault({
        method: 'POST',
        path: /\/repos\/acme\/shop\/pulls$/,
        status,
        afterApply: true,
      })
      env.emu.fault({
        method: 'POST',
        path: new RegExp(`/issues/${env.pr}/comments$`),
        status,
        afterApply: true,
      })
      const deps = env.deps()
      const res = await runFix(deps)
      expect(res.outcome).toBe('fixed')
      expect(res.failure).toBeUndefined()
      const [pr, ...more] = fixPulls(env)
      expect(more).toEqual([])
      expect(res.result.pr).toMatchObject({ number: pr!.number, created: true })
      expect(deps.log.lines.join('\n')).toContain(`Opened #${pr!.number}`)
      expect(res.summary).toContain(`opened [#${pr!.number}]`)
      expect(runComments(env)).toHaveLength(1)
      expect(runComments(env)[0]!.body).toContain(`#${pr!.number}`)
    })
  }

  it('a PR create failing for good fails the step; the clean rerun opens exactly one', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.queue(fixPrice, finishFixed)
    env.emu.fault({ method: 'POST', path: /\/repos\/acme\/shop\/pulls$/, status: 502, times: 99 })
    const failed = await runFix(env.deps())
    expect(failed.failure).toMatch(/Could not open the fix-up pull request/)
    expect(fixPulls(env)).toHaveLength(0)

    env.emu.clearFaults()
    env.ai.queue(fixPrice, finishFixed)
    const rerun = await runFix(env.deps())
    expect(rerun.failure).toBeUndefined()
    expect(fixPulls(env)).toHaveLength(1)
    expect(rerun.result.pr).toMatchObject({ number: fixPulls(env)[0]!.number, created: true })
    expect(runComments(env)).toHaveLength(1)
  })

  it('a run comment failing for good fails the step; the clean rerun posts exactly one', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.queue(fixPrice, finishFixed)
    const path = new RegExp(`/issues/${env.pr}/comments$`)
    env.emu.fault({ method: 'POST', path, status: 502, times: 99 })
    const failed = await runFix(env.deps())
    expect(failed.failure).toMatch(/could not comment on/)
    expect(runComments(env)).toHaveLength(0)

    env.emu.clearFaults()
    env.ai.queue(fixPrice, finishFixed)
    const rerun = await runFix(env.deps())
    expect(rerun.failure).toBeUndefined()
    expect(runComments(env)).toHaveLength(1)
    expect(fixPulls(env)).toHaveLength(1)
  })
})
