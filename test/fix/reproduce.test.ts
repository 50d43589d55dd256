/** reproduce.ts with the real test runner on a node:test project: what fails, or nothing to fix. */
import { afterEach, describe, expect, it } from 'vitest'
import { reproduce, isRefusal } from '../../src/fix/reproduce.js'
import { resolveTarget } from '../../src/fix/target.js'
import { Git } from '../../src/tools/git.js'
import { GIT_ENV } from '../harness/git.js'
import { setup, type Env } from './setup.js'
import { NODE_FILES, NODE_TEST } from './node-project.js'

let env: Env | undefined
afterEach(async () => {
  await env?.cleanup()
  env = undefined
})

async function run(e: Env, command: string) {
  const deps = e.deps({ command })
  const git = new Git(e.repo.work, { env: GIT_ENV })
  const target = await resolveTarget(deps, git, null)
  return { deps, res: await reproduce(deps, { git, command, target }) }
}

describe('reproduce', () => {
  it('returns the failing tests by id with a context that shows the failing assertion', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, { fixFirst: NODE_FILES })
    const { res } = await run(env, NODE_TEST)
    if (isRefusal(res)) throw new Error(res.reason)
    expect(res.failures.map((f) => f.id)).toEqual([
      'lib/price.test.mjs > applyDiscount takes a percentage off',
    ])
    expect(res.baseline.failures).toBe(res.failures)
    expect(res.context).toContain('assert.equal(applyDiscount(200, 10), 180)')
  })

  it('a command that fails without a parsable test is one failure: the test command', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, { fixFirst: NODE_FILES })
    const { res } = await run(env, 'echo "broken build" >&2; exit 2')
    if (isRefusal(res)) throw new Error(res.reason)
    expect(res.failures).toHaveLength(1)
    expect(res.failures[0]).toMatchObject({
      id: '(test command)',
      message: 'the test command exited with code 2',
    })
  })

  it('passing tests: a refusal that says there is nothing to fix, with the counts', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, {
      fixFirst: {
        ...NODE_FILES,
        'lib/price.mjs':
          'export function applyDiscount(price, percent) {\n  return price - (price * percent) / 100\n}\n',
      },
    })
    const { res } = await run(env, NODE_TEST)
    expect(isRefusal(res)).toBe(true)
    if (!isRefusal(res)) return
    expect(res.reason).toMatch(/the tests pass on reproduction .* nothing to fix/)
    expect(res.extra).toMatchObject({ reproduction: { exitCode: 0 } })
  })
})
