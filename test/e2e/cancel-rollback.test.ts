/**
 * A cancelled rollback job, through the bundle: the runner signals node during the metric
 * watch. The watch ends with what it measured, nothing is rolled back or marked, and outputs
 * and the job summary say `cancelled`, with the partial measurements in the summary.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { deploymentStatusEvent } from '../harness/events.js'
import { startGitHubEmulator, type GitHubEmulator } from '../harness/github-emulator.js'
import { runAction, waitUntil } from '../harness/run-action.js'
import { addDeployments, OWNER, REPO } from '../rollback/deps.js'
import { startLoopback, type Loopback } from '../rollback/loopback.js'

const bundle = resolve(import.meta.dirname, '../../dist/index.js')
const GOOD = 'a'.repeat(40)
const BAD = 'b'.repeat(40)

let gh: GitHubEmulator
let metrics: Loopback
let workspace: string
let badId: number
beforeEach(async () => {
  gh = await startGitHubEmulator()
  gh.addRepo({ owner: OWNER, repo: REPO })
  ;[, badId] = addDeployments(gh, [GOOD, BAD])
  metrics = await startLoopback()
  workspace = mkdtempSync(join(tmpdir(), 'pitcrew-cancel-rb-'))
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
      '    count: 30',
      '    consecutive-failures: 2',
      '',
    ].join('\n'),
  )
})
afterEach(async () => {
  await gh.close()
  await metrics.close()
  rmSync(workspace, { recursive: true, force: true })
})

describe.skipIf(!existsSync(bundle))('a cancelled rollback job (bundle)', () => {
  it('SIGTERM during the metric watch: outcome cancelled, partial measurements, nothing rolled back', async () => {
    // Healthy so far: the watch would go on for 30 s.
    metrics.reply(() => ({ json: { data: { value: 0.01 } } }))
    const deploymentsBefore = gh.state.repos.get(`${OWNER}/${REPO}`)!.deployments.length
    const run = await runAction({
      spawn: true,
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
      cancel: {
        signal: 'SIGTERM',
        when: () => waitUntil(() => metrics.requests.length >= 2, 'two measurements'),
      },
    })
    expect(run.exitCode, run.stdout).not.toBe(0)
    expect(run.cancelledAfterMs).toBeLessThan(7_000)
    expect(run.outputs.mode).toBe('rollback')
    expect(run.outputs.outcome, run.stdout).toBe('cancelled')
    const result = JSON.parse(run.outputs.result) as { partial?: Record<string, unknown> }
    // The watch's own account of the interrupted evidence: never healthy.
    expect(result.partial?.outcome).toBe('inconclusive')
    expect(run.summary).toMatch(/## pitcrew rollback: cancelled/)
    expect(run.summary).toMatch(/the runner sent SIGTERM/)
    // Nothing rolled back, nothing marked.
    expect(gh.state.repos.get(`${OWNER}/${REPO}`)!.deployments.length).toBe(deploymentsBefore)
    expect(gh.requests.filter((r) => r.method !== 'GET')).toEqual([])
  })
})
