/**
 * Issue 9, case 8 through the built bundle (`node dist/index.js`, as the runner runs it): the
 * model creates files named `--output=x` and one with a newline in its name, then makes a real
 * fix with a plain new file and finishes. The hostile names are refused at edit time, none is
 * committed or pushed, and the PR body lists the plain new file under "New files".
 */
import { afterEach, describe, expect, it } from 'vitest'
import { existsSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { toolUse } from '../harness/anthropic-server.js'
import { setup, pulls, originBranches, toolResults, type Env, runFixBundle } from './setup.js'
import { NODE_FILES, NODE_TEST, finish, fixLib } from './node-project.js'

const BRANCH = 'pitcrew/fix-777'

let env: Env | undefined
afterEach(async () => {
  await env?.cleanup()
  env = undefined
})

describe('fix through the bundle: names of new files (issue 9, case 8)', () => {
  it('refuses --output=x and a name with a newline; commits, pushes and lists only the plain new file', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, { fixFirst: NODE_FILES })
    env.ai.queue(
      toolUse('edit_file', { path: '--output=x', old_text: '', new_text: 'x\n' }),
      toolUse('edit_file', { path: 'lib/evil\nname.mjs', old_text: '', new_text: 'x\n' }),
      toolUse('edit_file', {
        path: 'lib/percent.mjs',
        old_text: '',
        new_text: 'export const fraction = (percent) => percent / 100\n',
      }),
      fixLib,
      finish,
    )
    const run = await runFixBundle(env, { command: NODE_TEST })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.outputs.outcome, run.summary).toBe('fixed')
    expect(env.ai.pending()).toBe(0)

    // Both hostile names were refused to the model, at edit time.
    const refusals = toolResults(env)
      .slice(0, 2)
      .map((r) => [r.isError, r.text])
    expect(refusals[0]).toEqual([
      true,
      expect.stringMatching(/^Refused to create "--output=x":.*'-'/),
    ])
    expect(refusals[1]).toEqual([
      true,
      expect.stringMatching(/^Refused to create "lib\/evil\\nname\.mjs":.*control character/),
    ])
    expect(existsSync(join(env.repo.work, '--output=x'))).toBe(false)
    expect(existsSync(join(env.repo.work, 'lib', 'evil\nname.mjs'))).toBe(false)

    // Pushed: exactly the fix and the plain new file, nothing hostile anywhere on the branch.
    expect(originBranches(env)).toContain(BRANCH)
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: env!.repo.origin, encoding: 'utf8' })
    const changed = git('diff', '--name-only', '-z', env.headSha, BRANCH)
      .split('\0')
      .filter(Boolean)
    expect(changed.sort()).toEqual(['lib/percent.mjs', 'lib/price.mjs'])
    const tree = git('ls-tree', '-r', '-z', '--name-only', BRANCH).split('\0')
    expect(tree.filter((f) => f.includes('--output') || f.includes('\n'))).toEqual([])

    const fixPrs = pulls(env).filter((p) => p.head.ref.startsWith('pitcrew/'))
    expect(fixPrs.map((p) => p.head.ref)).toEqual([BRANCH])
    expect(fixPrs[0]!.body).toContain('### New files\n\n- `lib/percent.mjs`')
    expect(fixPrs[0]!.body).not.toContain('--output=x')
    expect(fixPrs[0]!.body).not.toContain('evil')
  }, 300_000)
})
