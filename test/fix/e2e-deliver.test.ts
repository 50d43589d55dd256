/** runFix end to end with vitest: delivery (PR, rerun, fork patch, dry run, no orphan branch, verification). */
import { afterEach, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { toolUse } from '../harness/anthropic-server.js'
import { runFix } from '../../src/fix/index.js'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  API_KEY,
  VITEST,
  setup,
  pulls,
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
  it('opens a verified draft PR into the failing branch, with a complete body, and links it on the PR; a rerun updates the same PR', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.queue(
      fixPrice,
      toolUse('run_tests', {
        tests: ['test/price.spec.ts > applyDiscount > takes a percentage off'],
      }),
      toolUse('git_diff', {}),
      finishFixed,
    )
    const deps = env.deps()
    // A re-run (GITHUB_RUN_ATTEMPT 2): the body links to that attempt's page.
    deps.ctx.runAttempt = '2'
    const res = await runFix(deps)
    expect(res.outcome).toBe('fixed')
    expect(env.ai.pending()).toBe(0)
    // the model saw the failure section with the source around the frame
    const first = JSON.stringify(env.ai.requests[0]!.body.messages[0])
    expect(first).toContain('test/price.spec.ts > applyDiscount > takes a percentage off')
    expect(first).toContain('expected -1800 to be 180')
    expect(first).toContain('> 5 |     expect(applyDiscount(200, 10)).toBe(180)')
    // run_tests narrowed to the test file and reported the pass
    const ran = toolResults(env)[1]!.text
    expect(ran).toContain(`${VITEST} test/price.spec.ts`)
    expect(ran).toContain('All selected tests passed.')
    expect(toolResults(env)[2]!.text).toContain('+  return price - (price * percent) / 100')

    const [pr, ...more] = pulls(env).filter((p) => p.head.ref.startsWith('pitcrew/'))
    expect(more).toEqual([])
    expect(pr!.head.ref).toBe('pitcrew/fix-777')
    expect(pr!.base.ref).toBe('feature')
    expect(pr!.draft).toBe(true)
    expect(pr!.labels.map((l) => l.name)).toContain('pitcrew')
    const body = pr!.body ?? ''
    for (const part of [
      '### Failing tests before',
      'test/price.spec.ts > applyDiscount > takes a percentage off',
      '### Root cause',
      'multiplied by the percent',
      '### Change',
      'src/price.ts',
      '### Evidence',
      'failing tests re-run',
      'full suite',
      '### Usage',
      'GITHUB_TOKEN',
      'App',
      'found by [this run](https://github.com/acme/shop/actions/runs/4242/attempts/2)',
    ]) {
      expect(body).toContain(part)
    }
    // the commit on origin holds the fix, by pitcrew's identity, on top of the failing sha
    const log = execFileSync('git', ['log', '-1', '--format=%an|%P', 'pitcrew/fix-777'], {
      cwd: env.repo.origin,
      encoding: 'utf8',
    }).trim()
    expect(log).toBe(`${deps.settings.config.fix.commitName}|${env.headSha}`)
    expect(
      execFileSync('git', ['show', 'pitcrew/fix-777:src/price.ts'], {
        cwd: env.repo.origin,
        encoding: 'utf8',
      }),
    ).toContain('/ 100')
    const link = comments(env).filter((c) => c.issueNumber === env!.pr)
    expect(link).toHaveLength(1)
    expect(link[0]!.body).toContain(`#${pr!.number}`)
    expect(res.result.verification).toMatchObject({ ok: true })
    expect(JSON.stringify(env.emu.requests)).not.toContain(API_KEY)
    expect(readFileSync(deps.transcriptPath, 'utf8')).not.toContain(API_KEY)

    // rerun for the same run id: the same branch is force-pushed, the same PR updated
    env.ai.queue(fixPrice, finishFixed)
    const again = await runFix(env.deps())
    expect(again.outcome).toBe('fixed')
    expect(again.result.pr).toMatchObject({ number: pr!.number, created: false })
    expect(pulls(env).filter((p) => p.head.ref.startsWith('pitcrew/'))).toHaveLength(1)
    expect(comments(env).filter((c) => c.issueNumber === env!.pr)).toHaveLength(1)
  })

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

  it('delivers only what edit_file wrote: tracked files rewritten by test runs or left dirty before the run are not part of the change', async () => {
    // a test that rewrites a tracked snapshot and a tracked data file on every run
    env = await setup('fix-ts-vitest', VITEST, {
      fixFirst: {
        'test/stamp.spec.ts': [
          "import { writeFileSync } from 'node:fs'",
          "it('stamps', () => {",
          "  writeFileSync('test/__snapshots__/stamp.snap', `run ${Date.now()} ${Math.random()}\\n`)",
          "  writeFileSync('data/build-info.txt', `built ${Date.now()} ${Math.random()}\\n`)",
          '})',
          '',
        ].join('\n'),
        'test/__snapshots__/stamp.snap': 'committed\n',
        'data/build-info.txt': 'committed\n',
      },
    })
    // the job's own test step left a tracked file changed before pitcrew started
    writeFileSync(join(env.repo.work, 'README.md'), '# changed by an earlier step\n')
    env.ai.queue(fixPrice, toolUse('run_tests', {}), finishFixed)
    const deps = env.deps()
    const res = await runFix(deps)
    expect(res.outcome, res.summary).toBe('fixed')
    expect(res.result.files).toEqual(['src/price.ts'])
    const ran = toolResults(env)[1]!.text
    expect(ran).toContain('pitcrew put back')
    expect(ran).toContain('test/__snapshots__/stamp.snap')
    const files = execFileSync('git', ['show', '--name-only', '--format=', 'pitcrew/fix-777'], {
      cwd: env.repo.origin,
      encoding: 'utf8',
    }).trim()
    expect(files).toBe('src/price.ts')
    expect(deps.log.lines.some((l) => /stashed them/.test(l))).toBe(true)
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

  it('deletes the pushed branch when the PR cannot be created (no orphan branch), and fails the step with the verified patch in the summary', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.queue(fixPrice, finishFixed)
    env.emu.fault({ method: 'POST', path: /\/repos\/acme\/shop\/pulls$/, status: 500, times: 10 })
    const res = await runFix(env.deps())
    expect(res.outcome).toBe('not-fixed')
    expect(res.failure).toMatch(/Could not open the fix-up pull request for 'pitcrew\/fix-777'/)
    expect(res.summary).toContain('+  return price - (price * percent) / 100')
    expect(res.summary).toContain('### Usage')
    expect(originBranches(env).filter((b) => b.startsWith('pitcrew/'))).toEqual([])
    expect(comments(env)).toHaveLength(0)
  })

  it('keeps the opened PR and its branch when the link comment cannot be posted, and fails the step saying so', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.queue(fixPrice, finishFixed)
    env.emu.fault({
      method: 'POST',
      path: new RegExp(`/repos/acme/shop/issues/${env.pr}/comments$`),
      status: 500,
      times: 10,
    })
    const res = await runFix(env.deps())
    expect(res.outcome).toBe('fixed')
    const [pr] = pulls(env).filter((p) => p.head.ref === 'pitcrew/fix-777')
    expect(pr).toBeDefined()
    expect(res.result.pr).toMatchObject({ number: pr!.number })
    expect(res.failure).toMatch(
      new RegExp(`Opened #${pr!.number} .*could not comment on #${env.pr}`),
    )
    expect(res.summary).toContain(`#${pr!.number}`)
    expect(originBranches(env)).toContain('pitcrew/fix-777')
  })

  it('a label that cannot be added fails the step, first in the summary, the PR kept; a clean rerun adds it to the same PR', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.queue(fixPrice, finishFixed)
    env.emu.fault({ method: 'POST', path: /\/issues\/\d+\/labels$/, status: 500, times: 99 })
    const res = await runFix(env.deps())
    expect(res.outcome).toBe('fixed')
    const mine = () => pulls(env!).filter((p) => p.head.ref === 'pitcrew/fix-777')
    const [pr] = mine()
    expect(pr!.labels).toEqual([])
    expect(res.failure).toMatch(
      new RegExp(`Opened #${pr!.number} .*could not add the label 'pitcrew'.*Re-run the job`),
    )
    expect(res.summary.split('\n').slice(0, 3).join('\n')).toContain(
      "could not add the label 'pitcrew'",
    )
    env.emu.clearFaults()
    env.ai.queue(fixPrice, finishFixed)
    const again = await runFix(env.deps())
    expect(again.outcome).toBe('fixed')
    expect(again.failure).toBeUndefined()
    expect(again.result.pr).toMatchObject({ number: pr!.number, created: false })
    expect(mine()).toHaveLength(1)
    expect(mine()[0]!.labels.map((l) => l.name)).toEqual(['pitcrew'])
    expect(comments(env).filter((c) => c.issueNumber === env!.pr)).toHaveLength(1)
  })

  it('dry run: verifies, writes nothing, reports the diff, ends dry-run', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.queue(fixPrice, finishFixed)
    const before = env.emu.requests.length
    const res = await runFix(env.deps({ dryRun: true }))
    expect(res.outcome).toBe('dry-run')
    expect(res.result.delivery).toBe('dry-run')
    expect(String(res.result.diff)).toContain('/ 100')
    expect(env.emu.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([])
    expect(originBranches(env).filter((b) => b.startsWith('pitcrew/'))).toEqual([])
  })
})
