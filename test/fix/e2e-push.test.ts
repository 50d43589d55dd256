/**
 * runFix delivery against a real bare origin whose hooks refuse, cut or hang the push (issue 14),
 * the orphan fix branch a dead run leaves, and hostile new file names (issue 9, case 8). A tiny
 * node:test project keeps each run to a few seconds.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { chmodSync, existsSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { toolUse } from '../harness/anthropic-server.js'
import { runFix } from '../../src/fix/index.js'
import { setup, pulls, comments, originBranches, toolResults, type Env } from './setup.js'
import { NODE_FILES, NODE_TEST, finish, fixLib } from './node-project.js'

const BRANCH = 'pitcrew/fix-777'

let env: Env | undefined
afterEach(async () => {
  await env?.cleanup()
  env = undefined
})

function originHook(e: Env, name: string, body: string): void {
  const p = join(e.repo.origin, 'hooks', name)
  writeFileSync(p, `#!/bin/sh\n${body}\n`)
  chmodSync(p, 0o755)
}
const fixBranches = (e: Env) => originBranches(e).filter((b) => b.startsWith('pitcrew/'))
const fixPulls = (e: Env) => pulls(e).filter((p) => p.head.ref.startsWith('pitcrew/'))

describe('runFix: truthful push', () => {
  it('a push the server refuses (pre-receive hook) fails the step, names the message, and comments the patch as a fallback', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, { fixFirst: NODE_FILES })
    originHook(
      env,
      'pre-receive',
      'echo "GH013: Repository rule violations found: branch creation is restricted." >&2\nexit 1',
    )
    env.ai.queue(fixLib, finish)
    const res = await runFix(env.deps())
    expect(res.outcome, res.summary).toBe('not-fixed')
    expect(res.failure).toMatch(
      /verified but not pushed: origin refused the push of 'pitcrew\/fix-777'/,
    )
    expect(res.failure).toContain('GH013: Repository rule violations found')
    expect(res.summary).toContain('push refused')
    expect(res.summary).toContain('pre-receive hook declined')
    expect(res.result.push).toMatchObject({ kind: 'refused' })
    expect(res.result.delivery).toBe('patch-comment')
    const c = comments(env).filter((x) => x.issueNumber === env!.pr)
    expect(c).toHaveLength(1)
    expect(c[0]!.body).toContain('+  return price - (price * percent) / 100')
    expect(fixPulls(env)).toEqual([])
    expect(fixBranches(env)).toEqual([])
  })

  it('after a refused push, a clean rerun pushes once and opens exactly one PR (the run comment is updated, not doubled)', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, { fixFirst: NODE_FILES })
    originHook(env, 'pre-receive', 'echo "GH013: branch creation is restricted." >&2\nexit 1')
    env.ai.queue(fixLib, finish)
    const first = await runFix(env.deps())
    expect(first.result.push).toMatchObject({ kind: 'refused' })
    expect(fixBranches(env)).toEqual([])

    originHook(env, 'pre-receive', 'exit 0')
    env.ai.queue(fixLib, finish)
    const rerun = await runFix(env.deps())
    expect(rerun.outcome, rerun.summary).toBe('fixed')
    expect(rerun.failure).toBeUndefined()
    expect(fixBranches(env)).toEqual([BRANCH])
    expect(fixPulls(env)).toHaveLength(1)
    expect(comments(env).filter((x) => x.issueNumber === env!.pr)).toHaveLength(1)
  })

  it('a push that landed but whose connection died is pushed: the PR is opened, outcome fixed', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, { fixFirst: NODE_FILES })
    // post-receive runs after the ref update; killing receive-pack cuts the client off
    originHook(env, 'post-receive', 'kill -9 $PPID')
    env.ai.queue(fixLib, finish)
    const deps = env.deps()
    const res = await runFix(deps)
    expect(res.outcome, res.summary).toBe('fixed')
    expect(res.failure).toBeUndefined()
    expect(res.result.delivery).toBe('pull-request')
    expect(fixPulls(env).map((p) => p.head.ref)).toEqual([BRANCH])
    expect(deps.log.lines.some((l) => /origin shows the branch at the commit/.test(l))).toBe(true)
    expect(comments(env).filter((c) => c.issueNumber === env!.pr)[0]!.body).not.toContain('```diff')
  })

  it('a push that landed but got no answer before the push timeout is pushed', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, { fixFirst: NODE_FILES })
    originHook(env, 'post-receive', 'sleep 30')
    env.ai.queue(fixLib, finish)
    const deps = env.deps()
    deps.env = { PITCREW_GIT_PUSH_TIMEOUT_MS: '1500' }
    const res = await runFix(deps)
    expect(res.outcome, res.summary).toBe('fixed')
    expect(res.result.delivery).toBe('pull-request')
    expect(deps.log.lines.some((l) => /no answer within 1500 ms/.test(l))).toBe(true)
    expect(fixPulls(env)).toHaveLength(1)
  })
})

describe('runFix: orphan fix branch', () => {
  it('a rerun that finds the fix branch without a PR and fixes again completes it: one PR', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, { fixFirst: NODE_FILES })
    // an earlier run pushed and died before its PR
    await env.repo.git('push', '-q', 'origin', `feature:refs/heads/${BRANCH}`)
    env.ai.queue(fixLib, finish)
    const deps = env.deps()
    const res = await runFix(deps)
    expect(res.outcome, res.summary).toBe('fixed')
    expect(res.result.pr).toMatchObject({ created: true })
    expect(fixPulls(env).map((p) => p.head.ref)).toEqual([BRANCH])
    expect(deps.log.lines.some((l) => /without a pull request .*completing it/.test(l))).toBe(true)
  })

  it('a rerun without a verified fix deletes the orphan branch and says so', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, { fixFirst: NODE_FILES })
    await env.repo.git('push', '-q', 'origin', `feature:refs/heads/${BRANCH}`)
    env.ai.queue(
      toolUse('finish', { status: 'gave_up', root_cause: 'unclear', summary: 'no idea' }),
    )
    const res = await runFix(env.deps())
    expect(res.outcome).toBe('not-fixed')
    expect(fixBranches(env)).toEqual([])
    expect(String(res.result.orphanBranch)).toContain(`Deleted the fix branch '${BRANCH}'`)
    expect(res.summary).toContain(`Deleted the fix branch '${BRANCH}'`)
  })

  it('keeps a fix branch that has a pull request when the run has no fix', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, { fixFirst: NODE_FILES })
    await env.repo.git('push', '-q', 'origin', `feature:refs/heads/${BRANCH}`)
    env.emu.addPull({
      owner: 'acme',
      repo: 'shop',
      base: { ref: 'feature' },
      head: { ref: BRANCH },
      title: 'earlier fix',
      user: 'pitcrew',
    })
    env.ai.queue(
      toolUse('finish', { status: 'gave_up', root_cause: 'unclear', summary: 'no idea' }),
    )
    const res = await runFix(env.deps())
    expect(res.outcome).toBe('not-fixed')
    expect(fixBranches(env)).toEqual([BRANCH])
    expect(res.result.orphanBranch).toBeUndefined()
  })

  it('an orphan branch this run updated goes away when its PR cannot be opened', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, { fixFirst: NODE_FILES })
    await env.repo.git('push', '-q', 'origin', `feature:refs/heads/${BRANCH}`)
    env.emu.fault({ method: 'POST', path: /\/repos\/acme\/shop\/pulls$/, status: 422, times: 10 })
    env.ai.queue(fixLib, finish)
    const res = await runFix(env.deps())
    expect(res.outcome).toBe('not-fixed')
    expect(res.failure).toMatch(/Could not open the fix-up pull request/)
    expect(fixBranches(env)).toEqual([])
  })
})

describe('runFix: names of new files (issue 9, case 8)', () => {
  it('refuses hostile names at edit time; a plain new file is committed and listed under "New files"', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, { fixFirst: NODE_FILES })
    env.ai.queue(
      toolUse('edit_file', { path: '--output=x', old_text: '', new_text: 'x\n' }),
      toolUse('edit_file', { path: 'lib/evil\nname.mjs', old_text: '', new_text: 'x\n' }),
      toolUse('edit_file', { path: 'lib/-rf/a.mjs', old_text: '', new_text: 'x\n' }),
      toolUse('edit_file', {
        path: 'lib/percent.mjs',
        old_text: '',
        new_text: 'export const fraction = (percent) => percent / 100\n',
      }),
      fixLib,
      finish,
    )
    const res = await runFix(env.deps())
    expect(res.outcome, res.summary).toBe('fixed')
    const refusals = toolResults(env)
      .slice(0, 3)
      .map((r) => [r.isError, r.text])
    expect(refusals[0]).toEqual([
      true,
      expect.stringMatching(/^Refused to create "--output=x":.*'-'/),
    ])
    expect(refusals[1]).toEqual([
      true,
      expect.stringMatching(/^Refused to create "lib\/evil\\nname\.mjs":.*control character/),
    ])
    expect(refusals[2]![0]).toBe(true)
    expect(existsSync(join(env.repo.work, '--output=x'))).toBe(false)
    const files = execFileSync('git', ['show', '--name-only', '--format=', BRANCH], {
      cwd: env.repo.origin,
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .sort()
    expect(files).toEqual(['lib/percent.mjs', 'lib/price.mjs'])
    const [pr] = fixPulls(env)
    expect(pr!.body).toContain('### New files\n\n- `lib/percent.mjs`')
  })

  it('refuses again before commit a new file whose name got past edit time, and pushes nothing', async () => {
    // the test command itself leaves an untracked `--output=x`; editing an existing file is not
    // judged by name, so the name reaches the change and only the check before commit stops it
    env = await setup('fix-ts-vitest', 'sh run-tests.sh', {
      fixFirst: {
        ...NODE_FILES,
        'run-tests.sh': `${NODE_TEST}\ns=$?\n[ -e ./--output=x ] || printf 'x\\n' > ./--output=x\nexit $s\n`,
      },
    })
    env.ai.queue(
      fixLib,
      toolUse('edit_file', { path: '--output=x', old_text: 'x', new_text: 'y' }),
      finish,
    )
    const res = await runFix(env.deps())
    expect(res.outcome, res.summary).not.toBe('fixed')
    expect(res.failure).toContain('Refused "--output=x"')
    expect(res.failure).toContain("segment starting with '-'")
    expect(fixBranches(env)).toEqual([])
    expect(fixPulls(env)).toEqual([])
  })
})
