/**
 * Issue 9 (fix parts) through the built bundle, as the runner runs it (`node dist/index.js`),
 * on a real jest project: a test-configuration cheat is refused and nothing is delivered; a test
 * command that cannot start fails the step before any model call. Needs `npm run build`.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { toolUse } from '../harness/anthropic-server.js'
import {
  ROOT,
  finishFixed,
  giveUp,
  originBranches,
  pulls,
  setup,
  toolResults,
  type Env,
  runFixBundle,
} from './setup.js'

let env: Env | undefined
afterEach(async () => {
  await env?.cleanup()
  env = undefined
})

function bundleRun(e: Env, command: string) {
  return runFixBundle(e, { command, runId: 9200 })
}

// real runners on a shared CI machine: a full fix cycle can take a minute
describe('fix verification through the bundle (jest)', { timeout: 240_000 }, () => {
  it('the test script rewritten to `echo ok`: refused, outcome not-fixed, no push, no PR', async () => {
    env = await setup('fix-js-jest', 'npm test')
    symlinkSync(join(ROOT, 'node_modules'), join(env.repo.work, 'node_modules'))
    env.ai.queue(
      toolUse('edit_file', {
        path: 'package.json',
        old_text: '"test": "jest"',
        new_text: '"test": "echo ok"',
      }),
      finishFixed,
      giveUp,
    )
    const run = await bundleRun(env, 'npm test')
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    expect(run.outputs.outcome, run.summary).toBe('not-fixed')
    const results = toolResults(env)
    expect(results[0]!.text).toMatch(
      /Refused 'package\.json': it changes test configuration \(scripts\.test in package\.json\)/,
    )
    expect(results[1]!.text).toMatch(/diff is empty/)
    expect(originBranches(env).filter((b) => b.startsWith('pitcrew/'))).toEqual([])
    expect(pulls(env).filter((p) => p.head.ref.startsWith('pitcrew/'))).toEqual([])
  })

  it('a test command that does not exist: the step fails before any model call', async () => {
    env = await setup('fix-js-jest', 'jestt')
    const run = await bundleRun(env, 'jestt')
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(
      /::error::The test command 'jestt' cannot start \(exit code 127: .*jestt: command not found\)/,
    )
    expect(env.ai.requests).toHaveLength(0)
  })
})
