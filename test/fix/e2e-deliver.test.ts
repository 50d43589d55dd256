/** runFix end to end with vitest: delivery (PR, rerun, fork patch, dry run, no orphan branch, verification). */
import { afterEach, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { toolUse } from '../harness/anthropic-server.js'
import { runFix } from '../../src/fix/index.js'
import {
  VITEST,
  setup,
  fixPrice,
  finishFixed,
  comments,
  originBranches,
  toolResults,
  type Env,
} from './setup.js'

let env: Env | undefined
afterEach(async () => {
  await env?.cleanup()
  env = undefined
})

describe('runFix with vitest: delivery', () => {
  it('rejects a fix that passes the failing test but breaks another, and the model gets the reason', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.queue(
      toolUse('edit_file', {
        path: 'src/price.ts',
        old_text: 'price - price * percent',
        new_text: 'price * 0.9',
      }),
      finishFixed,
      toolUse('edit_file', {
        path: 'src/price.ts',
        old_text: 'price * 0.9',
        new_text: 'price - (price * percent) / 100',
      }),
      finishFixed,
    )
    const res = await runFix(env.deps())
    const rejection = toolResults(env).find(
      (r) => r.isError && /breaks tests that passed before/.test(r.text),
    )
    expect(rejection?.text).toContain(
      'test/cart.spec.ts > cartTotal > sums the lines without a discount',
    )
    expect(res.outcome).toBe('fixed')
    expect(
      execFileSync('git', ['show', 'pitcrew/fix-777:src/price.ts'], {
        cwd: env.repo.origin,
        encoding: 'utf8',
      }),
    ).not.toContain('0.9')
  })

  it('comments the verified patch on a fork PR instead of pushing', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.queue(fixPrice, finishFixed)
    const res = await runFix(env.deps({ route: { isFork: true } }))
    expect(res.outcome).toBe('fixed')
    expect(res.result.delivery).toBe('patch-comment')
    const c = comments(env).filter((x) => x.issueNumber === env!.pr)
    expect(c).toHaveLength(1)
    expect(c[0]!.body).toContain('```diff')
    expect(c[0]!.body).toContain('+  return price - (price * percent) / 100')
    expect(originBranches(env).filter((b) => b.startsWith('pitcrew/'))).toEqual([])
  })

  it('deletes the pushed branch when the PR cannot be created (no orphan branch)', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.queue(fixPrice, finishFixed)
    env.emu.fault({ method: 'POST', path: /\/repos\/acme\/shop\/pulls$/, status: 500, times: 10 })
    await expect(runFix(env.deps())).rejects.toThrow(/Could not open the fix-up pull request/)
    expect(originBranches(env).filter((b) => b.startsWith('pitcrew/'))).toEqual([])
  })

  it('dry run: verifies, writes nothing, reports the diff', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.queue(fixPrice, finishFixed)
    const before = env.emu.requests.length
    const res = await runFix(env.deps({ dryRun: true }))
    expect(res.outcome).toBe('fixed')
    expect(res.result.delivery).toBe('dry-run')
    expect(String(res.result.diff)).toContain('/ 100')
    expect(env.emu.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([])
    expect(originBranches(env).filter((b) => b.startsWith('pitcrew/'))).toEqual([])
  })
})
