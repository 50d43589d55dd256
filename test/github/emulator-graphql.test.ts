import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorMessage } from '../../src/github/errors.js'
import { createOctokit } from '../../src/github/octokit.js'
import { createReview } from '../../src/github/reviews.js'
import {
  readReviewThreads,
  replyToReviewComment,
  resolveReviewThread,
} from '../../src/github/threads.js'
import { memoryLog } from '../../src/log.js'
import { createTestRepo, type TestRepo } from '../harness/git.js'
import type { GitHubEmulator } from '../harness/github-emulator.js'
import { setup } from './setup.js'

const R = { owner: 'acme', repo: 'widgets' }
let emu: GitHubEmulator
let octokit: Awaited<ReturnType<typeof setup>>['octokit']
let repo: TestRepo
let head: string

const lines = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => `${tag} ${i + 1}`).join('\n') + '\n'

/** A client for another token (a person) on the same emulator. */
const as = (token: string) =>
  createOctokit({
    token,
    apiUrl: emu.url,
    graphqlUrl: emu.graphqlUrl,
    log: memoryLog(),
    minRetryDelayMs: 2,
    writeSpacingMs: 0,
  })

/** Raw POST /graphql, to see GitHub's answer as it is. */
async function post(query: string, variables?: Record<string, unknown>, token = 'test-token') {
  const res = await fetch(emu.graphqlUrl, {
    method: 'POST',
    headers: { authorization: `bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  })
  return { status: res.status, json: (await res.json()) as Record<string, unknown> }
}

beforeAll(async () => {
  repo = await createTestRepo({ 'a.ts': lines(10, 'a') })
  await repo.checkout('feature')
  head = await repo.commit({ 'a.ts': lines(10, 'b'), 'b.ts': lines(5, 'c') }, 'change')
  await repo.push('feature')
  ;({ emu, octokit } = await setup())
  emu.addRepo({ ...R, gitDir: repo.origin })
  emu.addPull({ ...R, number: 1, base: { ref: 'main' }, head: { ref: 'feature' } })
  emu.addPull({ ...R, number: 2, base: { ref: 'main' }, head: { ref: 'feature' } })
  emu.addToken('alice-token', { login: 'alice' })
  emu.addToken('rita-token', { login: 'rita' })
  emu.setPermission(R.owner, R.repo, 'alice', 'write')
  emu.setPermission(R.owner, R.repo, 'rita', 'read')
  await createReview(octokit, {
    ...R,
    pullNumber: 1,
    commitId: head,
    event: 'COMMENT',
    body: 'review',
    comments: [
      { path: 'a.ts', line: 2, body: 'first' },
      { path: 'a.ts', line: 5, body: 'second' },
      { path: 'b.ts', line: 3, body: 'third' },
    ],
  })
})
afterAll(async () => {
  await emu.close()
  await repo.cleanup()
})

const rootId = (body: string) =>
  emu.state.repos.get('acme/widgets')!.reviewComments.find((c) => c.body === body)!.id

describe('GraphQL on the emulator: GitHub schema, GitHub rules', () => {
  it('rejects what GitHub rejects: unknown field, bad argument, missing pagination bound', async () => {
    const unknown = await post('query { viewer { login nosuchfield } }')
    expect(unknown.status).toBe(200)
    expect(unknown.json.data).toBeUndefined()
    expect((unknown.json.errors as { message: string }[]).map((e) => e.message)).toEqual([
      'Cannot query field "nosuchfield" on type "User".',
    ])
    const badArg = await post(
      'query { repository(owner: "acme", name: "widgets") { pullRequest(number: "one") { id } } }',
    )
    expect((badArg.json.errors as { message: string }[])[0]!.message).toMatch(
      /Int cannot represent non-integer value: "one"/,
    )
    const noFirst = await post(
      'query { repository(owner: "acme", name: "widgets") { pullRequest(number: 1) { reviewThreads { totalCount } } } }',
    )
    expect(noFirst.json.errors).toMatchObject([
      {
        type: 'MISSING_PAGINATION_BOUNDARIES',
        path: ['repository', 'pullRequest', 'reviewThreads'],
      },
    ])
    // Octokit turns the errors into a thrown GraphqlResponseError.
    const thrown = await octokit.graphql('query { viewer { nosuch } }').catch((e: unknown) => e)
    expect(errorMessage(thrown)).toContain('Cannot query field "nosuch"')
  })

  it('pages review threads with first/after, pageInfo and totalCount', async () => {
    const q = `query($after: String) { repository(owner: "acme", name: "widgets") { pullRequest(number: 1) {
      reviewThreads(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { path line } } } } }`
    type Page = {
      data: {
        repository: {
          pullRequest: {
            reviewThreads: {
              totalCount: number
              pageInfo: { hasNextPage: boolean; endCursor: string }
              nodes: { path: string; line: number }[]
            }
          }
        }
      }
    }
    const p1 = (await post(q)).json as unknown as Page
    const c1 = p1.data.repository.pullRequest.reviewThreads
    expect(c1.totalCount).toBe(3)
    expect(c1.nodes).toEqual([
      { path: 'a.ts', line: 2 },
      { path: 'a.ts', line: 5 },
    ])
    expect(c1.pageInfo.hasNextPage).toBe(true)
    const p2 = (await post(q, { after: c1.pageInfo.endCursor })).json as unknown as Page
    const c2 = p2.data.repository.pullRequest.reviewThreads
    expect(c2.nodes).toEqual([{ path: 'b.ts', line: 3 }])
    expect(c2.pageInfo.hasNextPage).toBe(false)
  })

  it('replies: REST endpoint, 404 off the PR, replies to replies join the root', async () => {
    const first = rootId('first')
    const other = await as('alice-token')
      .rest.pulls.createReplyForReviewComment({
        ...R,
        pull_number: 2,
        comment_id: first,
        body: 'x',
      })
      .catch((e: unknown) => e)
    expect((other as { status: number }).status).toBe(404)
    const reply = await as('alice-token').rest.pulls.createReplyForReviewComment({
      ...R,
      pull_number: 1,
      comment_id: first,
      body: "won't fix",
    })
    expect(reply.status).toBe(201)
    expect(reply.data.in_reply_to_id).toBe(first)
    const again = await replyToReviewComment(octokit, {
      ...R,
      pullNumber: 1,
      commentId: reply.data.id,
      body: 'noted',
      key: 'k1',
    })
    const listed = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
      ...R,
      pull_number: 1,
    })
    expect(listed.find((c) => c.id === again.id)!.in_reply_to_id).toBe(first)
    expect(listed.filter((c) => c.in_reply_to_id === undefined).length).toBe(3)
    const threads = await readReviewThreads(octokit, { ...R, pullNumber: 1 })
    expect(threads.map((t) => t.comments.map((c) => c.body.split('\n')[0]))).toEqual([
      ['first', "won't fix", 'noted'],
      ['second'],
      ['third'],
    ])
    // GraphQL spells the bot without [bot], with its type.
    expect(threads[0]!.comments.map((c) => c.author)).toEqual([
      { login: 'github-actions', type: 'Bot' },
      { login: 'alice', type: 'User' },
      { login: 'github-actions', type: 'Bot' },
    ])
  })

  it('a lost reply answer is found by its key, not posted twice', async () => {
    emu.fault({ method: 'POST', path: /\/replies$/, status: 502, afterApply: true })
    const before = emu.state.repos.get('acme/widgets')!.reviewComments.length
    const res = await replyToReviewComment(octokit, {
      ...R,
      pullNumber: 1,
      commentId: rootId('third'),
      body: 'Addressed in abc1234.',
      key: 'addressed 3',
    })
    expect(res.confirmedBy).toBe('found')
    expect(emu.state.repos.get('acme/widgets')!.reviewComments.length).toBe(before + 1)
  })

  it('resolveReviewThread: write access only, thread must exist', async () => {
    const [t] = await readReviewThreads(octokit, { ...R, pullNumber: 1 })
    expect(t!.isResolved).toBe(false)
    const denied = await resolveReviewThread(as('rita-token'), t!.id).catch((e: unknown) => e)
    expect(errorMessage(denied)).toContain('rita does not have permission to resolve')
    const missing = await post(
      'mutation { resolveReviewThread(input: {threadId: "PRRT_999999"}) { thread { id } } }',
    )
    expect(missing.json.errors).toMatchObject([
      { type: 'NOT_FOUND', path: ['resolveReviewThread'] },
    ])
    await resolveReviewThread(as('alice-token'), t!.id)
    const after = await readReviewThreads(octokit, { ...R, pullNumber: 1 })
    expect(after.map((x) => [x.isResolved, x.resolvedBy])).toEqual([
      [true, 'alice'],
      [false, null],
      [false, null],
    ])
  })

  it('a force-push that moves the lines keeps the thread; one that changes them outdates it', async () => {
    // Two lines inserted above: a.ts line 5 ("b 5") moves to 7; b.ts line 3 changes.
    await repo.git('reset', '-q', '--hard', 'main')
    await repo.commit(
      { 'a.ts': 'new 1\nnew 2\n' + lines(10, 'b'), 'b.ts': 'c 1\nc 2\nchanged\nc 4\nc 5\n' },
      'rewritten',
    )
    await repo.push('feature')
    const threads = await readReviewThreads(octokit, { ...R, pullNumber: 1 })
    expect(threads.map((t) => [t.path, t.isOutdated, t.line, t.originalLine])).toEqual([
      ['a.ts', false, 4, 2],
      ['a.ts', false, 7, 5],
      ['b.ts', true, null, 3],
    ])
  })
})
