/**
 * agent.ts on its own, after a real reproduction (node:test project, real git, the scripted model
 * on the loopback Anthropic server): the tools and the prompt the model gets, a `finish` that is
 * only accepted once the fix is verified in code, and a model API failure reported by kind.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { GIT_ENV } from '../harness/git.js'
import { runFixAgent } from '../../src/fix/agent.js'
import { isRefusal, reproduce } from '../../src/fix/reproduce.js'
import { resolveTarget } from '../../src/fix/target.js'
import { Git } from '../../src/tools/git.js'
import { giveUp, setup, toolResults, type Env } from './setup.js'
import { NODE_FILES, NODE_TEST, finish, fixLib } from './node-project.js'

let env: Env | undefined
afterEach(async () => {
  await env?.cleanup()
  env = undefined
})

async function reproduced(e: Env) {
  const deps = e.deps({ command: NODE_TEST })
  const git = new Git(e.repo.work, { env: GIT_ENV })
  const target = await resolveTarget(deps, git, null)
  const repro = await reproduce(deps, { git, command: NODE_TEST, target })
  if (isRefusal(repro)) throw new Error(repro.reason)
  return { deps, target, repro }
}

describe('runFixAgent', { timeout: 120_000 }, () => {
  it('offers the fix tools and the failures; finish before any change is refused, the verified fix accepted', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, { fixFirst: NODE_FILES })
    const { deps, target, repro } = await reproduced(env)
    env.ai.queue(finish, fixLib, finish)
    const out = await runFixAgent(deps, { command: NODE_TEST, target, repro })
    const first = env.ai.requests[0]!.body
    expect(first.tools.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(['read_file', 'edit_file', 'run_tests', 'git_diff', 'finish']),
    )
    const prompt = JSON.stringify(first.messages[0])
    expect(prompt).toContain(`The test command \`${NODE_TEST}\` fails on branch \`feature\``)
    expect(prompt).toContain('Test edits are not allowed')
    expect(prompt).toContain('lib/price.test.mjs > applyDiscount takes a percentage off')
    const results = toolResults(env)
    expect(results[0]).toMatchObject({ isError: true })
    expect(out.verified).toBe(true)
    expect(out.final?.status).toBe('fixed')
    expect(out.state.verification?.ok).toBe(true)
    expect(out.state.entries?.map((e) => e.path)).toEqual(['lib/price.mjs'])
    expect(out.usage.apiCalls).toBe(3)
  })

  it('a model that gives up: not verified, its answer kept for the report', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, { fixFirst: NODE_FILES })
    const { deps, target, repro } = await reproduced(env)
    env.ai.queue(giveUp)
    const out = await runFixAgent(deps, { command: NODE_TEST, target, repro })
    expect(out.verified).toBe(false)
    expect(out.final?.status).toBe('gave_up')
  })

  it('a model API that refuses the key after an edit: not verified, the failure named by kind (not-fixed reverts the edit)', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, { fixFirst: NODE_FILES })
    const { deps, target, repro } = await reproduced(env)
    env.ai.queue(fixLib, { fault: 'auth' })
    const out = await runFixAgent(deps, { command: NODE_TEST, target, repro })
    expect(out.verified).toBe(false)
    expect(out.result.stopReason).toBe('api_error')
    expect(out.result.apiFailure).toMatchObject({ kind: 'auth', status: 401 })
    expect(out.state.tried).toEqual(['edited lib/price.mjs'])
  })
})
