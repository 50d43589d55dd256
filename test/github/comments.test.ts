import { afterEach, describe, expect, it } from 'vitest'
import {
  createComment,
  findComment,
  updateOrCreateComment,
  upsertStickyComment,
} from '../../src/github/comments.js'
import type { GitHubEmulator } from '../harness/github-emulator.js'
import { setup } from './setup.js'

const MARKER = '<!-- pitcrew:summary -->'
let emu: GitHubEmulator | undefined
afterEach(async () => emu?.close())

describe('sticky comments', () => {
  it('creates the sticky comment once, then edits it in place', async () => {
    const s = await setup()
    emu = s.emu
    emu.addRepo({ owner: 'acme', repo: 'widgets' })
    const pr = emu.addPull({
      owner: 'acme',
      repo: 'widgets',
      base: { ref: 'main', sha: 'b'.repeat(40) },
      head: { ref: 'feature', sha: 'c'.repeat(40) },
    })
    const ref = { owner: 'acme', repo: 'widgets', issueNumber: pr, marker: MARKER }
    const first = await upsertStickyComment(s.octokit, { ...ref, body: `${MARKER}\nfirst` })
    const second = await upsertStickyComment(s.octokit, { ...ref, body: `${MARKER}\nsecond` })
    expect(first.created).toBe(true)
    expect(second).toMatchObject({ id: first.id, created: false })
    const comments = emu.state.repos.get('acme/widgets')!.comments
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body).toBe(`${MARKER}\nsecond`)
    expect(first.url).toContain(`/acme/widgets/pull/${pr}#issuecomment-${first.id}`)
  })

  it('never takes (or edits) a comment by another user that copies the marker', async () => {
    const s = await setup()
    emu = s.emu
    emu.addRepo({ owner: 'acme', repo: 'widgets' })
    const pr = emu.addPull({
      owner: 'acme',
      repo: 'widgets',
      base: { ref: 'main', sha: 'b'.repeat(40) },
      head: { ref: 'feature', sha: 'c'.repeat(40) },
    })
    emu.addComment({
      owner: 'acme',
      repo: 'widgets',
      issueNumber: pr,
      body: `${MARKER}\nforged by a user`,
      user: 'mallory',
    })
    const ref = { owner: 'acme', repo: 'widgets', issueNumber: pr, marker: MARKER }
    expect(await findComment(s.octokit, ref)).toBeUndefined()
    const mine = await upsertStickyComment(s.octokit, { ...ref, body: `${MARKER}\nmine` })
    expect(mine.created).toBe(true)
    const comments = emu.state.repos.get('acme/widgets')!.comments
    expect(comments.map((c) => c.body)).toEqual([`${MARKER}\nforged by a user`, `${MARKER}\nmine`])
  })

  it('finds the marker on a later page among 150 comments', async () => {
    const s = await setup()
    emu = s.emu
    emu.addRepo({ owner: 'acme', repo: 'widgets' })
    const pr = emu.addPull({
      owner: 'acme',
      repo: 'widgets',
      base: { ref: 'main', sha: 'b'.repeat(40) },
      head: { ref: 'feature', sha: 'c'.repeat(40) },
    })
    // Seeded directly: 150 API round trips would only slow the test down.
    for (let i = 0; i < 150; i++) {
      const marker = i === 140
      emu.addComment({
        owner: 'acme',
        repo: 'widgets',
        issueNumber: pr,
        body: marker ? `${MARKER}\nold` : `chatter ${i}`,
        user: marker ? 'github-actions[bot]' : 'someone',
      })
    }
    await createComment(s.octokit, {
      owner: 'acme',
      repo: 'widgets',
      issueNumber: pr,
      body: 'one more',
    })
    const found = await findComment(s.octokit, {
      owner: 'acme',
      repo: 'widgets',
      issueNumber: pr,
      marker: MARKER,
    })
    expect(found?.body).toBe(`${MARKER}\nold`)
    const listCalls = emu.requests.filter(
      (r) => r.method === 'GET' && r.path.endsWith(`/issues/${pr}/comments`),
    )
    expect(listCalls.length).toBe(2)
    const res = await upsertStickyComment(s.octokit, {
      owner: 'acme',
      repo: 'widgets',
      issueNumber: pr,
      marker: MARKER,
      body: `${MARKER}\nnew`,
    })
    expect(res).toMatchObject({ id: found!.id, created: false })
    expect(emu.state.repos.get('acme/widgets')!.comments).toHaveLength(151)
  })

  it('edits a comment by id, and posts a new one when that comment was deleted', async () => {
    const s = await setup()
    emu = s.emu
    emu.addRepo({ owner: 'acme', repo: 'widgets' })
    const pr = emu.addPull({
      owner: 'acme',
      repo: 'widgets',
      base: { ref: 'main', sha: 'b'.repeat(40) },
      head: { ref: 'feature', sha: 'c'.repeat(40) },
    })
    const ref = { owner: 'acme', repo: 'widgets', issueNumber: pr }
    const first = await updateOrCreateComment(s.octokit, { ...ref, id: null, body: 'one' })
    expect(first.created).toBe(true)
    const edited = await updateOrCreateComment(s.octokit, { ...ref, id: first.id, body: 'two' })
    expect(edited).toMatchObject({ id: first.id, created: false })
    const comments = emu.state.repos.get('acme/widgets')!.comments
    expect(comments.map((c) => c.body)).toEqual(['two'])
    comments.length = 0 // deleted by someone between two runs
    const again = await updateOrCreateComment(s.octokit, { ...ref, id: first.id, body: 'three' })
    expect(again.created).toBe(true)
    expect(again.id).not.toBe(first.id)
    expect(comments.map((c) => c.body)).toEqual(['three'])
  })

  it('refuses a body without the marker (the next run could not find it)', async () => {
    const s = await setup()
    emu = s.emu
    emu.addRepo({ owner: 'acme', repo: 'widgets' })
    await expect(
      upsertStickyComment(s.octokit, {
        owner: 'acme',
        repo: 'widgets',
        issueNumber: 1,
        marker: MARKER,
        body: 'no marker',
      }),
    ).rejects.toThrow(/does not contain the marker/)
    expect(emu.requests).toHaveLength(0)
  })

  it('a read-only token (fork PR) gets 403 on writes but may read', async () => {
    const s = await setup(
      { tokens: { 'ro-token': { login: 'github-actions[bot]', readOnly: true } } },
      'ro-token',
    )
    emu = s.emu
    emu.addRepo({ owner: 'acme', repo: 'widgets' })
    const pr = emu.addPull({
      owner: 'acme',
      repo: 'widgets',
      base: { ref: 'main', sha: 'b'.repeat(40) },
      head: { ref: 'f', sha: 'c'.repeat(40), repoFullName: 'fork/widgets' },
    })
    expect(
      await findComment(s.octokit, {
        owner: 'acme',
        repo: 'widgets',
        issueNumber: pr,
        marker: MARKER,
      }),
    ).toBeUndefined()
    const err = await upsertStickyComment(s.octokit, {
      owner: 'acme',
      repo: 'widgets',
      issueNumber: pr,
      marker: MARKER,
      body: MARKER,
    }).catch((e: unknown) => e)
    expect(err).toMatchObject({
      status: 403,
      message: expect.stringContaining('Resource not accessible by integration'),
    })
    expect(emu.state.repos.get('acme/widgets')!.comments).toHaveLength(0)
  })
})
