/**
 * Fix mode's exactly-once writes through the built bundle (`node dist/index.js`, as the runner
 * runs it; issue 14): a lost answer to the PR create or to the run comment leaves exactly one of
 * each, and a PR create failing for good fails the step without an orphan branch, after which a
 * clean rerun opens exactly one PR. One tiny node:test project keeps each run to seconds.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { type ActionRun } from '../harness/run-action.js'
import { comments, originBranches, pulls, setup, type Env, runFixBundle } from '../fix/setup.js'
import { NODE_FILES, NODE_TEST, finish, fixLib } from '../fix/node-project.js'

const BRANCH = 'pitcrew/fix-777'

let env: Env | undefined
afterEach(async () => {
  await env?.cleanup()
  env = undefined
})

const fixPulls = (e: Env) => pulls(e).filter((p) => p.head.ref === BRANCH)
const runComments = (e: Env) => comments(e).filter((c) => c.issueNumber === e.pr)
const fixBranches = (e: Env) => originBranches(e).filter((b) => b.startsWith('pitcrew/'))

/** One fix run of the bundle on the failing PR's workflow_run, the model scripted to fix it. */
function fixRun(e: Env): Promise<ActionRun> {
  e.ai.queue(fixLib, finish)
  return runFixBundle(e, { command: NODE_TEST, timeoutMs: 120_000 })
}

describe('fix through the bundle: exactly one pull request and one run comment', () => {
  it('(a) the PR create answered 502 after it was applied: one PR, reported as opened, exit 0', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, { fixFirst: NODE_FILES })
    env.emu.fault({
      method: 'POST',
      path: /\/repos\/acme\/shop\/pulls$/,
      status: 502,
      afterApply: true,
    })
    const run = await fixRun(env)
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    expect(run.outputs.outcome, run.summary).toBe('fixed')
    const [pr, ...more] = fixPulls(env)
    expect(more).toEqual([])
    expect(JSON.parse(run.outputs.result)).toMatchObject({
      delivery: 'pull-request',
      pr: { number: pr!.number, created: true },
    })
    // the fault fired: the answer was lost and the PR was looked up rather than sent again
    expect(run.stdout).toMatch(/::warning::GitHub did not confirm .*pull request/)
    expect(run.stdout).toContain(`Opened #${pr!.number}`)
    expect(run.stdout).not.toContain(`Updated #${pr!.number}`)
    expect(run.summary).toContain(`opened [#${pr!.number}]`)
    expect(run.summary).not.toMatch(/updated \[#/)
    expect(runComments(env)).toHaveLength(1)
  }, 180_000)

  it('(b) the run comment on the failing PR dropped after it was applied: one comment', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, { fixFirst: NODE_FILES })
    env.emu.fault({
      method: 'POST',
      path: new RegExp(`/issues/${env.pr}/comments$`),
      status: 0,
      afterApply: true,
    })
    const run = await fixRun(env)
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    expect(run.outputs.outcome, run.summary).toBe('fixed')
    const [pr, ...more] = fixPulls(env)
    expect(more).toEqual([])
    expect(run.stdout).toMatch(new RegExp(`::warning::GitHub did not confirm .*#${env.pr}`))
    const [comment, ...extra] = runComments(env)
    expect(extra).toEqual([])
    expect(comment!.body).toContain(`#${pr!.number}`)
  }, 180_000)

  it('(c) the PR create failing for good fails the step, leaves no branch; a clean rerun opens one', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, { fixFirst: NODE_FILES })
    env.emu.fault({ method: 'POST', path: /\/repos\/acme\/shop\/pulls$/, status: 500, times: 99 })
    const failed = await fixRun(env)
    expect(failed.exitCode, failed.stdout).not.toBe(0)
    expect(JSON.parse(failed.outputs.result)).toMatchObject({ delivery: 'failed' })
    expect(failed.summary).toContain(`Could not open the fix-up pull request for '${BRANCH}'`)
    expect(failed.stdout).toMatch(/::error::.*Could not open the fix-up pull request/)
    expect(fixPulls(env)).toEqual([])
    expect(fixBranches(env)).toEqual([])

    env.emu.clearFaults()
    const rerun = await fixRun(env)
    expect(rerun.exitCode, rerun.stdout + rerun.stderr).toBe(0)
    expect(rerun.outputs.outcome, rerun.summary).toBe('fixed')
    const [pr, ...more] = fixPulls(env)
    expect(more).toEqual([])
    expect(JSON.parse(rerun.outputs.result)).toMatchObject({
      pr: { number: pr!.number, created: true },
    })
    expect(rerun.summary).toContain(`opened [#${pr!.number}]`)
    expect(fixBranches(env)).toEqual([BRANCH])
    expect(runComments(env)).toHaveLength(1)
  }, 240_000)
})
