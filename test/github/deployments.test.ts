import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createDeployment,
  createDeploymentStatus,
  getDeployment,
  listDeployments,
  listDeploymentStatuses,
  truncate,
} from '../../src/github/deployments.js'
import { canWrite, getPermission } from '../../src/github/permissions.js'
import { createTestRepo, type TestRepo } from '../harness/git.js'
import type { GitHubEmulator } from '../harness/github-emulator.js'
import { setup } from './setup.js'

let emu: GitHubEmulator
let octokit: Awaited<ReturnType<typeof setup>>['octokit']
let repo: TestRepo
let v1: string
let v2: string
const R = { owner: 'acme', repo: 'widgets' }

beforeAll(async () => {
  repo = await createTestRepo({ 'app.txt': 'v1\n' })
  v1 = (await repo.git('rev-parse', 'HEAD')).trim()
  v2 = await repo.commit({ 'app.txt': 'v2\n' }, 'v2')
  await repo.push('main')
  ;({ emu, octokit } = await setup())
  emu.addRepo({ ...R, gitDir: repo.origin, failingContexts: ['ci/flaky'] })
})
afterAll(async () => {
  await emu.close()
  await repo.cleanup()
})

describe('deployments', () => {
  it('creates a deployment of an older sha (auto_merge off, no required contexts) with its payload', async () => {
    const good = emu.addDeployment({ ...R, sha: v1, ref: 'main', statuses: ['success'] })
    const bad = emu.addDeployment({ ...R, sha: v2, ref: 'main', statuses: ['success'] })
    const rollback = await createDeployment(octokit, {
      ...R,
      ref: v1,
      environment: 'production',
      payload: { pitcrew: { rollbackOf: bad, target: good } },
      description: 'x'.repeat(300),
    })
    expect(rollback).toMatchObject({
      sha: v1,
      environment: 'production',
      payload: { pitcrew: { rollbackOf: bad, target: good } },
    })
    expect(rollback.description).toHaveLength(140)
    const body = emu.requests.find(
      (r) => r.method === 'POST' && r.path.endsWith('/deployments'),
    )!.body
    expect(body).toMatchObject({ auto_merge: false, required_contexts: [] })
    const list = await listDeployments(octokit, { ...R, environment: 'production' })
    expect(list.map((d) => d.id)).toEqual([rollback.id, bad, good])
    expect((await getDeployment(octokit, { ...R, deploymentId: bad })).sha).toBe(v2)
  })

  it('GitHub would auto-merge (202, nothing deployed) or block on failing contexts without those flags', async () => {
    const merged = await octokit.rest.repos.createDeployment({
      ...R,
      ref: v1,
      required_contexts: [],
    })
    expect(merged.status).toBe(202)
    const blocked = await octokit.rest.repos
      .createDeployment({ ...R, ref: v2 })
      .catch((e: unknown) => e)
    expect(blocked).toMatchObject({ status: 409 })
  })

  it('adds statuses newest first, cutting descriptions to 140 characters', async () => {
    const d = await createDeployment(octokit, {
      ...R,
      ref: v2,
      environment: 'staging',
      payload: {},
    })
    await createDeploymentStatus(octokit, { ...R, deploymentId: d.id, state: 'in_progress' })
    const s = await createDeploymentStatus(octokit, {
      ...R,
      deploymentId: d.id,
      state: 'failure',
      description: `Rolled back: ${'error rate 12% > 5% '.repeat(20)}`,
      logUrl: 'https://example.com/run/1',
    })
    expect([...s.description]).toHaveLength(140)
    const statuses = await listDeploymentStatuses(octokit, { ...R, deploymentId: d.id })
    expect(statuses.map((x) => x.state)).toEqual(['failure', 'in_progress'])
    expect(statuses[0]!.logUrl).toBe('https://example.com/run/1')
    expect(truncate('short', 140)).toBe('short')
  })

  it('GitHub itself rejects a description over 140 characters', async () => {
    const d = await createDeployment(octokit, {
      ...R,
      ref: v2,
      environment: 'staging',
      payload: {},
    })
    const err = await octokit.rest.repos
      .createDeploymentStatus({
        ...R,
        deployment_id: d.id,
        state: 'success',
        description: 'y'.repeat(141),
      })
      .catch((e: unknown) => e)
    expect(err).toMatchObject({ status: 422 })
  })
})

describe('permissions', () => {
  it('maps collaborator roles, with 404 as none', async () => {
    for (const level of ['admin', 'maintain', 'write', 'triage', 'read'] as const)
      emu.setPermission('acme', 'widgets', `u-${level}`, level)
    const got: Record<string, string> = {}
    for (const login of ['u-admin', 'u-maintain', 'u-write', 'u-triage', 'u-read', 'stranger']) {
      got[login] = await getPermission(octokit, 'acme', 'widgets', login)
    }
    expect(got).toEqual({
      'u-admin': 'admin',
      'u-maintain': 'maintain',
      'u-write': 'write',
      'u-triage': 'triage',
      'u-read': 'read',
      stranger: 'none',
    })
    expect(Object.values(got).map((p) => canWrite(p as never))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ])
  })

  it('does not turn other errors into none', async () => {
    emu.fault({ path: /\/permission$/, status: 401, body: { message: 'Bad credentials' } })
    await expect(getPermission(octokit, 'acme', 'widgets', 'u-admin')).rejects.toMatchObject({
      status: 401,
    })
  })
})
