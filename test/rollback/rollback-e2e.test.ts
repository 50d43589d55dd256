import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { MetricConfig, RollbackConfig } from '../../src/config/types.js'
import { runRollback, type RollbackRuntime } from '../../src/rollback/index.js'
import { ROLLED_BACK_MARKER } from '../../src/rollback/safety.js'
import { startGitHubEmulator, type GitHubEmulator } from '../harness/github-emulator.js'
import { OWNER, REPO, rollbackDeps } from './deps.js'
import { analysisConfig, metricConfig, rollbackConfig } from './fixtures.js'
import {
  PROMETHEUS_MISSING,
  prometheusBinary,
  startPrometheus,
  type PrometheusHarness,
} from './prometheus-harness.js'

const has = prometheusBinary() !== null
if (!has) console.warn(PROMETHEUS_MISSING)

const GOOD = 'a'.repeat(40)
const BAD = 'b'.repeat(40)

/**
 * A runtime whose `sleep` moves the exporter to the next scripted value and waits until the real
 * Prometheus has scraped it: the watch sees exactly the scripted series, with no wall-clock race.
 */
async function scripted(
  p: PrometheusHarness,
  gauge: string,
  values: number[],
  onSleep?: (i: number) => Promise<void>,
): Promise<Partial<RollbackRuntime> & { slept: number }> {
  let i = 0
  p.exporter.set(gauge, values[0]!)
  await p.waitForValue(gauge, values[0]!)
  const rt = {
    slept: 0,
    now: () => Date.now(),
    sleep: async () => {
      rt.slept++
      i++
      if (onSleep) await onSleep(i)
      if (i < values.length && p.running()) {
        p.exporter.set(gauge, values[i]!)
        await p.waitForValue(gauge, values[i]!)
      }
    },
  }
  return rt
}

function promMetric(
  p: PrometheusHarness,
  name: string,
  query: string,
  over: Partial<MetricConfig> = {},
): MetricConfig {
  return metricConfig({
    name,
    provider: { type: 'prometheus', address: p.url, query, headers: {}, timeoutSeconds: 2 },
    condition: { max: 0.05 },
    ...over,
  })
}

describe.skipIf(!has)('runRollback end to end: real Prometheus + GitHub emulator', () => {
  let p: PrometheusHarness
  let gh: GitHubEmulator
  let badId: number
  let goodId: number
  beforeAll(async () => {
    p = await startPrometheus({ warmup: 1 })
  })
  afterAll(() => p?.stop())
  beforeEach(async () => {
    gh = await startGitHubEmulator()
    gh.addRepo({ owner: OWNER, repo: REPO })
    goodId = gh.addDeployment({
      owner: OWNER,
      repo: REPO,
      sha: GOOD,
      environment: 'production',
      statuses: ['success'],
    })
    badId = gh.addDeployment({
      owner: OWNER,
      repo: REPO,
      sha: BAD,
      environment: 'production',
      statuses: ['in_progress', 'success'],
    })
  })
  afterEach(() => gh.close())

  const deployments = () => gh.state.repos.get(`${OWNER}/${REPO}`)!.deployments
  const cfg = (metrics: MetricConfig[], over: Partial<RollbackConfig> = {}) =>
    rollbackConfig({
      metrics,
      analysis: analysisConfig({
        intervalSeconds: 1,
        count: 6,
        consecutiveFailures: 2,
        maxFailures: 5,
      }),
      ...over,
    })

  it('a healthy deploy: no rollback, nothing written to GitHub', async () => {
    const rt = await scripted(p, 'h_ratio', [0.01, 0.05, 0.01])
    const deps = rollbackDeps({
      githubUrl: gh.url,
      rollback: cfg([promMetric(p, 'errors', 'h_ratio')], {
        analysis: analysisConfig({ intervalSeconds: 1, count: 3 }),
      }),
    })
    const r = await runRollback(deps, rt)
    expect(r.outcome).toBe('healthy')
    expect(r.result.decision).toMatchObject({ kind: 'healthy', n: 3 })
    expect(r.failure).toBeUndefined()
    expect(deployments()).toHaveLength(2)
    expect(gh.requests.filter((q) => q.method !== 'GET')).toEqual([])
    expect(r.summary).toContain('xychart-beta')
  })

  it('error rate crossing the bound: rolls back at exactly the configured measurement, then loop guards hold', async () => {
    // consecutive-failures 2: failures at #2, #4, #5 -> the run of two completes at #5.
    const rt = await scripted(p, 'x_ratio', [0.01, 0.2, 0.01, 0.2, 0.2, 0.01])
    const config = cfg([promMetric(p, 'errors', 'x_ratio')])
    // The PR that introduced the bad sha (merged by fast-forward: its merge commit is its head).
    const pr = gh.addPull({
      owner: OWNER,
      repo: REPO,
      base: { ref: 'main', sha: GOOD },
      head: { ref: 'feature/slow', sha: BAD },
      title: 'Make checkout slower',
      mergeCommitSha: BAD,
    })
    const deps = rollbackDeps({ githubUrl: gh.url, rollback: config })
    const r = await runRollback(deps, rt)
    expect(r.outcome).toBe('rolled-back')
    expect(r.result.decision).toMatchObject({
      kind: 'rollback',
      n: 5,
      metric: 'errors',
      rule: 'consecutive-failures',
    })
    expect(rt.slept).toBe(4) // measured 5 times, not 6
    expect(r.failure).toMatch(new RegExp(`Deployment ${badId} was rolled back`))
    expect(r.result.target).toEqual({ deploymentId: goodId, sha: GOOD })

    // The rollback deployment: target sha, guarded body, payload naming the bad deployment.
    const created = gh.requests.find((q) => q.method === 'POST' && q.path.endsWith('/deployments'))!
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      ref: GOOD,
      environment: 'production',
      auto_merge: false,
      required_contexts: [],
      payload: { pitcrew: { rollback_of: badId } },
    })
    const rollbackDep = deployments().at(-1)!
    expect(rollbackDep.sha).toBe(GOOD)
    // The emulator keeps statuses newest first, as GitHub lists them.
    expect(rollbackDep.statuses.map((s) => s.state)).toEqual(['success', 'in_progress'])
    const bad = deployments().find((d) => d.id === badId)!
    expect(bad.statuses[0]!.state).toBe('failure')
    expect(bad.statuses[0]!.description.startsWith(ROLLED_BACK_MARKER)).toBe(true)
    expect(bad.statuses[0]!.description.length).toBeLessThanOrEqual(140)
    // The incident issue, labelled, with the templated summary (no model configured).
    const repoState = gh.state.repos.get(`${OWNER}/${REPO}`)!
    const issues = [...repoState.issues.values()]
    expect(issues).toHaveLength(1)
    const issue = issues[0]!
    expect(issue.labels.map((l) => l.name)).toEqual(['pitcrew'])
    expect(issue.state).toBe('open')
    expect(issue.body).toContain(`<!-- pitcrew:rollback:${badId} -->`)
    expect(issue.body).toContain('Triggering measurement: errors #5 = 0.2')
    expect(r.result).toMatchObject({ issue: issue.number, pull: pr })
    // The incident comment reaches the PR that introduced the bad sha, linking the issue.
    const prComments = repoState.comments.filter((c) => c.issueNumber === pr)
    expect(prComments).toHaveLength(1)
    expect(prComments[0]!.body).toContain(`pitcrew rolled back \`${BAD.slice(0, 7)}\``)
    expect(prComments[0]!.body).toContain(`Incident: #${issue.number}`)
    expect(deps.log.lines.filter((l) => l.includes('Could not'))).toEqual([])
    expect(gh.unhandled).toEqual([])
    expect(r.summary).toContain('**Triggering measurement**: `errors` #5')
    expect(r.summary).toMatch(/\| 5 \| .* \| 0.2 \| ❌ fail \|/)

    // Rerun for the same deployment (a re-run of the deployment_status workflow): does nothing.
    const before = gh.requests.filter((q) => q.method !== 'GET').length
    const rerun = await runRollback(
      rollbackDeps({ githubUrl: gh.url, rollback: config, route: { deploymentId: badId } }),
      await scripted(p, 'x_ratio', [0.2]),
    )
    expect(rerun.outcome).toBe('skipped')
    expect(rerun.result.guard).toBe('already-rolled-back')
    // The rollback deployment itself is never rolled back.
    const loop = await runRollback(
      rollbackDeps({
        githubUrl: gh.url,
        rollback: config,
        route: { deploymentId: rollbackDep.id },
      }),
      await scripted(p, 'x_ratio', [0.2]),
    )
    expect(loop.outcome).toBe('skipped')
    expect(loop.result.guard).toBe('is-rollback')
    expect(gh.requests.filter((q) => q.method !== 'GET').length).toBe(before)
  })

  it('a metric with no data: inconclusive, no rollback', async () => {
    const rt = await scripted(p, 'nd_other', [1, 1, 1, 1, 1, 1])
    const deps = rollbackDeps({
      githubUrl: gh.url,
      rollback: cfg([promMetric(p, 'errors', 'sum(rate(nd_requests_total{code="500"}[1m]))')]),
    })
    const r = await runRollback(deps, rt)
    expect(r.outcome).toBe('inconclusive')
    expect(r.result.decision).toMatchObject({ kind: 'inconclusive', n: 3, metric: 'errors' })
    expect(deployments()).toHaveLength(2)
    expect(r.failure).toBeUndefined()
  })

  it('a baseline regression below the absolute bound rolls back', async () => {
    // Pre-deploy: about 1% for ~5 s. Then the deploy; after it a steady 3%, below max 5%.
    const pre = [0.01, 0.011, 0.009, 0.012, 0.0105, 0.0095, 0.0115, 0.0098, 0.0102, 0.0108]
    for (const v of pre) {
      p.exporter.set('bl_ratio', v)
      await new Promise((res) => setTimeout(res, 500))
    }
    const deployed = gh.addDeployment({
      owner: OWNER,
      repo: REPO,
      sha: 'c'.repeat(40),
      environment: 'production',
      statuses: ['success'],
    })
    const rt = await scripted(p, 'bl_ratio', [0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03])
    const metric = promMetric(p, 'errors', 'bl_ratio', {
      baseline: { window: '5s', confidence: 0.98, direction: 'increase', maxRatio: 2 },
    })
    const deps = rollbackDeps({
      githubUrl: gh.url,
      rollback: cfg([metric], {
        analysis: analysisConfig({
          intervalSeconds: 1,
          count: 8,
          consecutiveFailures: 2,
          maxFailures: 0,
        }),
      }),
      route: { deploymentId: deployed },
    })
    const r = await runRollback(deps, rt)
    expect(r.outcome).toBe('rolled-back')
    expect(r.result.decision).toMatchObject({ kind: 'rollback', rule: 'consecutive-failures' })
    expect((r.result.decision as { reason: string }).reason).toMatch(/increase vs baseline/)
    const values = (r.result.metrics as { values: number[] }[])[0]!.values
    expect(values.every((v) => v === 0.03)).toBe(true)
    expect(deps.log.lines.some((l) => /Baseline of 'errors': \d+ samples/.test(l))).toBe(true)
    // The rollback goes to the newest good deployment before it: the old bad one had a different sha.
    expect(r.result.target).toMatchObject({ sha: BAD })
  })
})

describe.skipIf(!has)('runRollback: Prometheus stopped mid-watch', () => {
  it('applies the provider-error policy (inconclusive), never a silent pass', async () => {
    const p = await startPrometheus({ warmup: 1 })
    const gh = await startGitHubEmulator()
    try {
      gh.addRepo({ owner: OWNER, repo: REPO })
      gh.addDeployment({
        owner: OWNER,
        repo: REPO,
        sha: GOOD,
        environment: 'production',
        statuses: ['success'],
      })
      gh.addDeployment({
        owner: OWNER,
        repo: REPO,
        sha: BAD,
        environment: 'production',
        statuses: ['success'],
      })
      const rt = await scripted(
        p,
        'down_ratio',
        [0.01, 0.01, 0.01, 0.01, 0.01, 0.01],
        async (i) => {
          if (i === 2) await p.stop()
        },
      )
      const metric = metricConfig({
        name: 'errors',
        provider: {
          type: 'prometheus',
          address: p.url,
          query: 'down_ratio',
          headers: {},
          timeoutSeconds: 2,
        },
        condition: { max: 0.05 },
      })
      const deps = rollbackDeps({
        githubUrl: gh.url,
        rollback: rollbackConfig({
          metrics: [metric],
          analysis: analysisConfig({ intervalSeconds: 1, count: 6, maxInconclusive: 2 }),
        }),
      })
      const r = await runRollback(deps, rt)
      expect(r.outcome).toBe('inconclusive')
      expect(r.result.decision).toMatchObject({ kind: 'inconclusive', n: 4, metric: 'errors' })
      expect((r.result.decision as { reason: string }).reason).toMatch(
        /provider error .*provider-error policy: inconclusive/,
      )
      expect((r.result.metrics as { values: (number | null)[] }[])[0]!.values).toEqual([
        0.01,
        0.01,
        null,
        null,
      ])
    } finally {
      await gh.close()
      await p.stop()
    }
  })
})
