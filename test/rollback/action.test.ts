import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { deploymentStatusEvent } from '../harness/events.js'
import { startGitHubEmulator, type GitHubEmulator } from '../harness/github-emulator.js'
import { runAction } from '../harness/run-action.js'
import { addDeployments, OWNER, REPO } from './deps.js'
import { startLoopback, type Loopback } from './loopback.js'

const GOOD = 'a'.repeat(40)
const BAD = 'b'.repeat(40)

/**
 * The whole action in-process (inputs, routing, outputs, job summary, step status) on a
 * `deployment_status` event, measuring an http provider on loopback every second.
 */
let gh: GitHubEmulator
let metrics: Loopback
let workspace: string
let goodId: number
let badId: number
beforeEach(async () => {
  gh = await startGitHubEmulator()
  gh.addRepo({ owner: OWNER, repo: REPO })
  ;[goodId, badId] = addDeployments(gh, [GOOD, BAD])
  metrics = await startLoopback()
  workspace = mkdtempSync(join(tmpdir(), 'pitcrew-rb-action-'))
})
afterEach(async () => {
  await gh.close()
  await metrics.close()
  rmSync(workspace, { recursive: true, force: true })
})

function writeConfig(extra: string[] = []): void {
  mkdirSync(join(workspace, '.github'), { recursive: true })
  writeFileSync(
    join(workspace, '.github', 'pitcrew.yml'),
    [
      'rollback:',
      '  environment: production',
      '  metrics:',
      '    - name: errors',
      '      provider:',
      '        type: http',
      `        url: ${metrics.url}/error-rate`,
      '        json-path: data.value',
      '      condition: { max: 0.05 }',
      '  analysis:',
      '    interval: 1s',
      '    count: 4',
      '    consecutive-failures: 2',
      ...extra,
      '',
    ].join('\n'),
  )
}

const run = () =>
  runAction({
    eventName: 'deployment_status',
    payload: deploymentStatusEvent({
      owner: OWNER,
      repo: REPO,
      deploymentId: badId,
      sha: BAD,
      environment: 'production',
    }),
    repository: `${OWNER}/${REPO}`,
    workspace,
    inputs: { 'github-token': 'test-token' },
    env: { GITHUB_API_URL: gh.url, ANTHROPIC_API_KEY: undefined },
  })

describe('rollback mode through the action', () => {
  it('rolls back, fails the step (fail-on-rollback default), and reports outcome, decision and target', async () => {
    writeConfig()
    metrics.reply(() => ({ json: { data: { value: 0.5 } } }))
    const r = await run()
    expect(r.exitCode, r.stdout).toBe(1)
    expect(r.stdout).toMatch(new RegExp(`::error::Deployment ${badId} was rolled back`))
    expect(r.outputs.mode).toBe('rollback')
    expect(r.outputs.outcome).toBe('rolled-back')
    const result = JSON.parse(r.outputs.result!) as Record<string, unknown>
    expect(result).toMatchObject({
      deploymentId: badId,
      sha: BAD,
      decision: { kind: 'rollback', n: 2, metric: 'errors', rule: 'consecutive-failures' },
      target: { deploymentId: goodId, sha: GOOD },
      method: 'github-deployment',
    })
    expect(result.rollbackDeploymentId).toEqual(expect.any(Number))
    expect(metrics.requests).toHaveLength(2)
    expect(r.summary).toContain('## pitcrew rollback: roll back')
    expect(r.summary).toContain('xychart-beta')
    expect(r.summary).toContain('### Usage')
    expect(r.summary).not.toContain('test-token')
    const created = gh.state.repos.get(`${OWNER}/${REPO}`)!.deployments.at(-1)!
    expect(created).toMatchObject({ sha: GOOD, payload: { pitcrew: { rollback_of: badId } } })
  })

  it('fail-on-rollback: false rolls back with the step green', async () => {
    writeConfig(['  fail-on-rollback: false'])
    metrics.reply(() => ({ json: { data: { value: 0.5 } } }))
    const r = await run()
    expect(r.exitCode, r.stdout).toBe(0)
    expect(r.outputs.outcome).toBe('rolled-back')
    expect(JSON.parse(r.outputs.result!)).toMatchObject({ target: { sha: GOOD } })
  })

  it('no data: outcome inconclusive, step green, nothing rolled back', async () => {
    writeConfig(['    max-inconclusive: 2'])
    metrics.reply(() => ({ json: { data: { value: null } } }))
    const r = await run()
    expect(r.exitCode, r.stdout).toBe(0)
    expect(r.outputs.outcome).toBe('inconclusive')
    expect(JSON.parse(r.outputs.result!)).toMatchObject({
      decision: { kind: 'inconclusive', n: 2, metric: 'errors' },
    })
    expect(gh.state.repos.get(`${OWNER}/${REPO}`)!.deployments).toHaveLength(2)
  })
})
