import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAction } from '../harness/run-action.js'
import { workflowRunEvent } from '../harness/events.js'
import {
  API_KEY,
  OWNER,
  REPO,
  VITEST,
  setup,
  fixPrice,
  finishFixed,
  pulls,
  type Env,
} from '../fix/setup.js'

let env: Env
beforeAll(async () => {
  env = await setup('fix-ts-vitest', VITEST)
})
afterAll(async () => {
  await env?.cleanup()
})

function failedRun(runId: number) {
  return runAction({
    eventName: 'workflow_run',
    payload: workflowRunEvent({
      owner: OWNER,
      repo: REPO,
      runId,
      headBranch: 'feature',
      headSha: env.headSha,
      actor: 'alice',
      pullRequests: [{ number: env.pr, headRef: 'feature', headSha: env.headSha, baseRef: 'main' }],
    }),
    repository: `${OWNER}/${REPO}`,
    workspace: env.repo.work,
    inputs: { 'github-token': 'test-token', 'anthropic-api-key': API_KEY, 'test-command': VITEST },
    env: { GITHUB_API_URL: env.emu.url, ANTHROPIC_BASE_URL: env.ai.url, GITHUB_SHA: env.headSha },
  })
}

describe('fix mode through the action, on a failed workflow_run', () => {
  it('routes to fix, proves the fix, opens one draft PR, and reports usage in outputs and summary', async () => {
    env.ai.queue(fixPrice, finishFixed)
    const run = await failedRun(5150)
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.outputs.mode).toBe('fix')
    expect(run.outputs.outcome).toBe('fixed')
    expect(run.outputs['stop-reason']).toBe('final_tool')
    expect(Number(run.outputs.turns)).toBe(2)
    expect(Number(run.outputs['cost-usd'])).toBeGreaterThan(0)
    expect(run.summary).toMatch(/### Usage/)
    const fixPrs = pulls(env).filter((p) => p.head.ref.startsWith('pitcrew/fix-'))
    expect(fixPrs).toHaveLength(1)
    expect(fixPrs[0]!.base.ref).toBe('feature')
    expect(fixPrs[0]!.draft).toBe(true)
    expect(JSON.parse(run.outputs.result)).toBeTypeOf('object')
  })

  it('does nothing on its own fix-up branch (no loop on its own pushes)', async () => {
    const before = env.ai.requests.length
    const run = await runAction({
      eventName: 'workflow_run',
      payload: workflowRunEvent({
        owner: OWNER,
        repo: REPO,
        runId: 5151,
        headBranch: 'pitcrew/fix-5150',
        headSha: env.headSha,
        actor: 'alice',
      }),
      repository: `${OWNER}/${REPO}`,
      workspace: env.repo.work,
      inputs: {
        'github-token': 'test-token',
        'anthropic-api-key': API_KEY,
        'test-command': VITEST,
      },
      env: { GITHUB_API_URL: env.emu.url, ANTHROPIC_BASE_URL: env.ai.url },
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.outputs.outcome).toBe('skipped')
    expect(env.ai.requests.length).toBe(before)
    expect(pulls(env).filter((p) => p.head.ref.startsWith('pitcrew/fix-'))).toHaveLength(1)
  })
})
