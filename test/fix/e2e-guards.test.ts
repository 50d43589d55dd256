/** runFix end to end with vitest: the guards (test edits, protected paths, loops, budgets, own branches). */
import { afterEach, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { toolUse, type Step } from '../harness/anthropic-server.js'
import { runFix } from '../../src/fix/index.js'
import {
  OWNER,
  REPO,
  VITEST,
  setup,
  fixPrice,
  finishFixed,
  giveUp,
  pulls,
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

describe('runFix with vitest: guards', () => {
  it('refuses an edit of the failing test: nothing is pushed', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.queue(
      toolUse('edit_file', {
        path: 'test/price.spec.ts',
        old_text: 'toBe(180)',
        new_text: 'toBe(0)',
      }),
      finishFixed,
      giveUp,
    )
    const res = await runFix(env.deps())
    expect(res.outcome).toBe('not-fixed')
    const results = toolResults(env)
    expect(results[0]).toMatchObject({ isError: true })
    expect(results[0]!.text).toMatch(/test file/)
    expect(results[1]!.text).toMatch(/diff is empty/)
    expect(readFileSync(join(env.repo.work, 'test/price.spec.ts'), 'utf8')).toContain('toBe(180)')
    expect(originBranches(env).filter((b) => b.startsWith('pitcrew/'))).toEqual([])
    expect(pulls(env)).toHaveLength(1)
    expect(comments(env).at(-1)!.body).toContain('could not fix')
  })

  it('refuses an edit under .github/, and the same change made behind its back by the final diff check', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.queue(
      toolUse('edit_file', {
        path: '.github/workflows/ci.yml',
        old_text: 'jobs: {}',
        new_text: 'jobs: { skip: {} }',
      }),
      fixPrice,
    )
    const repo = env.repo
    // the change reaches the tree by another route: it must still be refused by the diff check
    env.ai.onRequest((_body, index): Step => {
      if (index === 2) {
        execFileSync('bash', ['-c', 'echo "# sneaky" >> .github/workflows/ci.yml'], {
          cwd: repo.work,
        })
        return finishFixed
      }
      return giveUp
    })
    const res = await runFix(env.deps())
    expect(res.outcome).toBe('not-fixed')
    const results = toolResults(env)
    expect(results[0]!.text).toMatch(/protected path/)
    expect(
      results.some(
        (r) => r.isError && /'\.github\/workflows\/ci\.yml': it is a protected path/.test(r.text),
      ),
    ).toBe(true)
    expect(originBranches(env).filter((b) => b.startsWith('pitcrew/'))).toEqual([])
    // the workspace is put back
    expect(readFileSync(join(env.repo.work, 'src/price.ts'), 'utf8')).toContain(
      'price - price * percent',
    )
  })

  it('stops a looping model and pushes nothing', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.onRequest(() => toolUse('read_file', { path: 'src/price.ts' }))
    const res = await runFix(env.deps({ maxTurns: 10 }))
    expect(res.outcome).toBe('not-fixed')
    expect(res.stopReason).toBe('loop_detected')
    expect(env.ai.requests.length).toBeLessThan(10)
    expect(originBranches(env).filter((b) => b.startsWith('pitcrew/'))).toEqual([])
  })

  it('reports the work done when the budget runs out, and pushes nothing', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.queue(fixPrice, toolUse('run_tests', {}), toolUse('read_file', { path: 'src/cart.ts' }))
    const res = await runFix(env.deps({ maxTurns: 2 }))
    expect(res.outcome).toBe('not-fixed')
    expect(res.stopReason).toBe('max_turns')
    expect(res.summary).toContain('could not fix')
    expect(res.summary).toContain('Last attempted change')
    // what was tried, the best diagnosis there is (from the tests: the model gave none), usage
    expect(res.summary).toMatch(
      /\*\*What was tried\*\*\n\n- edited src\/price\.ts\n- ran `.*vitest.*`: exit 0, 0 failing/,
    )
    expect(res.summary).toContain(
      '**Best diagnosis:** No diagnosis from the model (it stopped: max_turns). From the tests: test/price.spec.ts &gt; applyDiscount &gt; takes a percentage off fails with "AssertionError: expected -1800 to be 180',
    )
    expect(res.summary).toMatch(/\*\*Usage:\*\* \d+ input, \d+ output, .*; 2 turns/)
    // on the PR too, as one comment
    const posted = comments(env!).filter((c) => c.issueNumber === env!.pr)
    expect(posted).toHaveLength(1)
    expect(posted[0]!.body).toContain('**Best diagnosis:**')
    expect(originBranches(env).filter((b) => b.startsWith('pitcrew/'))).toEqual([])
    expect(readFileSync(join(env.repo.work, 'src/price.ts'), 'utf8')).toContain(
      'price - price * percent',
    )
  })

  it('without a PR, reports a give-up in the job summary only: the diagnosis, what was tried, usage', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.queue(toolUse('read_file', { path: 'src/price.ts' }), giveUp)
    const res = await runFix(env.deps({ route: { prNumber: undefined } }))
    expect(res.outcome).toBe('not-fixed')
    expect(res.failure).toBeUndefined()
    expect(res.summary).toContain('**Best diagnosis:** The test expects a percentage.')
    expect(res.summary).toContain('- gave up')
    expect(res.summary).toContain('- summary: Could not fix within the rules.')
    expect(res.summary).toMatch(/\*\*Usage:\*\* .*2 turns; stop reason `final_tool`/)
    expect(comments(env)).toHaveLength(0)
  })

  it('fails the step when the not-fixed report cannot be posted on the PR, and keeps it in the summary', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.queue(giveUp)
    env.emu.fault({ method: 'POST', path: /\/issues\/\d+\/comments$/, status: 502, times: 10 })
    const res = await runFix(env.deps())
    expect(res.outcome).toBe('not-fixed')
    expect(res.failure).toMatch(
      /report is in the job summary only: pitcrew could not comment on #1/,
    )
    expect(res.summary).toContain('**Best diagnosis:** The test expects a percentage.')
    expect(comments(env)).toHaveLength(0)
  })

  it('stops with a notice when the tests pass on reproduction', async () => {
    env = await setup('fix-ts-vitest', VITEST, {
      fixFirst: {
        'src/price.ts':
          'export function applyDiscount(price: number, percent: number): number {\n  return price - (price * percent) / 100\n}\n',
      },
    })
    const deps = env.deps()
    const res = await runFix(deps)
    expect(res.outcome).toBe('skipped')
    expect(res.summary).toMatch(/tests pass/)
    expect(deps.log.lines.some((l) => l.startsWith('notice:') && /tests pass/.test(l))).toBe(true)
    expect(env.ai.requests).toHaveLength(0)
  })

  it('does nothing on its own branches, and stops after max-attempts-per-pr', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    const own = await runFix(env.deps({ route: { headRef: 'pitcrew/fix-1' } }))
    expect(own.outcome).toBe('skipped')
    for (const n of [1, 2]) {
      await env.repo.git('push', 'origin', `feature:refs/heads/pitcrew/fix-${n}`)
      env.emu.addPull({
        owner: OWNER,
        repo: REPO,
        base: { ref: 'feature' },
        head: { ref: `pitcrew/fix-${n}` },
        state: n === 1 ? 'closed' : 'open',
      })
    }
    const capped = await runFix(env.deps({ config: (c) => (c.fix.maxAttemptsPerPr = 2) }))
    expect(capped.outcome).toBe('skipped')
    expect(capped.summary).toMatch(/max-attempts-per-pr is 2/)
    expect(env.ai.requests).toHaveLength(0)
  })
})
