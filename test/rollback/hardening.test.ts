import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RollbackConfig } from '../../src/config/types.js'
import { ConfigError } from '../../src/config/types.js'
import {
  APPROVE_DEPLOYMENT_ENV,
  APPROVE_TARGET_ENV,
  runRollback,
} from '../../src/rollback/index.js'
import { chooseDeployment } from '../../src/rollback/select.js'
import { startAnthropicServer } from '../harness/anthropic-server.js'
import { startGitHubEmulator, type GitHubEmulator } from '../harness/github-emulator.js'
import { addDeployments, OWNER, REPO, rollbackDeps } from './deps.js'
import { analysisConfig, fakeClock, rollbackConfig, scriptProvider } from './fixtures.js'

const OLD = 'c'.repeat(40)
const GOOD = 'a'.repeat(40)
const BAD = 'b'.repeat(40)

let gh: GitHubEmulator
let oldId: number
let goodId: number
let badId: number
beforeEach(async () => {
  gh = await startGitHubEmulator()
  gh.addRepo({ owner: OWNER, repo: REPO })
  ;[oldId, goodId, badId] = addDeployments(gh, [OLD, GOOD, BAD])
})
afterEach(() => gh.close())

const writes = () => gh.requests.filter((q) => q.method !== 'GET')
const cfg = (over: Partial<RollbackConfig> = {}) =>
  rollbackConfig({
    incidentIssue: false,
    analysis: analysisConfig({ intervalSeconds: 30, count: 5, consecutiveFailures: 2 }),
    ...over,
  })

describe('manual approval: the target changed since the approval', () => {
  it('does not act, fails the step, and names the new target', async () => {
    const config = cfg({ approval: 'manual' })
    const watched = await runRollback(rollbackDeps({ githubUrl: gh.url, rollback: config }), {
      ...fakeClock(),
      provider: scriptProvider([0.5]),
    })
    expect(watched.outcome).toBe('awaiting-approval')
    expect(watched.result.approval).toEqual({ deploymentId: badId, targetSha: GOOD })

    // While the approval waits, the prepared target is found bad too: the latest good one is OLD.
    const deps = rollbackDeps({
      githubUrl: gh.url,
      rollback: config,
      env: { [APPROVE_DEPLOYMENT_ENV]: String(badId), [APPROVE_TARGET_ENV]: GOOD },
    })
    await deps.octokit!.rest.repos.createDeploymentStatus({
      owner: OWNER,
      repo: REPO,
      deployment_id: goodId,
      state: 'failure',
    })
    const before = writes().length
    const provider = scriptProvider([0.5])
    const r = await runRollback(deps, { ...fakeClock(), provider })
    expect(r.outcome).toBe('skipped')
    expect(r.result).toMatchObject({
      guard: 'target-changed',
      approvedTargetSha: GOOD,
      target: { deploymentId: oldId, sha: OLD },
    })
    expect(r.failure).toMatch(/approved rollback target aaaaaaa is no longer .* \(now ccccccc\)/)
    expect(provider.calls).toBe(0)
    // Nothing written: no rollback deployment to OLD, no status on the bad deployment.
    expect(writes().length).toBe(before)
    const deps2 = gh.state.repos.get(`${OWNER}/${REPO}`)!.deployments
    expect(deps2).toHaveLength(3)
  })
})

describe('the target changes during the watch (auto approval)', () => {
  it('rolls back to the new latest good deployment and reports that one', async () => {
    const deps = rollbackDeps({ githubUrl: gh.url, rollback: cfg() })
    const provider = scriptProvider([0.5], async (call) => {
      if (call === 1)
        await deps.octokit!.rest.repos.createDeploymentStatus({
          owner: OWNER,
          repo: REPO,
          deployment_id: goodId,
          state: 'failure',
        })
    })
    const r = await runRollback(deps, { ...fakeClock(), provider })
    expect(r.outcome).toBe('rolled-back')
    expect(r.result.target).toEqual({ deploymentId: oldId, sha: OLD })
    const created = gh.state.repos.get(`${OWNER}/${REPO}`)!.deployments.at(-1)!
    expect(created).toMatchObject({ sha: OLD, payload: { pitcrew: { rollback_of: badId } } })
    expect(r.summary).toContain('rollback target: deployment ' + oldId)
    expect(deps.log.lines.some((l) => l.includes('The rollback target changed'))).toBe(true)
  })
})

describe('which deployment is watched', () => {
  it('chooseDeployment: approval > event > config id > latest of the environment', () => {
    const config = { deploymentId: 7, environment: 'production' }
    expect(chooseDeployment({ approvedOf: '9', eventDeploymentId: 8, config })).toEqual({
      kind: 'id',
      id: 9,
      source: 'approval',
    })
    const ev = chooseDeployment({ eventDeploymentId: 8, config })
    expect(ev).toMatchObject({ kind: 'id', id: 8, source: 'event' })
    expect(ev.warning).toMatch(/rollback.deployment-id 7 is ignored: the event names deployment 8/)
    expect(chooseDeployment({ eventDeploymentId: 7, config }).warning).toBeUndefined()
    expect(chooseDeployment({ config })).toEqual({ kind: 'id', id: 7, source: 'config' })
    expect(chooseDeployment({ config: { environment: 'production' } })).toEqual({
      kind: 'latest',
      environment: 'production',
    })
    expect(chooseDeployment({ config: {} })).toEqual({ kind: 'none' })
    expect(() => chooseDeployment({ approvedOf: 'abc', config })).toThrow(ConfigError)
  })

  it('an explicit rollback.deployment-id wins over the latest deployment of the environment', async () => {
    // GOOD is watched by id: the rollback goes to OLD (the latest good one before GOOD), and the
    // newer BAD deployment, the latest of the environment, is left alone.
    const r = await runRollback(
      rollbackDeps({ githubUrl: gh.url, rollback: cfg({ deploymentId: goodId }) }),
      { ...fakeClock(), provider: scriptProvider([0.5]) },
    )
    expect(r.outcome).toBe('rolled-back')
    expect(r.result).toMatchObject({
      deploymentId: goodId,
      target: { deploymentId: oldId, sha: OLD },
    })
  })

  it("the event's deployment wins over rollback.deployment-id, with a warning", async () => {
    const deps = rollbackDeps({
      githubUrl: gh.url,
      rollback: cfg({ deploymentId: goodId }),
      route: { deploymentId: badId, environment: 'production' },
    })
    const r = await runRollback(deps, { ...fakeClock(), provider: scriptProvider([0.01]) })
    expect(r.outcome).toBe('healthy')
    expect(r.result.deploymentId).toBe(badId)
    expect(deps.log.lines.some((l) => l.includes(`deployment-id ${goodId} is ignored`))).toBe(true)
  })

  it('a deployment to another environment than rollback.environment is not judged or acted on', async () => {
    const preview = gh.addDeployment({
      owner: OWNER,
      repo: REPO,
      sha: 'd'.repeat(40),
      environment: 'preview',
      statuses: ['success'],
    })
    const provider = scriptProvider([0.5])
    const r = await runRollback(
      rollbackDeps({
        githubUrl: gh.url,
        rollback: cfg({ environment: 'production' }),
        route: { deploymentId: preview, environment: 'preview' },
      }),
      { ...fakeClock(), provider },
    )
    expect(r.outcome).toBe('skipped')
    expect(r.result).toMatchObject({ deploymentId: preview, guard: 'other-environment' })
    expect(r.result.reason).toMatch(/is to 'preview', but rollback.environment is 'production'/)
    expect(provider.calls).toBe(0)
    expect(writes()).toEqual([])
  })
})

describe('a watch longer than timeout-minutes', () => {
  it('ends at the deadline as inconclusive with the measurements so far, never healthy', async () => {
    // 5 x 30 s does not fit in 1 minute: measurements at 0 s and 30 s; the one at 60 s is not taken.
    const clock = fakeClock()
    const provider = scriptProvider([0.01])
    const deps = rollbackDeps({ githubUrl: gh.url, rollback: cfg(), timeoutMinutes: 1 })
    const r = await runRollback(deps, { ...clock, provider })
    expect(r.outcome).toBe('inconclusive')
    expect(r.result.decision).toMatchObject({ kind: 'inconclusive', n: 2 })
    expect((r.result.decision as { reason: string }).reason).toMatch(
      /watch ended after 2 of 5 measurements: timeout-minutes \(1\) reached/,
    )
    expect(provider.calls).toBe(2)
    expect(clock.sleeps).toEqual([30_000])
    expect((r.result.metrics as { values: number[] }[])[0]!.values).toEqual([0.01, 0.01])
    expect(r.failure).toBeUndefined()
    expect(r.summary).toMatch(/## pitcrew rollback: inconclusive/)
    expect(r.summary).toMatch(/\| 2 \| .* \| 0.01 \| ✅ pass \|/)
    expect(deps.log.lines.some((l) => /does not fit in timeout-minutes \(1\)/.test(l))).toBe(true)
    expect(writes()).toEqual([])
  })

  it('a rollback decided before the deadline is still carried out', async () => {
    const r = await runRollback(
      rollbackDeps({ githubUrl: gh.url, rollback: cfg(), timeoutMinutes: 1 }),
      { ...fakeClock(), provider: scriptProvider([0.5]) },
    )
    expect(r.outcome).toBe('rolled-back')
    expect(r.result.decision).toMatchObject({ kind: 'rollback', n: 2 })
  })

  it('an initial delay past the deadline takes no measurement', async () => {
    const provider = scriptProvider([0.01])
    const r = await runRollback(
      rollbackDeps({
        githubUrl: gh.url,
        rollback: cfg({ analysis: analysisConfig({ initialDelaySeconds: 120 }) }),
        timeoutMinutes: 1,
      }),
      { ...fakeClock(), provider },
    )
    expect(r.outcome).toBe('inconclusive')
    expect(r.result.decision).toMatchObject({ kind: 'inconclusive', n: 0 })
    expect(provider.calls).toBe(0)
  })

  it('the runner cancelling the step (SIGTERM) mid-watch: partial report, inconclusive', async () => {
    // The signal arrives during the 3rd measurement: that round is discarded, not judged.
    const provider = scriptProvider([0.01], (call) => {
      if (call === 3) process.emit('SIGTERM', 'SIGTERM')
    })
    const r = await runRollback(rollbackDeps({ githubUrl: gh.url, rollback: cfg() }), {
      ...fakeClock(),
      provider,
    })
    expect(r.outcome).toBe('inconclusive')
    expect(r.result.decision).toMatchObject({ kind: 'inconclusive', n: 2 })
    expect((r.result.decision as { reason: string }).reason).toMatch(
      /after 2 of 5 measurements: the runner sent SIGTERM/,
    )
    expect(process.listenerCount('SIGTERM')).toBe(0)
    expect(writes()).toEqual([])
  })
})

describe('incident summary over budget', () => {
  it('the cost ceiling is spent: no model call, templated summary, the rollback stands', async () => {
    const fa = await startAnthropicServer()
    try {
      const deps = rollbackDeps({
        githubUrl: gh.url,
        rollback: cfg(),
        anthropicUrl: fa.url,
        maxCostUsd: 0,
      })
      const r = await runRollback(deps, { ...fakeClock(), provider: scriptProvider([0.5]) })
      expect(r.outcome).toBe('rolled-back')
      expect(fa.requests).toHaveLength(0)
      expect(r.summary).toContain('### Incident summary')
      expect(r.summary).toContain('Triggering measurement: errors #2 = 0.5')
      expect(deps.log.lines.some((l) => /cost ceiling .* spent.*templated summary/.test(l))).toBe(
        true,
      )
    } finally {
      await fa.close()
    }
  })
})
