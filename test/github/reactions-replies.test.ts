import { afterEach, describe, expect, it } from 'vitest'
import { addReaction } from '../../src/github/reactions.js'
import { createComment } from '../../src/github/comments.js'
import { listReviewComments, replyOnce, threadOf } from '../../src/github/replies.js'
import { isIdempotentRequest } from '../../src/github/request-policy.js'
import type { GitHubEmulator } from '../harness/github-emulator.js'
import { setup } from './setup.js'

let emu: GitHubEmulator | undefined
afterEach(async () => emu?.close())

const TOKENS = {
  'test-token': { login: 'github-actions[bot]' },
  'alice-token': { login: 'alice' },
}

async function world() {
  const s = await setup({ tokens: TOKENS })
  emu = s.emu
  const repo = emu.addRepo({ owner: 'acme', repo: 'widgets' })
  const pr = emu.addPull({
    owner: 'acme',
    repo: 'widgets',
    base: { ref: 'main', sha: 'b'.repeat(40) },
    head: { ref: 'feature', sha: 'c'.repeat(40) },
  })
  const issueComment = emu.addComment({
    owner: 'acme',
    repo: 'widgets',
    issueNumber: pr,
    body: 'hi',
  })
  // A pitcrew finding in a review thread, as a review would leave it.
  const root = {
    id: 9001,
    reviewId: 9000,
    pullNumber: pr,
    path: 'src/a.ts',
    line: 2,
    startLine: null,
    side: 'RIGHT' as const,
    startSide: null,
    position: null,
    body: 'Bug\n\n<!-- pitcrew:fp:abcdef0123456789 -->',
    user: 'github-actions[bot]',
    commitId: 'c'.repeat(40),
    diffHunk: '@@ -1,2 +1,2 @@',
    createdAt: new Date().toISOString(),
  }
  repo.reviewComments.push(root)
  return { ...s, repo, pr, issueComment, rootId: root.id }
}

/** A raw request as some user, to see GitHub's status codes. */
async function call(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${emu!.url}${path}`, {
    method,
    headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

describe('emulator: reactions as GitHub answers them', () => {
  it('new reaction 201; the same user and content again 200 with the same one; another user 201', async () => {
    const { issueComment } = await world()
    const path = `/repos/acme/widgets/issues/comments/${issueComment}/reactions`
    const first = await call('test-token', 'POST', path, { content: 'eyes' })
    const again = await call('test-token', 'POST', path, { content: 'eyes' })
    const other = await call('alice-token', 'POST', path, { content: 'eyes' })
    const heart = await call('test-token', 'POST', path, { content: 'heart' })
    expect([first.status, again.status, other.status, heart.status]).toEqual([201, 200, 201, 201])
    expect(again.body.id).toBe(first.body.id)
    expect(other.body.id).not.toBe(first.body.id)
    const list = await fetch(`${emu!.url}${path}?content=eyes`, {
      headers: { authorization: 'token test-token' },
    }).then((r) => r.json() as Promise<{ user: { login: string } }[]>)
    expect(list.map((r) => r.user.login)).toEqual(['github-actions[bot]', 'alice'])
  })

  it('refuses a content outside GitHub’s list with 422, and an unknown comment with 404', async () => {
    const { issueComment, rootId } = await world()
    const bad = await call(
      'test-token',
      'POST',
      `/repos/acme/widgets/issues/comments/${issueComment}/reactions`,
      {
        content: 'thumbsup',
      },
    )
    expect(bad.status).toBe(422)
    const missing = await call(
      'test-token',
      'POST',
      '/repos/acme/widgets/issues/comments/1/reactions',
      {
        content: 'eyes',
      },
    )
    expect(missing.status).toBe(404)
    // Review comments have their own reactions: the issue-comment route does not find them.
    const wrongKind = await call(
      'test-token',
      'POST',
      `/repos/acme/widgets/issues/comments/${rootId}/reactions`,
      {
        content: 'eyes',
      },
    )
    expect(wrongKind.status).toBe(404)
  })

  it('addReaction says whether it created the reaction; a retry POST is allowed for reactions', async () => {
    const { octokit, rootId } = await world()
    const ref = { owner: 'acme', repo: 'widgets', kind: 'review' as const, commentId: rootId }
    expect(await addReaction(octokit, { ...ref, content: 'eyes' })).toMatchObject({ created: true })
    expect(await addReaction(octokit, { ...ref, content: 'eyes' })).toMatchObject({
      created: false,
    })
    expect(
      isIdempotentRequest({ method: 'POST', url: '/repos/a/b/pulls/comments/1/reactions' }),
    ).toBe(true)
    expect(
      isIdempotentRequest({
        method: 'POST',
        url: '/repos/a/b/issues/comments/{comment_id}/reactions',
      }),
    ).toBe(true)
    expect(
      isIdempotentRequest({ method: 'POST', url: '/repos/a/b/pulls/1/comments/2/replies' }),
    ).toBe(false)
  })
})

describe('replies in review threads', () => {
  it('a reply joins the thread (in_reply_to_id is the root, also for a reply to a reply)', async () => {
    const { octokit, pr, rootId } = await world()
    const a = await call(
      'alice-token',
      'POST',
      `/repos/acme/widgets/pulls/${pr}/comments/${rootId}/replies`,
      {
        body: 'Why?',
      },
    )
    expect(a.status).toBe(201)
    const b = await call(
      'alice-token',
      'POST',
      `/repos/acme/widgets/pulls/${pr}/comments/${String(a.body.id)}/replies`,
      {
        body: 'And?',
      },
    )
    expect(b.body.in_reply_to_id).toBe(rootId)
    const all = await listReviewComments(octokit, {
      owner: 'acme',
      repo: 'widgets',
      pullNumber: pr,
    })
    expect(threadOf(all, Number(b.body.id)).map((c) => c.body)).toEqual([
      'Bug\n\n<!-- pitcrew:fp:abcdef0123456789 -->',
      'Why?',
      'And?',
    ])
  })

  it('replyOnce posts once when GitHub’s answer is lost: the marker is looked up first', async () => {
    const { octokit, pr, rootId, repo } = await world()
    emu!.fault({ method: 'POST', path: /\/replies$/, status: 502, afterApply: true })
    const marker = '<!-- pitcrew:answer:77 -->'
    const made = await replyOnce(octokit, {
      owner: 'acme',
      repo: 'widgets',
      pullNumber: pr,
      toId: rootId,
      body: `Because.\n\n${marker}`,
      marker,
    })
    const replies = repo.reviewComments.filter((c) => c.body.includes(marker))
    expect(replies).toHaveLength(1)
    expect(made.id).toBe(replies[0]!.id)
    expect(
      emu!.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/replies')),
    ).toHaveLength(1)
  })

  it('replyOnce never takes a reply by someone else that copies the marker as its own', async () => {
    const { octokit, pr, rootId, repo } = await world()
    const marker = '<!-- pitcrew:answer:78 -->'
    await call(
      'alice-token',
      'POST',
      `/repos/acme/widgets/pulls/${pr}/comments/${rootId}/replies`,
      {
        body: `forged ${marker}`,
      },
    )
    emu!.fault({ method: 'POST', path: /\/replies$/, status: 0 })
    await replyOnce(octokit, {
      owner: 'acme',
      repo: 'widgets',
      pullNumber: pr,
      toId: rootId,
      body: `Real.\n\n${marker}`,
      marker,
    })
    const ours = repo.reviewComments.filter(
      (c) => c.body.includes(marker) && c.user === 'github-actions[bot]',
    )
    expect(ours.map((c) => c.body)).toEqual([`Real.\n\n${marker}`])
  })

  it('a comment and a reply whose body lacks its marker are refused before anything is sent', async () => {
    const { octokit, pr, rootId } = await world()
    const before = emu!.requests.length
    const marker = '<!-- pitcrew:answer:79 -->'
    await expect(
      replyOnce(octokit, {
        owner: 'acme',
        repo: 'widgets',
        pullNumber: pr,
        toId: rootId,
        body: 'No marker here.',
        marker,
      }),
    ).rejects.toThrow(
      `Invalid reply body: it does not contain the marker '${marker}'. Expected the marker inside the body, so the reply can be found again.`,
    )
    await expect(
      createComment(octokit, {
        owner: 'acme',
        repo: 'widgets',
        issueNumber: pr,
        body: 'No marker here.',
        marker,
      }),
    ).rejects.toThrow(
      `Invalid comment body: it does not contain the marker '${marker}'. Expected the marker inside the body, so the comment can be found again.`,
    )
    expect(emu!.requests.slice(before)).toEqual([])
  })
})
