/**
 * Issue 14 for `/pitcrew remember`, through the bundle: the memory pull request and the eyes
 * reaction on the command comment. A lost answer to the pull request's create (applied, then
 * 502) leaves one PR, reported as opened; a create failing for good fails the step naming it and
 * a clean rerun of the same comment opens exactly one. The eyes reaction is an acknowledgement
 * (contract section 8): failing for good it is a warning and the command goes on; GitHub answers
 * the same reaction again with the first one, so a rerun leaves exactly one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runAction } from '../harness/run-action.js'
import { issueCommentEvent } from '../harness/events.js'
import { OWNER, REPO, prFixture, type PrFixture } from './pr-fixture.js'

const TOKEN = 'ghs_e2eRememberOnceToken0123456789abcdef'
const ALICE_TOKEN = 'alice-token'
const PR = 9
const TEXT = 'Money amounts are integers in cents.'

let pr: PrFixture
beforeEach(async () => {
  pr = await prFixture({
    token: TOKEN,
    baseFiles: { 'src/a.ts': 'export const a = 1\n' },
    headFiles: { 'src/a.ts': 'export const a = 2\n' },
    branch: 'feature',
    numbers: [PR],
  })
  pr.emu.addToken(ALICE_TOKEN, { login: 'alice' })
  pr.emu.setPermission(OWNER, REPO, 'alice', 'write')
})
afterEach(async () => pr?.close())

const state = () => pr.emu.state.repos.get(`${OWNER}/${REPO}`)!
const memoryPulls = () => [...state().pulls.values()].filter((p) => p.head.ref === 'pitcrew/memory')

async function asAlice(method: string, path: string, body?: unknown) {
  const res = await fetch(`${pr.emu.url}${path}`, {
    method,
    headers: { authorization: `token ${ALICE_TOKEN}`, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
  expect(res.status, `${method} ${path}`).toBeLessThan(300)
  return (await res.json()) as unknown
}

/** Alice's `/pitcrew remember` comment on the PR. */
async function command(): Promise<number> {
  const c = (await asAlice('POST', `/repos/${OWNER}/${REPO}/issues/${PR}/comments`, {
    body: `/pitcrew remember ${TEXT}`,
  })) as { id: number }
  return c.id
}

const eyes = async (commentId: number) =>
  (
    (await asAlice('GET', `/repos/${OWNER}/${REPO}/issues/comments/${commentId}/reactions`)) as {
      content: string
    }[]
  ).filter((r) => r.content === 'eyes')

const remember = (commentId: number) =>
  runAction({
    spawn: true,
    eventName: 'issue_comment',
    payload: issueCommentEvent({
      owner: OWNER,
      repo: REPO,
      issueNumber: PR,
      body: `/pitcrew remember ${TEXT}`,
      user: 'alice',
      commentId,
    }),
    repository: `${OWNER}/${REPO}`,
    workspace: pr.repo.work,
    inputs: { 'github-token': TOKEN, 'anthropic-api-key': 'sk-ant-api03-unused0123456789' },
    env: { GITHUB_API_URL: pr.emu.url, ANTHROPIC_BASE_URL: pr.model.url, GITHUB_SHA: pr.head },
  })

describe('/pitcrew remember through the bundle: exactly one memory PR and one eyes reaction', () => {
  it('(a) the memory PR create and the reaction answered 502 after they were applied: one of each, reported as opened', async () => {
    const id = await command()
    pr.emu.fault({ method: 'POST', path: /\/pulls$/, status: 502, afterApply: true })
    pr.emu.fault({ method: 'POST', path: /\/reactions$/, status: 502, afterApply: true })
    const run = await remember(id)
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    expect(run.outputs.outcome).toBe('remembered')
    expect(JSON.parse(run.outputs.result!)).toMatchObject({ added: true, pullCreated: true })
    expect(run.stdout).toMatch(/Opened the memory pull request #\d+/)
    expect(memoryPulls()).toHaveLength(1)
    expect(await eyes(id)).toHaveLength(1)
  })

  it('(b) the memory PR failing for good fails the step naming it; (c) a clean rerun opens exactly one', async () => {
    const id = await command()
    pr.emu.fault({ method: 'POST', path: /\/pulls$/, status: 500, times: 99 })
    const first = await remember(id)
    expect(first.exitCode, first.stdout).not.toBe(0)
    expect(first.stdout).toMatch(/::error::.*pull request/i)
    expect(first.summary).toMatch(/pull request/i)
    expect(memoryPulls()).toHaveLength(0)

    pr.emu.clearFaults()
    const second = await remember(id)
    expect(second.exitCode, second.stdout + second.stderr).toBe(0)
    expect(second.outputs.outcome).toBe('remembered')
    expect(JSON.parse(second.outputs.result!)).toMatchObject({ pullCreated: true })
    expect(memoryPulls()).toHaveLength(1)
    expect(memoryPulls()[0]!.labels.map((l) => l.name)).toEqual(['pitcrew'])
    expect(await eyes(id)).toHaveLength(1)
  })

  it('the label failing for good fails the step naming it, the PR kept; a clean rerun labels the same PR', async () => {
    const id = await command()
    pr.emu.fault({ method: 'POST', path: /\/issues\/\d+\/labels$/, status: 500, times: 99 })
    const first = await remember(id)
    expect(first.exitCode, first.stdout).not.toBe(0)
    expect(first.stdout).toMatch(
      /::error::Could not add the label 'pitcrew' to the memory pull request #\d+/,
    )
    expect(first.summary).toMatch(/Could not add the label 'pitcrew'/)
    expect(memoryPulls()).toHaveLength(1)
    expect(memoryPulls()[0]!.labels).toEqual([])

    pr.emu.clearFaults()
    const second = await remember(id)
    expect(second.exitCode, second.stdout + second.stderr).toBe(0)
    expect(JSON.parse(second.outputs.result!)).toMatchObject({ added: false, pullCreated: false })
    expect(memoryPulls()).toHaveLength(1)
    expect(memoryPulls()[0]!.labels.map((l) => l.name)).toEqual(['pitcrew'])
  })

  it('the eyes reaction failing for good: a warning, the command goes on; a rerun leaves one reaction', async () => {
    const id = await command()
    pr.emu.fault({ method: 'POST', path: /\/reactions$/, status: 500, times: 99 })
    const first = await remember(id)
    expect(first.exitCode, first.stdout).toBe(0)
    expect(first.stdout).toMatch(/::warning::Could not add the eyes reaction/)
    expect(await eyes(id)).toHaveLength(0)
    expect(memoryPulls()).toHaveLength(1)

    pr.emu.clearFaults()
    const second = await remember(id)
    expect(second.exitCode).toBe(0)
    expect(await eyes(id)).toHaveLength(1)
    expect(memoryPulls()).toHaveLength(1)
  })
})
