/**
 * Fix mode's dry run through the bundle (`dry-run: true`, a failed `workflow_run`): it
 * reproduces, fixes and verifies, then delivers nothing, so its outcome is `dry-run`, not
 * `fixed` (contract section 8); exit 0 and the diff in the job summary.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { comments, originBranches, pulls, setup, type Env, runFixBundle } from './setup.js'
import { NODE_FILES, NODE_TEST, finish, fixLib } from './node-project.js'

const bundle = resolve(import.meta.dirname, '../../dist/index.js')

let env: Env | undefined
afterEach(async () => {
  await env?.cleanup()
  env = undefined
})

describe.skipIf(!existsSync(bundle))('fix through the bundle: a dry run', () => {
  it('verifies the fix, writes nothing, ends with outcome dry-run and exit 0', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, { fixFirst: NODE_FILES })
    env.ai.queue(fixLib, finish)
    const run = await runFixBundle(env, { command: NODE_TEST, env: { 'INPUT_DRY-RUN': 'true' } })
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    expect(run.outputs.mode).toBe('fix')
    expect(run.outputs.outcome, run.summary).toBe('dry-run')
    const result = JSON.parse(run.outputs.result) as Record<string, unknown>
    expect(result).toMatchObject({ delivery: 'dry-run', verification: { ok: true } })
    expect(String(result.diff)).toContain('+  return price - (price * percent) / 100')
    expect(run.summary).toContain('## pitcrew fix (dry run): verified fix, not delivered')
    expect(run.summary).toContain('Would push `pitcrew/fix-777` and open a PR into `feature`.')
    expect(env.ai.requests).toHaveLength(2)
    // Nothing delivered: no write to GitHub at all, no branch, no PR, no comment.
    expect(env.emu.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(originBranches(env).filter((b) => b.startsWith('pitcrew/'))).toEqual([])
    expect(pulls(env).filter((p) => p.head.ref.startsWith('pitcrew/'))).toEqual([])
    expect(comments(env)).toEqual([])
  }, 300_000)
})
