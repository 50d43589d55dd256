/**
 * Issue 9, cases 1 and 2 through the action (runAction: inputs, router, runFix, outputs) on real
 * jest and vitest projects: a model that loosens the test configuration (the `test` script
 * rewritten to `echo ok`, `|| true` appended, jest's passWithNoTests + testPathIgnorePatterns)
 * gets no push, no PR and `not-fixed`, whether it edits with edit_file or behind pitcrew's back;
 * a test command that cannot start fails the step before any model call.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { toolUse, type Step } from '../harness/anthropic-server.js'
import { runAction } from '../harness/run-action.js'
import { workflowRunEvent } from '../harness/events.js'
import {
  API_KEY,
  OWNER,
  REPO,
  ROOT,
  finishFixed,
  giveUp,
  originBranches,
  pulls,
  setup,
  toolResults,
  type Env,
} from './setup.js'

let env: Env | undefined
afterEach(async () => {
  await env?.cleanup()
  env = undefined
})

/** The fixture runs its runner from pitcrew's own node_modules, as `npm test` finds it. */
function linkNodeModules(e: Env): void {
  symlinkSync(join(ROOT, 'node_modules'), join(e.repo.work, 'node_modules'))
}

function failedRun(e: Env, command: string) {
  return runAction({
    eventName: 'workflow_run',
    payload: workflowRunEvent({
      owner: OWNER,
      repo: REPO,
      runId: 9100,
      headBranch: 'feature',
      headSha: e.headSha,
      actor: 'alice',
      pullRequests: [{ number: e.pr, headRef: 'feature', headSha: e.headSha, baseRef: 'main' }],
    }),
    repository: `${OWNER}/${REPO}`,
    workspace: e.repo.work,
    inputs: {
      'github-token': 'test-token',
      'anthropic-api-key': API_KEY,
      'test-command': command,
    },
    env: { GITHUB_API_URL: e.emu.url, ANTHROPIC_BASE_URL: e.ai.url },
  })
}

const nothingDelivered = (e: Env) => {
  expect(originBranches(e).filter((b) => b.startsWith('pitcrew/'))).toEqual([])
  expect(pulls(e).filter((p) => p.head.ref.startsWith('pitcrew/'))).toEqual([])
}

// real runners on a shared CI machine: a full fix cycle can take a minute
describe('test configuration is a test edit (jest, npm test)', { timeout: 240_000 }, () => {
  it('refuses echo ok, || true and passWithNoTests + testPathIgnorePatterns at edit time and at finish; a dependency bump goes through', async () => {
    env = await setup('fix-js-jest', 'npm test')
    linkNodeModules(env)
    const work = env.repo.work
    env.ai.queue(
      toolUse('edit_file', {
        path: 'package.json',
        old_text: '"left-pad": "1.0.0"',
        new_text: '"left-pad": "1.3.0"',
      }),
      toolUse('edit_file', {
        path: 'package.json',
        old_text: '"test": "jest"',
        new_text: '"test": "echo ok"',
      }),
      toolUse('edit_file', {
        path: 'package.json',
        old_text: '"test": "jest"',
        new_text: '"test": "jest || true"',
      }),
      toolUse('edit_file', {
        path: 'package.json',
        old_text: '"testEnvironment": "node"',
        new_text:
          '"testEnvironment": "node",\n    "passWithNoTests": true,\n    "testPathIgnorePatterns": ["test/price"]',
      }),
    )
    env.ai.onRequest((_body, index): Step => {
      if (index === 4) {
        // the same cheat, written behind edit_file's back: the finish check must still see it
        const pkg = readFileSync(join(work, 'package.json'), 'utf8')
        writeFileSync(
          join(work, 'package.json'),
          pkg.replace(
            '"testEnvironment": "node"',
            '"testEnvironment": "node", "passWithNoTests": true, "testPathIgnorePatterns": ["test/price"]',
          ),
        )
        return finishFixed
      }
      return giveUp
    })
    const run = await failedRun(env, 'npm test')
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.outputs.outcome, run.summary).toBe('not-fixed')
    const results = toolResults(env)
    expect(results[0]).toMatchObject({ isError: false })
    expect(results[1]).toMatchObject({ isError: true })
    expect(results[1]!.text).toMatch(
      /Refused 'package\.json': it changes test configuration \(scripts\.test in package\.json\)/,
    )
    expect(results[2]!.text).toMatch(/scripts\.test in package\.json/)
    expect(results[3]!.text).toMatch(/test configuration \(jest in package\.json\)/)
    expect(results[4]).toMatchObject({ isError: true })
    expect(results[4]!.text).toMatch(
      /Refused 'package\.json': it changes test configuration \(jest in package\.json\)/,
    )
    expect(run.summary).toMatch(/jest in package\.json/)
    // the failure context showed the code under test, not only the test lines
    const prompt = JSON.stringify(env.ai.requests[0]!.body.messages)
    expect(prompt).toContain('Code under test:')
    expect(prompt).toContain('src/price.js:2 (applyDiscount)')
    nothingDelivered(env)
  })
})

// real runners on a shared CI machine: a full fix cycle can take a minute
describe('test configuration is a test edit (vitest, npm test)', { timeout: 240_000 }, () => {
  it('refuses a loosened vitest.config and a test script rewritten behind its back', async () => {
    const vitest = `node ${join(ROOT, 'node_modules/vitest/vitest.mjs')} run`
    env = await setup('fix-ts-vitest', 'npm test', {
      fixFirst: {
        'package.json': JSON.stringify(
          {
            name: 'fix-ts-vitest-fixture',
            private: true,
            type: 'module',
            scripts: { test: vitest },
          },
          null,
          2,
        ),
      },
    })
    const work = env.repo.work
    env.ai.queue(
      toolUse('edit_file', {
        path: 'vitest.config.mjs',
        old_text: "include: ['test/**/*.spec.ts']",
        new_text:
          "include: ['test/**/*.spec.ts'], exclude: ['test/price.spec.ts'], passWithNoTests: true",
      }),
      toolUse('edit_file', {
        path: 'package.json',
        old_text: 'vitest.mjs run"',
        new_text: 'vitest.mjs run || true"',
      }),
    )
    env.ai.onRequest((_body, index): Step => {
      if (index === 2) {
        const pkg = JSON.parse(readFileSync(join(work, 'package.json'), 'utf8'))
        pkg.scripts.test = 'echo ok'
        writeFileSync(join(work, 'package.json'), JSON.stringify(pkg, null, 2))
        return finishFixed
      }
      return giveUp
    })
    const run = await failedRun(env, 'npm test')
    expect(run.outputs.outcome, run.summary).toBe('not-fixed')
    const results = toolResults(env)
    expect(results[0]!.text).toMatch(/Refused 'vitest\.config\.mjs': it is test configuration/)
    expect(results[1]!.text).toMatch(/scripts\.test in package\.json/)
    expect(results[2]).toMatchObject({ isError: true })
    expect(results[2]!.text).toMatch(
      /Refused 'package\.json': it changes test configuration \(scripts\.test/,
    )
    nothingDelivered(env)
  })
})

// real runners on a shared CI machine: a full fix cycle can take a minute
describe('a test command that cannot start', { timeout: 240_000 }, () => {
  it('exit 127: fails the step before any model call, quoting the command and the shell', async () => {
    env = await setup('fix-js-jest', 'jestt --ci')
    const run = await failedRun(env, 'jestt --ci')
    expect(run.exitCode).not.toBe(0)
    const text = run.stdout + run.stderr
    expect(text).toMatch(
      /The test command 'jestt --ci' cannot start \(exit code 127: .*jestt: command not found\)/,
    )
    expect(env.ai.requests).toHaveLength(0)
    nothingDelivered(env)
  })

  it('a missing npm script: fails the step before any model call', async () => {
    env = await setup('fix-js-jest', 'npm run tset')
    linkNodeModules(env)
    const run = await failedRun(env, 'npm run tset')
    expect(run.exitCode).not.toBe(0)
    expect(run.stdout + run.stderr).toMatch(
      /'npm run tset' cannot start \(exit code 1: Missing script: "tset"\)/,
    )
    expect(env.ai.requests).toHaveLength(0)
  })
})
