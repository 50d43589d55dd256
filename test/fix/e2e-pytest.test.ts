import { afterEach, describe, expect, it } from 'vitest'
import { toolUse } from '../harness/anthropic-server.js'
import { runFix } from '../../src/fix/index.js'
import { PYTEST, setup, pulls, comments, toolResults, type Env } from './setup.js'

let env: Env | undefined
afterEach(async () => {
  await env?.cleanup()
  env = undefined
})

/** runFix end to end with pytest. */
describe('runFix with pytest', () => {
  it('fixes a real pytest failure found from a workflow run without a PR', async () => {
    env = await setup('fix-py-pytest', PYTEST)
    env.ai.queue(
      toolUse('edit_file', {
        path: 'calc/stats.py',
        old_text: '(len(values) - 1)',
        new_text: 'len(values)',
      }),
      toolUse('run_tests', { tests: ['tests/test_stats.py::test_mean'] }),
      toolUse('finish', {
        status: 'fixed',
        root_cause: 'calc/stats.py mean divided by n - 1.',
        summary: 'Divide by n.',
      }),
    )
    const res = await runFix(env.deps({ route: { prNumber: undefined } }))
    expect(res.outcome).toBe('fixed')
    expect(res.result.failingBefore).toEqual(['tests/test_stats.py::test_mean'])
    const steps = (res.result.verification as { steps: { command: string; ok: boolean }[] }).steps
    expect(steps.map((s) => s.command)).toEqual([
      `${PYTEST} -rA tests/test_stats.py::test_mean`,
      PYTEST,
    ])
    const runResult = toolResults(env)[1]!.text
    expect(runResult).toContain('Exit code: 0')
    expect(pulls(env).filter((p) => p.head.ref === 'pitcrew/fix-777')).toHaveLength(1)
    expect(comments(env)).toHaveLength(0)
  })
})
