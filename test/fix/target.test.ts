/** target.ts: the failing commit, the fix branch and the loop guards, on a real repository. */
import { afterEach, describe, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { checkoutFailingCommit, loopGuards, resolveTarget } from '../../src/fix/target.js'
import { Git } from '../../src/tools/git.js'
import { GIT_ENV, gitIn } from '../harness/git.js'
import { setup, type Env } from './setup.js'
import { NODE_FILES } from './node-project.js'

let env: Env | undefined
afterEach(async () => {
  await env?.cleanup()
  env = undefined
})

const gitOf = (e: Env) => new Git(e.repo.work, { env: GIT_ENV })

describe('resolveTarget', () => {
  it('names the fix branch after the failing run, and reads the branch from the checkout when the event has none', async () => {
    env = await setup('fix-ts-vitest', 'true', { fixFirst: NODE_FILES })
    const t = await resolveTarget(
      env.deps({ route: { headRef: undefined, headSha: undefined, workflowRunId: undefined } }),
      gitOf(env),
      null,
    )
    expect(t).toMatchObject({
      headRef: 'feature',
      headSha: env.headSha,
      isFork: false,
      runId: '4242',
      branch: 'pitcrew/fix-4242',
    })
  })
})

describe('loopGuards', () => {
  it('refuses a fix-up branch and a commit pitcrew authored; passes a failing feature branch', async () => {
    env = await setup('fix-ts-vitest', 'true', { fixFirst: NODE_FILES })
    const deps = env.deps()
    const git = gitOf(env)
    const t = await resolveTarget(deps, git, null)
    expect(await loopGuards(deps, git, null, t)).toBeNull()
    const own = await loopGuards(deps, git, null, { ...t, headRef: 'pitcrew/fix-1' })
    expect(own?.reason).toMatch(/starts with the fix branch prefix 'pitcrew\/fix-'/)

    const fix = deps.settings.config.fix
    await gitIn(env.repo.work, ['commit', '-q', '--allow-empty', '-m', 'fix: ours'], {
      env: { ...GIT_ENV, GIT_AUTHOR_NAME: fix.commitName, GIT_AUTHOR_EMAIL: fix.commitEmail },
    })
    const sha = (await env.repo.git('rev-parse', 'HEAD')).trim()
    const mine = await loopGuards(deps, git, null, { ...t, headSha: sha })
    expect(mine?.reason).toMatch(/was authored by pitcrew/)
  })

  it('throws naming the commit when it cannot be found or fetched', async () => {
    env = await setup('fix-ts-vitest', 'true', { fixFirst: NODE_FILES })
    const deps = env.deps()
    const t = await resolveTarget(deps, gitOf(env), null)
    await expect(
      loopGuards(deps, gitOf(env), null, { ...t, headSha: 'f'.repeat(40), headRef: undefined }),
    ).rejects.toThrow(`Cannot find commit '${'f'.repeat(40)}'`)
  })
})

describe('checkoutFailingCommit', () => {
  it('stashes what earlier steps wrote to tracked files and detaches at the failing commit', async () => {
    env = await setup('fix-ts-vitest', 'true', { fixFirst: NODE_FILES })
    const first = (await env.repo.git('rev-list', '--max-parents=0', 'HEAD')).trim()
    const deps = env.deps()
    const git = gitOf(env)
    writeFileSync(join(env.repo.work, 'lib/price.mjs'), 'changed by the test step\n')
    await checkoutFailingCommit(
      deps,
      git,
      { ...(await resolveTarget(deps, git, null)), headSha: first },
      {
        local: false,
      },
    )
    expect((await env.repo.git('rev-parse', 'HEAD')).trim()).toBe(first)
    expect(await env.repo.git('status', '--porcelain', '--untracked-files=no')).toBe('')
    expect(await env.repo.git('stash', 'list')).toContain('pitcrew fix 777: workspace changes')
  })
})
