/**
 * deliver.ts on its own, given a real reproduction and a verified agent outcome (node:test
 * project, real git with a bare origin, the GitHub emulator): the draft PR with its body, the
 * dry run and the CLI's local commit that write nothing to GitHub.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { toolUse } from '../harness/anthropic-server.js'
import { GIT_ENV } from '../harness/git.js'
import { runFixAgent } from '../../src/fix/agent.js'
import { deliver } from '../../src/fix/deliver.js'
import { isRefusal, reproduce } from '../../src/fix/reproduce.js'
import { resolveTarget } from '../../src/fix/target.js'
import { Git } from '../../src/tools/git.js'
import { comments, originBranches, pulls, setup, type Env } from './setup.js'
import { NODE_FILES, NODE_TEST, finish, fixLib } from './node-project.js'

let env: Env | undefined
afterEach(async () => {
  await env?.cleanup()
  env = undefined
})

/** Reproduce, then the scripted model fixes lib/price.mjs and adds lib/rounding.mjs. */
async function verified(e: Env, over: { dryRun?: boolean } = {}) {
  const deps = e.deps({ command: NODE_TEST, ...over })
  const git = new Git(e.repo.work, { env: GIT_ENV })
  const target = await resolveTarget(deps, git, null)
  const repro = await reproduce(deps, { git, command: NODE_TEST, target })
  if (isRefusal(repro)) throw new Error(repro.reason)
  e.ai.queue(
    fixLib,
    toolUse('edit_file', {
      path: 'lib/rounding.mjs',
      old_text: '',
      new_text: 'export const cents = (x) => Math.round(x * 100) / 100\n',
    }),
    finish,
  )
  const agent = await runFixAgent(deps, { command: NODE_TEST, target, repro })
  expect(agent.verified).toBe(true)
  return { deps, git, target, repro, agent }
}

describe('deliver', { timeout: 120_000 }, () => {
  it('pushes the fix branch and opens a draft PR into the failing branch whose body lists the new file', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, { fixFirst: NODE_FILES })
    const v = await verified(env)
    const res = await deliver(v.deps, v)
    expect(res.outcome, res.summary).toBe('fixed')
    expect(res.result.delivery).toBe('pull-request')
    expect(originBranches(env)).toContain('pitcrew/fix-777')
    const pr = pulls(env).find((p) => p.head.ref === 'pitcrew/fix-777')!
    expect(pr).toMatchObject({ draft: true, base: { ref: 'feature' } })
    expect(pr.body).toContain('lib/price.test.mjs > applyDiscount takes a percentage off')
    expect(pr.body).toMatch(/New files[\s\S]*lib\/rounding\.mjs/)
    // the link on the failing PR
    expect(comments(env).some((c) => c.body.includes(`#${pr.number}`))).toBe(true)
  })

  it('a dry run: the verified diff in the result, nothing pushed, no PR, no comment', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, { fixFirst: NODE_FILES })
    const v = await verified(env, { dryRun: true })
    const res = await deliver(v.deps, v)
    expect(res.result.delivery).toBe('dry-run')
    expect(res.result.diff).toContain('+  return price - (price * percent) / 100')
    expect(originBranches(env).filter((b) => b.startsWith('pitcrew/'))).toEqual([])
    expect(pulls(env).filter((p) => p.head.ref.startsWith('pitcrew/'))).toEqual([])
    expect(comments(env)).toEqual([])
  })

  it('the CLI (local, commit): one commit on the local fix branch, nothing on GitHub', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, { fixFirst: NODE_FILES })
    const v = await verified(env)
    const res = await deliver(v.deps, { ...v, local: { commit: true } })
    expect(res.result.delivery).toBe('local-commit')
    const files = execFileSync(
      'git',
      ['show', '--name-only', '--format=', String(res.result.commit)],
      { cwd: env.repo.work, encoding: 'utf8' },
    )
    expect(files.trim().split('\n').sort()).toEqual(['lib/price.mjs', 'lib/rounding.mjs'])
    expect(originBranches(env).filter((b) => b.startsWith('pitcrew/'))).toEqual([])
    expect(pulls(env).filter((p) => p.head.ref.startsWith('pitcrew/'))).toEqual([])
  })
})
