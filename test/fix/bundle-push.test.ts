/**
 * Through the built bundle (`node dist/index.js`, as the runner runs it): a push the server
 * refuses fails the step with outcome not-fixed, the hook's message in the summary and the
 * patch commented as a fallback; no PR and no fix branch (issue 14).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setup, pulls, comments, originBranches, type Env, runFixBundle } from './setup.js'
import { NODE_FILES, NODE_TEST, finish, fixLib } from './node-project.js'

let env: Env | undefined
afterEach(async () => {
  await env?.cleanup()
  env = undefined
})

describe('fix through the bundle: a refused push', () => {
  it('fails the step, outcome not-fixed, names the refusal; the patch is a comment, no PR, no branch', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, { fixFirst: NODE_FILES })
    const hook = join(env.repo.origin, 'hooks', 'pre-receive')
    writeFileSync(
      hook,
      '#!/bin/sh\necho "GH013: Repository rule violations found: branch creation is restricted." >&2\nexit 1\n',
    )
    chmodSync(hook, 0o755)
    env.ai.queue(fixLib, finish)
    const run = await runFixBundle(env, { command: NODE_TEST })
    expect(run.exitCode, run.stdout).not.toBe(0)
    expect(run.outputs.outcome, run.summary).toBe('not-fixed')
    expect(JSON.parse(run.outputs.result)).toMatchObject({
      delivery: 'patch-comment',
      push: { kind: 'refused' },
    })
    expect(run.summary).toContain('push refused')
    expect(run.summary).toContain('GH013: Repository rule violations found')
    expect(run.stdout).toMatch(/::error::.*verified but not pushed: origin refused the push/)
    expect(pulls(env).filter((p) => p.head.ref.startsWith('pitcrew/'))).toEqual([])
    expect(originBranches(env).filter((b) => b.startsWith('pitcrew/'))).toEqual([])
    expect(comments(env).filter((c) => c.issueNumber === env!.pr)).toHaveLength(1)
  }, 300_000)
})
