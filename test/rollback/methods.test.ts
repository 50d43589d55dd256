import { chmodSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RollbackConfig, RollbackMethod } from '../../src/config/types.js'
import {
  runRollback,
  APPROVE_DEPLOYMENT_ENV,
  APPROVE_TARGET_ENV,
} from '../../src/rollback/index.js'
import { methodCommands, shellQuote } from '../../src/rollback/methods/index.js'
import { startGitHubEmulator, type GitHubEmulator } from '../harness/github-emulator.js'
import { startAnthropicServer, textReply, type FakeAnthropic } from '../harness/anthropic-server.js'
import { addDeployments, OWNER, REPO, rollbackDeps } from './deps.js'
import {
  analysisConfig,
  fakeClock,
  metricConfig,
  rollbackConfig,
  scriptProvider,
} from './fixtures.js'

const GOOD = 'a'.repeat(40)
const BAD = 'b'.repeat(40)

/** Executables on PATH that record their arguments and exit as told. */
function fakeTools(): {
  bin: string
  log: string
  fail: (pattern: string) => void
  calls: () => string[]
} {
  const bin = mkdtempSync(join(tmpdir(), 'pitcrew-bin-'))
  const log = join(bin, 'calls.log')
  const failFile = join(bin, 'fail-pattern')
  const tool = (name: string) => {
    writeFileSync(
      join(bin, name),
      `#!/usr/bin/env bash
if [ "${name}" = kubectl ] && [ "$1" = argo ] && [ "$2" = rollouts ]; then shift 2; exec kubectl-argo-rollouts "$@"; fi
echo "${name} $*" >> ${shellQuote(log)}
echo "${name}: ok $*"
if [ -f ${shellQuote(failFile)} ] && [[ "${name} $*" == *$(cat ${shellQuote(failFile)})* ]]; then echo "${name}: error: simulated failure" >&2; exit 1; fi
exit 0
`,
    )
    chmodSync(join(bin, name), 0o755)
  }
  ;['kubectl', 'helm', 'kubectl-argo-rollouts'].forEach(tool)
  return {
    bin,
    log,
    fail: (pattern) => writeFileSync(failFile, pattern),
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []),
  }
}

let gh: GitHubEmulator
let badId: number
let goodId: number
beforeEach(async () => {
  gh = await startGitHubEmulator()
  gh.addRepo({ owner: OWNER, repo: REPO })
  ;[goodId, badId] = addDeployments(gh, [GOOD, BAD])
})
afterEach(() => gh.close())

const deployments = () => gh.state.repos.get(`${OWNER}/${REPO}`)!.deployments
const failing = [0.5, 0.5, 0.5]
const config = (method: RollbackMethod, over: Partial<RollbackConfig> = {}) =>
  rollbackConfig({ method, analysis: analysisConfig({ intervalSeconds: 30, count: 3 }), ...over })

describe('rollback methods with tools on PATH', () => {
  const cases: [string, RollbackMethod, string[]][] = [
    [
      'kubectl',
      {
        type: 'kubectl',
        resource: 'deployment/web',
        namespace: 'shop',
        revision: 3,
        context: 'prod',
        timeoutSeconds: 120,
      },
      [
        'kubectl --context prod rollout undo deployment/web -n shop --to-revision=3 --dry-run=server',
        'kubectl --context prod rollout undo deployment/web -n shop --to-revision=3',
        'kubectl --context prod rollout status deployment/web -n shop --timeout=120s',
      ],
    ],
    [
      'helm',
      { type: 'helm', release: 'web', namespace: 'shop', timeoutSeconds: 300 },
      ['helm rollback web -n shop --dry-run', 'helm rollback web -n shop --wait --timeout=300s'],
    ],
    [
      'argo-rollouts',
      { type: 'argo-rollouts', rollout: 'web', namespace: 'shop', revision: 2, timeoutSeconds: 60 },
      [
        'kubectl-argo-rollouts undo web -n shop --to-revision=2',
        'kubectl-argo-rollouts status web -n shop --timeout=60s',
      ],
    ],
  ]
  it.each(cases)(
    '%s: dry-run check, act, wait; recorded in GitHub',
    async (_n, method, expected) => {
      const tools = fakeTools()
      const deps = rollbackDeps({
        githubUrl: gh.url,
        rollback: config(method),
        env: { PATH: `${tools.bin}:${process.env.PATH}` },
      })
      const r = await runRollback(deps, { ...fakeClock(), provider: scriptProvider(failing) })
      expect(r.outcome).toBe('rolled-back')
      expect(tools.calls()).toEqual(expected)
      expect(deployments().at(-1)).toMatchObject({
        sha: GOOD,
        payload: { pitcrew: { rollback_of: badId, method: method.type } },
      })
    },
  )

  it('a failing dry-run check stops before acting; no marker, so a rerun retries', async () => {
    const tools = fakeTools()
    tools.fail('--dry-run')
    const method: RollbackMethod = {
      type: 'kubectl',
      resource: 'deployment/web',
      timeoutSeconds: 60,
    }
    const deps = rollbackDeps({
      githubUrl: gh.url,
      rollback: config(method),
      env: { PATH: `${tools.bin}:${process.env.PATH}` },
    })
    const r = await runRollback(deps, { ...fakeClock(), provider: scriptProvider(failing) })
    expect(r.outcome).toBe('would-roll-back')
    expect(r.failure).toMatch(/check failed \(exit code 1\).*simulated failure/)
    expect(tools.calls()).toEqual(['kubectl rollout undo deployment/web --dry-run=server'])
    expect(deployments()).toHaveLength(2)
    const bad = deployments().find((d) => d.id === badId)!
    expect(bad.statuses[0]).toMatchObject({
      state: 'failure',
      description: expect.stringContaining('FAILED'),
    })
    // The rerun acts (the failed attempt left no rolled-back marker).
    const again = rollbackDeps({
      githubUrl: gh.url,
      rollback: config(method),
      env: { PATH: `${tools.bin}:${process.env.PATH}` },
      route: { deploymentId: badId },
    })
    tools.fail('no-such-pattern')
    const r2 = await runRollback(again, { ...fakeClock(), provider: scriptProvider(failing) })
    expect(r2.outcome).toBe('rolled-back')
  })

  it('the tool rolled back but GitHub cannot record it: reported as rolled back, step failed', async () => {
    const tools = fakeTools()
    const method: RollbackMethod = {
      type: 'kubectl',
      resource: 'deployment/web',
      timeoutSeconds: 60,
    }
    const deps = () =>
      rollbackDeps({
        githubUrl: gh.url,
        rollback: config(method, { failOnRollback: false }),
        env: { PATH: `${tools.bin}:${process.env.PATH}` },
      })
    // GitHub refuses every deployment write: neither the record nor the marker can be written.
    gh.fault({ method: 'POST', path: /\/deployments(\/\d+\/statuses)?$/, status: 500, times: 100 })
    const r = await runRollback(deps(), { ...fakeClock(), provider: scriptProvider(failing) })
    expect(tools.calls()).toContain('kubectl rollout undo deployment/web')
    expect(r.outcome).toBe('rolled-back')
    expect(r.result.recordError).toEqual(expect.any(String))
    // Failed even with fail-on-rollback false: the guards of a rerun cannot see this rollback.
    expect(r.failure).toMatch(/was rolled back with kubectl, but GitHub could not record it/)
    expect(deployments()).toHaveLength(2)

    // Only the record fails, the marker status is written: the rollback stands, and a rerun
    // is stopped by the marker (a second `rollout undo` would go back to the bad revision).
    gh.clearFaults()
    gh.fault({ method: 'POST', path: /\/deployments$/, status: 500, times: 100 })
    const tools2 = fakeTools()
    const bad2 = gh.addDeployment({
      owner: OWNER,
      repo: REPO,
      sha: 'e'.repeat(40),
      environment: 'production',
      statuses: ['success'],
    })
    const second = rollbackDeps({
      githubUrl: gh.url,
      rollback: config(method, { failOnRollback: false }),
      route: { deploymentId: bad2 },
      env: { PATH: `${tools2.bin}:${process.env.PATH}` },
    })
    const r2 = await runRollback(second, { ...fakeClock(), provider: scriptProvider(failing) })
    expect(r2.outcome).toBe('rolled-back')
    expect(r2.failure).toBeUndefined()
    gh.clearFaults()
    const rerun = await runRollback(
      rollbackDeps({
        githubUrl: gh.url,
        rollback: config(method),
        route: { deploymentId: bad2 },
        env: { PATH: `${tools2.bin}:${process.env.PATH}` },
      }),
      { ...fakeClock(), provider: scriptProvider(failing) },
    )
    expect(rerun.result.guard).toBe('already-rolled-back')
    expect(tools2.calls().filter((c) => c.includes('rollout undo deployment/web'))).toHaveLength(2)
  })

  it('command: runs with the rollback facts in env and no tokens', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'pitcrew-cmd-')), 'env.txt')
    const method: RollbackMethod = {
      type: 'command',
      run: `env | grep -E '^(PITCREW_|GITHUB_TOKEN|DD_API_KEY)' | sort > ${shellQuote(out)}`,
      timeoutSeconds: 30,
    }
    const deps = rollbackDeps({
      githubUrl: gh.url,
      rollback: config(method),
      env: { GITHUB_TOKEN: 'ghs_secret', DD_API_KEY: 'dd-secret' },
    })
    const r = await runRollback(deps, { ...fakeClock(), provider: scriptProvider(failing) })
    expect(r.outcome).toBe('rolled-back')
    const env = readFileSync(out, 'utf8')
    expect(env).toContain(`PITCREW_TARGET_SHA=${GOOD}`)
    expect(env).toContain(`PITCREW_DEPLOYMENT_ID=${badId}`)
    expect(env).toContain(`PITCREW_TARGET_DEPLOYMENT_ID=${goodId}`)
    expect(env).toContain('PITCREW_ENVIRONMENT=production')
    expect(env).not.toContain('GITHUB_TOKEN')
    expect(env).not.toContain('DD_API_KEY')
  })

  it('quotes arguments for the shell', () => {
    expect(shellQuote("a b'c")).toBe(`'a b'\\''c'`)
    expect(
      methodCommands({ type: 'helm', release: 'r', revision: 4, timeoutSeconds: 5 }).act,
    ).toEqual(['helm', 'rollback', 'r', '4', '--wait', '--timeout=5s'])
  })
})

describe('safety checks and modes', () => {
  it('no earlier successful deployment: no action, clear message', async () => {
    const gh2 = await startGitHubEmulator()
    try {
      gh2.addRepo({ owner: OWNER, repo: REPO })
      gh2.addDeployment({
        owner: OWNER,
        repo: REPO,
        sha: GOOD,
        environment: 'production',
        statuses: ['failure'],
      })
      gh2.addDeployment({
        owner: OWNER,
        repo: REPO,
        sha: BAD,
        environment: 'staging',
        statuses: ['success'],
      })
      gh2.addDeployment({
        owner: OWNER,
        repo: REPO,
        sha: BAD,
        environment: 'production',
        statuses: ['success'],
      })
      const provider = scriptProvider(failing)
      const r = await runRollback(
        rollbackDeps({ githubUrl: gh2.url, rollback: config({ type: 'github-deployment' }) }),
        { ...fakeClock(), provider },
      )
      expect(r.outcome).toBe('skipped')
      expect(r.result.reason).toMatch(
        /No earlier successful deployment of a different sha in 'production'/,
      )
      expect(provider.calls).toBe(0)
      expect(gh2.requests.filter((q) => q.method !== 'GET')).toEqual([])
    } finally {
      await gh2.close()
    }
  })

  it('a superseded (inactive after success) deployment is a valid target; the same sha is not', async () => {
    const older = gh.addDeployment({
      owner: OWNER,
      repo: REPO,
      sha: 'c'.repeat(40),
      environment: 'production',
      statuses: ['success', 'inactive'],
    })
    gh.addDeployment({
      owner: OWNER,
      repo: REPO,
      sha: 'd'.repeat(40),
      environment: 'production',
      statuses: ['success'],
    })
    const bad2 = gh.addDeployment({
      owner: OWNER,
      repo: REPO,
      sha: 'd'.repeat(40),
      environment: 'production',
      statuses: ['success'],
    })
    const r = await runRollback(
      rollbackDeps({
        githubUrl: gh.url,
        rollback: config({ type: 'github-deployment' }),
        route: { deploymentId: bad2 },
      }),
      { ...fakeClock(), provider: scriptProvider(failing) },
    )
    expect(r.result.target).toEqual({ deploymentId: older, sha: 'c'.repeat(40) })
  })

  it('dry-run: would-roll-back with the target; nothing written', async () => {
    const r = await runRollback(
      rollbackDeps({
        githubUrl: gh.url,
        rollback: config({ type: 'github-deployment' }),
        dryRun: true,
      }),
      { ...fakeClock(), provider: scriptProvider(failing) },
    )
    expect(r.outcome).toBe('would-roll-back')
    expect(r.result.target).toEqual({ deploymentId: goodId, sha: GOOD })
    // fail-on-rollback (default true) covers a rollback that would be done.
    expect(r.failure).toMatch(
      new RegExp(`Dry run: deployment ${badId} would have been rolled back`),
    )
    expect(gh.requests.filter((q) => q.method !== 'GET')).toEqual([])
    const quiet = await runRollback(
      rollbackDeps({
        githubUrl: gh.url,
        rollback: config({ type: 'github-deployment' }, { failOnRollback: false }),
        dryRun: true,
      }),
      { ...fakeClock(), provider: scriptProvider(failing) },
    )
    expect(quiet.outcome).toBe('would-roll-back')
    expect(quiet.failure).toBeUndefined()
  })

  it('approval manual: awaiting-approval, then the approved follow-up performs the prepared rollback', async () => {
    const cfg = config({ type: 'github-deployment' }, { approval: 'manual', incidentIssue: false })
    const r = await runRollback(rollbackDeps({ githubUrl: gh.url, rollback: cfg }), {
      ...fakeClock(),
      provider: scriptProvider(failing),
    })
    expect(r.outcome).toBe('awaiting-approval')
    expect(r.result.approval).toEqual({ deploymentId: badId, targetSha: GOOD })
    expect(deployments()).toHaveLength(2)
    // The follow-up job (protected environment) with the prepared ids: no watch, acts.
    const provider = scriptProvider([0.01])
    const env = { [APPROVE_DEPLOYMENT_ENV]: String(badId), [APPROVE_TARGET_ENV]: GOOD }
    const done = await runRollback(rollbackDeps({ githubUrl: gh.url, rollback: cfg, env }), {
      ...fakeClock(),
      provider,
    })
    expect(done.outcome).toBe('rolled-back')
    expect(provider.calls).toBe(0)
    expect(deployments().at(-1)).toMatchObject({
      sha: GOOD,
      payload: { pitcrew: { rollback_of: badId } },
    })
    // Approving the same rollback again (a re-run of the follow-up job) rolls back once.
    const again = await runRollback(rollbackDeps({ githubUrl: gh.url, rollback: cfg, env }), {
      ...fakeClock(),
      provider,
    })
    expect(again.outcome).toBe('skipped')
    expect(again.result.guard).toBe('already-rolled-back')
    expect(deployments()).toHaveLength(3)
  })

  it('fail-on-rollback false: rolled back without failing the step', async () => {
    const r = await runRollback(
      rollbackDeps({
        githubUrl: gh.url,
        rollback: config({ type: 'github-deployment' }, { failOnRollback: false }),
      }),
      { ...fakeClock(), provider: scriptProvider(failing) },
    )
    expect(r.outcome).toBe('rolled-back')
    expect(r.failure).toBeUndefined()
  })

  it('confirms recovery after the rollback', async () => {
    const provider = scriptProvider([0.5, 0.5, 0.01, 0.01, 0.01])
    const r = await runRollback(
      rollbackDeps({
        githubUrl: gh.url,
        rollback: config({ type: 'github-deployment' }, { confirmRecoverySeconds: 90 }),
      }),
      { ...fakeClock(), provider },
    )
    expect(r.result.recovery).toMatchObject({ decision: 'healthy' })
    expect(provider.calls).toBe(5)
  })

  it('config errors: a bad expression, a missing secret env var', async () => {
    const bad = rollbackConfig({ metrics: [metricConfig({ condition: { expr: 'result <' } })] })
    await expect(runRollback(rollbackDeps({ githubUrl: gh.url, rollback: bad }))).rejects.toThrow(
      /condition.expr: Invalid expression 'result <'/,
    )
    const noKey = rollbackConfig({
      metrics: [
        metricConfig({
          provider: {
            type: 'datadog',
            site: 'datadoghq.com',
            query: 'q',
            apiKeyEnv: 'DD_API_KEY',
            appKeyEnv: 'DD_APP_KEY',
            window: '5m',
            timeoutSeconds: 5,
          },
        }),
      ],
    })
    await expect(runRollback(rollbackDeps({ githubUrl: gh.url, rollback: noKey }))).rejects.toThrow(
      /'DD_API_KEY', 'DD_APP_KEY'/,
    )
  })
})

describe('incident summary by the small model', () => {
  let fa: FakeAnthropic
  beforeEach(async () => (fa = await startAnthropicServer()))
  afterEach(() => fa.close())

  it('uses the model text when it cites the measurements, with the rollback prompt', async () => {
    fa.queue(textReply('Rolled back: errors measured 0.5 at #1 and #2 against max 0.05.'))
    const r = await runRollback(
      rollbackDeps({
        githubUrl: gh.url,
        rollback: config({ type: 'github-deployment' }),
        anthropicUrl: fa.url,
      }),
      { ...fakeClock(), provider: scriptProvider(failing) },
    )
    expect(r.summary).toContain('errors measured 0.5 at #1 and #2')
    const req = fa.requests[0]!.body as {
      model: string
      system: unknown
      messages: { content: unknown }[]
    }
    expect(req.model).toBe('claude-haiku-4-5')
    expect(JSON.stringify(req.system)).toContain('Do not claim a root cause')
    expect(JSON.stringify(req.messages)).toContain('Triggering measurement: errors #2')
    expect(r.usage.apiCalls).toBe(1)
  })

  it('a summary citing no number, or a model failure, gives the template; the decision stands', async () => {
    fa.queue(textReply('Something went wrong with the deploy, probably the database.'))
    const r = await runRollback(
      rollbackDeps({
        githubUrl: gh.url,
        rollback: config({ type: 'github-deployment' }),
        anthropicUrl: fa.url,
      }),
      { ...fakeClock(), provider: scriptProvider(failing) },
    )
    expect(r.outcome).toBe('rolled-back')
    expect(r.summary).not.toContain('probably the database')
    expect(r.summary).toContain('Triggering measurement: errors #2 = 0.5')
  })

  it('a summary that claims a root cause gives the template, even when it cites the numbers', async () => {
    fa.queue(
      textReply(
        'Rolled back: errors measured 0.5 at #2 against max 0.05. The root cause is commit abc1234, which broke the cache.',
      ),
    )
    const r = await runRollback(
      rollbackDeps({
        githubUrl: gh.url,
        rollback: config({ type: 'github-deployment' }),
        anthropicUrl: fa.url,
      }),
      { ...fakeClock(), provider: scriptProvider(failing) },
    )
    expect(r.outcome).toBe('rolled-back')
    expect(r.summary).not.toContain('root cause is commit')
    expect(r.summary).toContain('Triggering measurement: errors #2 = 0.5')
  })

  it('the model unavailable (server errors): templated summary, rollback done', async () => {
    fa.onRequest(() => ({ fault: 'server_error' }))
    const r = await runRollback(
      rollbackDeps({
        githubUrl: gh.url,
        rollback: config({ type: 'github-deployment' }),
        anthropicUrl: fa.url,
        route: { deploymentId: badId },
      }),
      { ...fakeClock(), provider: scriptProvider(failing) },
    )
    expect(r.outcome).toBe('rolled-back')
    expect(r.summary).toContain('Triggering measurement: errors #2 = 0.5')
  })
})
