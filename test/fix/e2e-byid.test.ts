/**
 * Each test that failed at reproduction must be seen passing, by id, on real jest, vitest,
 * node:test and pytest projects. Test edits are allowed here, so only the by-id rule stands
 * between a model that skips the failing test (the run exits 0) and a "fixed" PR; the real fix
 * that follows is accepted.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { toolUse } from '../harness/anthropic-server.js'
import { runFix } from '../../src/fix/index.js'
import {
  PYTEST,
  ROOT,
  VITEST,
  finishFixed,
  fixPrice,
  originBranches,
  setup,
  toolResults,
  type Env,
} from './setup.js'

let env: Env | undefined
afterEach(async () => {
  await env?.cleanup()
  env = undefined
})

const allowTestEdits = {
  config: (c: { fix: { allowTestEdits: boolean } }) => (c.fix.allowTestEdits = true),
}

const fixJs = toolUse('edit_file', {
  path: 'src/price.js',
  old_text: 'price - price * percent',
  new_text: 'price - (price * percent) / 100',
})

/** Skips the failing test, calls finish (refused by id), then makes the real fix (accepted). */
async function skipThenFix(
  e: Env,
  skip: { path: string; old_text: string; new_text: string },
  fix: ReturnType<typeof toolUse>,
  id: string,
): Promise<void> {
  e.ai.queue(
    toolUse('edit_file', skip),
    finishFixed,
    toolUse('edit_file', { path: skip.path, old_text: skip.new_text, new_text: skip.old_text }),
    fix,
    finishFixed,
  )
  const res = await runFix(e.deps(allowTestEdits))
  const results = toolResults(e)
  expect(results[1]).toMatchObject({ isError: true })
  expect(results[1]!.text).toContain('were not seen passing')
  expect(results[1]!.text).toContain(`- ${id}`)
  expect(res.outcome, res.summary).toBe('fixed')
  expect(originBranches(e)).toContain('pitcrew/fix-777')
}

// real runners on a shared CI machine: a full fix cycle can take a minute
describe('verification by id', { timeout: 240_000 }, () => {
  it('jest', async () => {
    env = await setup('fix-js-jest', 'npx jest')
    symlinkSync(join(ROOT, 'node_modules'), join(env.repo.work, 'node_modules'))
    await skipThenFix(
      env,
      { path: 'test/price.test.js', old_text: "it('takes", new_text: "it.skip('takes" },
      fixJs,
      'test/price.test.js > applyDiscount > takes a percentage off',
    )
  })

  it('jest behind `npm test` (two test files, no per-test lines at reproduction): narrowed through the script', async () => {
    env = await setup('fix-js-jest', 'npm test')
    symlinkSync(join(ROOT, 'node_modules'), join(env.repo.work, 'node_modules'))
    env.ai.queue(fixJs, finishFixed)
    const res = await runFix(env.deps())
    expect(res.outcome, res.summary).toBe('fixed')
    const steps = (res.result.verification as { steps: { command: string; ok: boolean }[] }).steps
    expect(steps.map((s) => s.command)).toEqual([
      'npm test -- --verbose test/price.test.js',
      'npm test',
    ])
  })

  it('vitest', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    await skipThenFix(
      env,
      { path: 'test/price.spec.ts', old_text: "it('takes", new_text: "it.skip('takes" },
      fixPrice,
      'test/price.spec.ts > applyDiscount > takes a percentage off',
    )
  })

  it('node:test', async () => {
    env = await setup('fix-js-node', 'node --test')
    await skipThenFix(
      env,
      { path: 'test/price.test.js', old_text: "it('takes", new_text: "it.skip('takes" },
      fixJs,
      'test/price.test.js > applyDiscount > takes a percentage off',
    )
  })

  it('pytest', async () => {
    env = await setup('fix-py-pytest', PYTEST)
    await skipThenFix(
      env,
      {
        path: 'tests/test_stats.py',
        old_text: 'def test_mean():',
        new_text: 'import pytest\n\n\n@pytest.mark.skip\ndef test_mean():',
      },
      toolUse('edit_file', {
        path: 'calc/stats.py',
        old_text: '(len(values) - 1)',
        new_text: 'len(values)',
      }),
      'tests/test_stats.py::test_mean',
    )
  })
})
