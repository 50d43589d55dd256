import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createReview,
  listReviewComments,
  type ReviewCommentInput,
} from '../../src/github/reviews.js'
import { createTestRepo, type TestRepo } from '../harness/git.js'
import type { GitHubEmulator } from '../harness/github-emulator.js'
import { setup } from './setup.js'

let emu: GitHubEmulator
let octokit: Awaited<ReturnType<typeof setup>>['octokit']
let repo: TestRepo
let pr: number
let head: string
const R = { owner: 'acme', repo: 'widgets' }
const lines = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`)

beforeAll(async () => {
  repo = await createTestRepo({ 'app.txt': lines.join('\n') + '\n', 'other.txt': 'x\n' })
  await repo.checkout('feature')
  // Three hunks: line 5 changed, old line 20 deleted, line 30 changed.
  const changed = lines
    .map((l, i) => (i === 4 ? 'line five' : i === 29 ? 'line thirty' : l))
    .filter((_, i) => i !== 19)
  head = await repo.commit({ 'app.txt': changed.join('\n') + '\n' }, 'change')
  await repo.push('feature')
  ;({ emu, octokit } = await setup())
  emu.addRepo({ ...R, gitDir: repo.origin })
  pr = emu.addPull({ ...R, base: { ref: 'main' }, head: { ref: 'feature' }, user: 'octocat' })
})
afterAll(async () => {
  await emu.close()
  await repo.cleanup()
})

const review = (comments: ReviewCommentInput[], commitId = head) =>
  createReview(octokit, {
    ...R,
    pullNumber: pr,
    commitId,
    event: 'COMMENT',
    body: 'Review',
    comments,
  })
const stored = () => emu.state.repos.get('acme/widgets')!.reviews.length

describe('reviews against the diff', () => {
  it('accepts comments on added, context and deleted lines', async () => {
    const before = stored()
    const res = await review([
      { path: 'app.txt', line: 5, body: 'added line' },
      { path: 'app.txt', line: 3, body: 'context line' },
      { path: 'app.txt', line: 20, side: 'LEFT', body: 'deleted line' },
      { path: 'app.txt', start_line: 4, line: 6, body: 'range in one hunk' },
    ])
    expect(res.url).toContain(`/pull/${pr}#pullrequestreview-${res.id}`)
    expect(stored()).toBe(before + 1)
    const posted = emu.state.repos
      .get('acme/widgets')!
      .reviewComments.filter((c) => c.reviewId === res.id)
    expect(posted.find((c) => c.line === 5)!.diffHunk).toMatch(
      /^@@ -2,7 \+2,7 @@[\s\S]*\+line five$/,
    )
  })

  it('rejects a comment outside the diff with GitHub 422 and stores nothing', async () => {
    const before = stored()
    const err = await review([
      { path: 'app.txt', line: 5, body: 'fine' },
      { path: 'app.txt', line: 12, body: 'outside every hunk' },
    ]).catch((e: unknown) => e)
    expect(err).toMatchObject({
      status: 422,
      response: {
        data: { message: 'Unprocessable Entity', errors: ['Line could not be resolved'] },
      },
    })
    expect(stored()).toBe(before)
  })

  it('rejects a deleted line on the RIGHT side, a range across hunks and a path outside the PR', async () => {
    await expect(
      review([{ path: 'app.txt', line: 40, side: 'RIGHT', body: 'past the end' }]),
    ).rejects.toMatchObject({ status: 422 })
    const across = await review([
      { path: 'app.txt', start_line: 5, line: 29, body: 'two hunks' },
    ]).catch((e: unknown) => e)
    expect(across).toMatchObject({
      status: 422,
      response: { data: { errors: [expect.stringContaining('same hunk')] } },
    })
    const path = await review([{ path: 'other.txt', line: 1, body: 'not in PR' }]).catch(
      (e: unknown) => e,
    )
    expect(path).toMatchObject({
      status: 422,
      response: { data: { errors: ['Path could not be resolved'] } },
    })
  })

  it('anchors against the reviewed commit, not a newer head', async () => {
    await repo.commit(
      {
        'app.txt':
          lines
            .map((l, i) =>
              i === 4 ? 'line five' : i === 29 ? 'line thirty' : i === 11 ? 'line twelve' : l,
            )
            .filter((_, i) => i !== 19)
            .join('\n') + '\n',
      },
      'more',
    )
    await repo.push('feature')
    const newHead = (await repo.git('rev-parse', 'HEAD')).trim()
    await expect(
      review([{ path: 'app.txt', line: 12, body: 'new change' }], head),
    ).rejects.toMatchObject({ status: 422 })
    await expect(
      review([{ path: 'app.txt', line: 12, body: 'new change' }], newHead),
    ).resolves.toMatchObject({ id: expect.any(Number) })
    head = newHead
  })

  it('never approves: APPROVE throws before any request', async () => {
    const count = emu.requests.length
    await expect(
      createReview(octokit, {
        ...R,
        pullNumber: pr,
        commitId: head,
        event: 'APPROVE' as never,
        body: 'lgtm',
        comments: [],
      }),
    ).rejects.toThrow(/never approves/)
    expect(emu.requests.length).toBe(count)
  })

  it('GitHub refuses REQUEST_CHANGES on your own PR', async () => {
    const own = emu.addPull({
      ...R,
      base: { ref: 'main' },
      head: { ref: 'feature' },
      user: 'github-actions[bot]',
    })
    const err = await createReview(octokit, {
      ...R,
      pullNumber: own,
      commitId: head,
      event: 'REQUEST_CHANGES',
      body: 'no',
      comments: [],
    }).catch((e: unknown) => e)
    expect(err).toMatchObject({
      status: 422,
      response: { data: { errors: ['Can not request changes on your own pull request'] } },
    })
  })

  it('lists every review comment across pages', async () => {
    const many = Array.from({ length: 110 }, (_, i) => ({
      path: 'app.txt',
      line: 5,
      body: `c${i}`,
    }))
    await review(many)
    const all = await listReviewComments(octokit, { ...R, pullNumber: pr })
    expect(all.filter((c) => /^c\d+$/.test(c.body))).toHaveLength(110)
    expect(all[0]).toMatchObject({ path: 'app.txt', side: 'RIGHT', user: 'github-actions[bot]' })
  })
})
