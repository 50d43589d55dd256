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

describe.skipIf(!existsSync(bundle))(
  'a rollback job cancelled while it rolls back (bundle)',
  () => {
    const rollbacks = () =>
      gh.state.repos
        .get(`${OWNER}/${REPO}`)!
        .deployments.filter(
          (d) =>
            (d.payload as { pitcrew?: { rollback_of?: number } }).pitcrew?.rollback_of === badId,
        )
    const run = (cancel?: Parameters<typeof runAction>[0]['cancel']) =>
      runAction({
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
        ...(cancel ? { cancel } : {}),
      })

    it('SIGTERM while the rollback deployment POST is in flight: it completes, nothing new starts; the rerun completes the records once', async () => {
      metrics.reply(() => ({ json: { data: { value: 0.5 } } }))
      let arrived = false
      gh.onRequest((q) => {
        if (q.method === 'POST' && /\/deployments$/.test(q.path)) arrived = true
      })
      gh.fault({ method: 'POST', path: /\/deployments$/, status: 201, hold: true, delayMs: 1_500 })
      const first = await run({
        signal: 'SIGTERM',
        when: () => waitUntil(() => arrived, 'the rollback deployment POST'),
      })
      expect(first.exitCode, first.stdout).not.toBe(0)
      expect(first.cancelledAfterMs).toBeLessThan(7_000)
      expect(first.outputs.mode).toBe('rollback')
      expect(first.outputs.outcome, first.stdout).toBe('cancelled')
      expect(first.summary).toMatch(/## pitcrew rollback: cancelled/)
      // The held write is answered (and applied) whenever GitHub finishes it, maybe after exit.
      await waitUntil(
        () => gh.requests.some((r) => r.method === 'POST' && /\/deployments$/.test(r.path)),
        'the rollback deployment POST to be answered',
        15_000,
      )
      // The deployment in flight was created once; no status was started after the signal.
      expect(rollbacks()).toHaveLength(1)
      const posted = gh.requests.filter((r) => r.method === 'POST' && /statuses$/.test(r.path))
      expect(posted).toEqual([])

      gh.clearFaults()
      const second = await run()
      expect(second.outputs.outcome, second.stdout).toBe('rolled-back')
      expect(rollbacks()).toHaveLength(1)
      expect(
        rollbacks()[0]!
          .statuses.map((s) => s.state)
          .reverse(),
      ).toEqual(['in_progress', 'success'])
      const bad = gh.state.repos.get(`${OWNER}/${REPO}`)!.deployments.find((d) => d.id === badId)!
      expect(bad.statuses.filter((s) => s.state === 'failure')).toHaveLength(1)
    })
  },
)
