import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { deploymentStatusEvent } from '../harness/events.js'
import {
  startGitHubEmulator,
  type Fault,
  type GitHubEmulator,
  type RepoState,
} from '../harness/github-emulator.js'
import { runAction } from '../harness/run-action.js'
import {
  APPROVE_DEPLOYMENT_ENV,
  APPROVE_TARGET_ENV,
  runRollback,
} from '../../src/rollback/index.js'
import { addDeployments, OWNER, REPO, rollbackDeps } from './deps.js'
import {
  analysisConfig,
  fakeClock,
  metricConfig,
  rollbackConfig,
  scriptProvider,
} from './fixtures.js'
import { startLoopback, type Loopback } from './loopback.js'

const GOOD = 'a'.repeat(40)
const BAD = 'b'.repeat(40)

/**
 * Issue 14, rollback: every write is keyed and goes through writeOnce. Through the action
 * (in-process, as the runner runs it) against the emulator, whose `afterApply` faults apply a
 * write and then lose its answer (502, or a dropped connection), and whose plain faults make a
 * write fail for good. A critical metric rolls back at its first measurement: no watch waits.
 */
let gh: GitHubEmulator
let metrics: Loopback
let workspace: string
let goodId: number
let badId: number
let pullNumber: number
beforeEach(async () => {
  gh = await startGitHubEmulator()
  gh.addRepo({ owner: OWNER, repo: REPO })
  ;[goodId, badId] = addDeployments(gh, [GOOD, BAD])
  pullNumber = gh.addPull({
    owner: OWNER,
    repo: REPO,
    base: { ref: 'main', sha: GOOD },
    head: { ref: 'feature', sha: 'f'.repeat(40) },
    title: 'Ship the bad change',
    state: 'closed',
    mergeCommitSha: BAD,
  })
  metrics = await startLoopback()
  metrics.reply(() => ({ json: { data: { value: 0.5 } } }))
  workspace = mkdtempSync(join(tmpdir(), 'pitcrew-rb-once-'))
  mkdirSync(join(workspace, '.github'), { recursive: true })
  writeFileSync(
    join(workspace, '.github', 'pitcrew.yml'),
    [
      'rollback:',
      '  environment: production',
      '  incident-issue: true',
      '  issue-label: incident',
      '  metrics:',
      '    - name: errors',
      '      critical: true',
      '      provider:',
      '        type: http',
      `        url: ${metrics.url}/error-rate`,
      '        json-path: data.value',
      '      condition: { max: 0.05 }',
      '  analysis:',
      '    interval: 1s',
      '    count: 3',
      '',
    ].join('\n'),
  )
})
afterEach(async () => {
  await gh.close()
  await metrics.close()
  rmSync(workspace, { recursive: true, force: true })
})

const repo = (): RepoState => gh.state.repos.get(`${OWNER}/${REPO}`)!
const rollbacks = () =>
  repo().deployments.filter(
    (d) => (d.payload as { pitcrew?: { rollback_of?: number } }).pitcrew?.rollback_of === badId,
  )
const statesOf = (id: number) =>
  repo()
    .deployments.find((d) => d.id === id)!
    .statuses.map((s) => s.state)
    .reverse()
const pitcrewFailures = () =>
  repo()
    .deployments.find((d) => d.id === badId)!
    .statuses.filter((s) => s.state === 'failure' && s.description.startsWith('[pitcrew]'))
const incidentIssues = () =>
  [...repo().issues.values()].filter((i) => i.body?.includes(`pitcrew:rollback:${badId} `))
const pullComments = () =>
  repo().comments.filter(
    (c) => c.issueNumber === pullNumber && c.body.includes('### pitcrew rolled back'),
  )
const writes = () => gh.requests.filter((q) => q.method !== 'GET')

const run = (spawn = false) =>
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
    spawn,
    inputs: { 'github-token': 'test-token' },
    env: { GITHUB_API_URL: gh.url, ANTHROPIC_API_KEY: undefined },
  })

/** Everything one complete rollback leaves, exactly once. */
function expectOneOfEach(): void {
  expect(rollbacks()).toHaveLength(1)
  expect(rollbacks()[0]).toMatchObject({ sha: GOOD })
  expect(statesOf(rollbacks()[0]!.id)).toEqual(['in_progress', 'success'])
  expect(pitcrewFailures()).toHaveLength(1)
  expect(incidentIssues()).toHaveLength(1)
  expect(incidentIssues()[0]!.labels.map((l) => l.name)).toEqual(['incident'])
  expect(pullComments()).toHaveLength(1)
}

describe('a lost answer gives exactly one object (rollback writes)', () => {
  const cases: [string, RegExp][] = [
    ['the rollback deployment', /\/deployments$/],
    ['a status of the rollback deployment', /\/deployments\/\d+\/statuses$/],
    ['the incident issue', /\/issues$/],
    ['the comment on the pull request', /\/issues\/\d+\/comments$/],
  ]
  for (const [what, path] of cases) {
    for (const status of [502, 0]) {
      it(`${what}: applied, then ${status === 0 ? 'the connection dropped' : '502'}`, async () => {
        const fault: Fault = { method: 'POST', path, status, afterApply: true }
        gh.fault(fault)
        const r = await run()
        expect(r.outputs.outcome, r.stdout).toBe('rolled-back')
        expect(r.stdout).toMatch(/looking it up before any retry/)
        expect(r.stdout).toMatch(/it was written, so it is not sent again/)
        // The step fails only for the rollback itself (fail-on-rollback), nothing is missing.
        expect(r.stdout).toMatch(new RegExp(`::error::Deployment ${badId} was rolled back: `))
        expect(r.summary).not.toContain('Not done')
        expect(gh.requests.filter((q) => q.applied)).toHaveLength(1)
        expectOneOfEach()
      })
    }
  }

  it('every status write loses its answer (the bad deployment too): one of each', async () => {
    gh.fault({
      method: 'POST',
      path: /\/deployments\/\d+\/statuses$/,
      status: 0,
      afterApply: true,
      times: 10,
    })
    const r = await run()
    expect(r.outputs.outcome, r.stdout).toBe('rolled-back')
    expect(gh.requests.filter((q) => q.applied)).toHaveLength(3)
    expectOneOfEach()
  })
})

describe('a write that fails for good fails the step; a clean rerun completes it once', () => {
  it('every status POST fails: rolled back (the deployment exists), not "failed"; the rerun adds the statuses and the failure', async () => {
    gh.fault({ method: 'POST', path: /\/deployments\/\d+\/statuses$/, status: 500, times: 100 })
    const first = await run()
    expect(first.exitCode).toBe(1)
    expect(first.outputs.outcome, first.stdout).toBe('rolled-back')
    const result = JSON.parse(first.outputs.result!) as { notDone: string[] }
    expect(result.notDone).toEqual([
      expect.stringMatching(/^the rollback deployment \d+ got no 'success' status \(500/),
      expect.stringMatching(new RegExp(`^deployment ${badId} was not marked 'failure' \\(500`)),
    ])
    expect(first.summary).toMatch(/\*\*Not done\*\* \(the step fails; re-run the job/)
    expect(first.summary).toMatch(/- the rollback deployment \d+ got no 'success' status/)
    expect(first.stdout).toMatch(
      new RegExp(`::error::Deployment ${badId} was rolled back, but not everything was recorded`),
    )
    expect(first.stdout).not.toMatch(/Rollback of deployment \d+ failed/)
    expect(rollbacks()).toHaveLength(1)
    expect(statesOf(rollbacks()[0]!.id)).toEqual([])

    gh.clearFaults()
    const second = await run()
    expect(second.outputs.outcome, second.stdout).toBe('rolled-back')
    const r2 = JSON.parse(second.outputs.result!) as Record<string, unknown>
    expect(r2).toMatchObject({
      guard: 'already-rolled-back',
      rollbackDeploymentId: rollbacks()[0]!.id,
      completed: [
        `status 'in_progress' on rollback deployment ${rollbacks()[0]!.id}`,
        `status 'success' on rollback deployment ${rollbacks()[0]!.id}`,
        `status 'failure' on deployment ${badId}`,
      ],
    })
    expect(r2.notDone).toBeUndefined()
    expect(second.summary).toContain('completed the records of an earlier rollback')
    expect(second.summary).toContain('not rolled back again')
    expectOneOfEach()
    // No second watch was needed to know what to complete.
    expect(metrics.requests).toHaveLength(1)

    // A third run finds everything done: skipped, nothing written.
    const before = writes().length
    const third = await run()
    expect(third.outputs.outcome).toBe('skipped')
    expect(third.exitCode).toBe(0)
    expect(writes()).toHaveLength(before)
    expectOneOfEach()
  })

  it('the incident issue fails for good: the step fails naming it; the rerun opens it once', async () => {
    gh.fault({ method: 'POST', path: /\/issues$/, status: 403, times: 100 })
    const first = await run()
    expect(first.exitCode).toBe(1)
    expect(first.outputs.outcome).toBe('rolled-back')
    expect(first.summary).toMatch(/- the incident issue was not opened \(403/)
    expect(first.stdout).toMatch(/::error::.*not everything was recorded: the incident issue/)
    expect(incidentIssues()).toHaveLength(0)
    // The PR comment, written after, does not name an issue that does not exist.
    expect(pullComments()[0]!.body).not.toContain('Incident: #')

    gh.clearFaults()
    const second = await run()
    expect(second.outputs.outcome, second.stdout).toBe('rolled-back')
    expect(JSON.parse(second.outputs.result!)).toMatchObject({
      completed: [
        expect.stringMatching(/^the incident issue #\d+$/),
        expect.stringMatching(/^the label 'incident' on incident issue #\d+$/),
      ],
    })
    expectOneOfEach()
    expect(incidentIssues()[0]!.body).toContain(`/actions/runs/4242`)

    const third = await run()
    expect(third.outputs.outcome).toBe('skipped')
    expectOneOfEach()
  })

  it('the label fails for good: the step fails naming it; the rerun labels the same issue', async () => {
    gh.fault({ method: 'POST', path: /\/issues\/\d+\/labels$/, status: 422, times: 100 })
    const first = await run()
    expect(first.exitCode).toBe(1)
    expect(first.summary).toMatch(/- the label 'incident' was not added to incident issue #\d+/)
    expect(incidentIssues()).toHaveLength(1)
    expect(incidentIssues()[0]!.labels).toEqual([])

    gh.clearFaults()
    const second = await run()
    expect(second.outputs.outcome).toBe('rolled-back')
    expect(JSON.parse(second.outputs.result!)).toMatchObject({
      completed: [expect.stringMatching(/^the label 'incident' on incident issue #\d+$/)],
    })
    expectOneOfEach()
  })

  it('the PR comment fails for good: the step fails naming it; the rerun posts it once', async () => {
    gh.fault({ method: 'POST', path: /\/issues\/\d+\/comments$/, status: 500, times: 100 })
    const first = await run()
    expect(first.exitCode).toBe(1)
    expect(first.summary).toMatch(
      new RegExp(`- the comment on pull request #${pullNumber} was not posted`),
    )
    expect(pullComments()).toHaveLength(0)

    gh.clearFaults()
    const second = await run()
    expect(JSON.parse(second.outputs.result!)).toMatchObject({
      completed: [`the comment on pull request #${pullNumber}`],
    })
    expectOneOfEach()
    expect(pullComments()[0]!.body).toMatch(/Incident: #\d+/)
  })
})

describe('the rollback deployment and the label', () => {
  it('the label POST answered 502 after it was applied: one label (the client may resend it)', async () => {
    gh.fault({ method: 'POST', path: /\/issues\/\d+\/labels$/, status: 502, afterApply: true })
    const r = await run()
    expect(r.outputs.outcome, r.stdout).toBe('rolled-back')
    expect(r.summary).not.toContain('Not done')
    expectOneOfEach()
  })

  it('the rollback deployment failing for good fails the step naming it; a clean rerun (bundle) rolls back once', async () => {
    gh.fault({ method: 'POST', path: /\/deployments$/, status: 500, times: 100 })
    const first = await run(true)
    expect(first.exitCode, first.stdout).toBe(1)
    // Decided, not done: the outcome says so and the summary names the write that failed.
    expect(first.outputs.outcome, first.stdout).toBe('would-roll-back')
    expect(first.summary).toContain(
      '**Action**: rollback FAILED: github-deployment failed: Server Error',
    )
    expect(first.stdout).toMatch(
      new RegExp(`::error::Rollback of deployment ${badId} failed: github-deployment failed`),
    )
    expect(rollbacks()).toHaveLength(0)
    // The bad deployment is marked failed (it is, whatever became of the rollback).
    expect(pitcrewFailures()).toHaveLength(1)
    const posts = gh.requests.filter((q) => q.method === 'POST' && /\/deployments$/.test(q.path))
    expect(posts.every((q) => q.status === 500)).toBe(true)

    gh.clearFaults()
    const second = await run(true)
    expect(second.outputs.outcome, second.stdout).toBe('rolled-back')
    expect(second.summary).not.toContain('Not done')
    expect(rollbacks()).toHaveLength(1)
    expect(rollbacks()[0]).toMatchObject({ sha: GOOD })
    expect(statesOf(rollbacks()[0]!.id)).toEqual(['in_progress', 'success'])
    // Two facts, each written once: the failed attempt, then the rollback (the latest status).
    expect(pitcrewFailures().map((s) => s.description.split(':')[0]!.split(';')[0])).toEqual([
      '[pitcrew] rolled back',
      '[pitcrew] metrics failed',
    ])
    expect(incidentIssues()).toHaveLength(1)
    expect(incidentIssues()[0]!.labels.map((l) => l.name)).toEqual(['incident'])
    expect(pullComments()).toHaveLength(1)
  })
})

describe('a run killed right after the rollback deployment was created', () => {
  it('the rerun completes everything once, without a second rollback or a watch', async () => {
    const rollbackId = gh.addDeployment({
      owner: OWNER,
      repo: REPO,
      sha: GOOD,
      environment: 'production',
      creator: 'github-actions[bot]',
      payload: {
        pitcrew: {
          rollback_of: badId,
          run: '4240',
          reason: "critical metric 'errors' failed: 0.5 > max 0.05",
          method: 'github-deployment',
        },
      },
    })
    const r = await run()
    expect(r.outputs.outcome, r.stdout).toBe('rolled-back')
    expect(metrics.requests).toHaveLength(0)
    expect(JSON.parse(r.outputs.result!)).toMatchObject({
      guard: 'already-rolled-back',
      rollbackDeploymentId: rollbackId,
      completed: [
        `status 'in_progress' on rollback deployment ${rollbackId}`,
        `status 'success' on rollback deployment ${rollbackId}`,
        `status 'failure' on deployment ${badId}`,
        expect.stringMatching(/^the incident issue #\d+$/),
        expect.stringMatching(/^the label 'incident' on incident issue #\d+$/),
        `the comment on pull request #${pullNumber}`,
      ],
    })
    expectOneOfEach()
    expect(rollbacks()[0]!.id).toBe(rollbackId)
    expect(r.summary).toContain(
      "**Why it was rolled back**: critical metric 'errors' failed: 0.5 > max 0.05",
    )
    // The issue points to the run that decided, where the measurements are.
    expect(incidentIssues()[0]!.body).toContain('/actions/runs/4240')
  })
})

describe('manual approval: the follow-up job updates the incident issue once', () => {
  it('a lost answer on the update comment gives one update; the rerun adds none', async () => {
    const cfg = rollbackConfig({
      approval: 'manual',
      issueLabel: 'incident',
      metrics: [metricConfig({ critical: true })],
      analysis: analysisConfig({ intervalSeconds: 30, count: 3 }),
    })
    const watched = await runRollback(rollbackDeps({ githubUrl: gh.url, rollback: cfg }), {
      ...fakeClock(),
      provider: scriptProvider([0.5]),
    })
    expect(watched.outcome).toBe('awaiting-approval')
    expect(incidentIssues()).toHaveLength(1)
    const issue = incidentIssues()[0]!.number
    const updates = () =>
      repo().comments.filter((c) => c.issueNumber === issue && c.body.includes('**Update**'))

    const env = { [APPROVE_DEPLOYMENT_ENV]: String(badId), [APPROVE_TARGET_ENV]: GOOD }
    gh.fault({
      method: 'POST',
      path: new RegExp(`/issues/${issue}/comments$`),
      status: 502,
      afterApply: true,
    })
    const done = await runRollback(rollbackDeps({ githubUrl: gh.url, rollback: cfg, env }), {
      ...fakeClock(),
      provider: scriptProvider([0.5]),
    })
    expect(done.outcome).toBe('rolled-back')
    expect(done.result.notDone).toBeUndefined()
    expect(done.result.issue).toBe(issue)
    expect(updates()).toHaveLength(1)
    expect(updates()[0]!.body).toMatch(/\*\*Update\*\*: rolled back to deployment/)
    expect(incidentIssues()).toHaveLength(1)
    expectOneOfEach()

    const again = await runRollback(rollbackDeps({ githubUrl: gh.url, rollback: cfg, env }), {
      ...fakeClock(),
      provider: scriptProvider([0.5]),
    })
    expect(again.outcome).toBe('skipped')
    expect(updates()).toHaveLength(1)
  })
})

describe('through the bundle', () => {
  it('lost answers on the deployment (dropped connection) and every status (502): one of each', async () => {
    gh.fault({ method: 'POST', path: /\/deployments$/, status: 0, afterApply: true })
    gh.fault({
      method: 'POST',
      path: /\/deployments\/\d+\/statuses$/,
      status: 502,
      afterApply: true,
      times: 10,
    })
    const r = await run(true)
    expect(r.outputs.outcome, r.stderr).toBe('rolled-back')
    expect(r.stdout).toMatch(/it was written, so it is not sent again/)
    expect(r.summary).not.toContain('Not done')
    expectOneOfEach()
    expect(JSON.parse(r.outputs.result!)).toMatchObject({
      target: { deploymentId: goodId, sha: GOOD },
      rollbackDeploymentId: rollbacks()[0]!.id,
    })
  })
})
