/**
 * Conversations on a pull request, through the bundle as the runner runs it (contract section
 * 8): style findings counted but not posted; a question in a pitcrew thread answered once, with
 * the eyes reaction first; a re-delivered question neither answered again nor sent to the
 * model; a reader's question ignored; `/pitcrew remember` twice: one memory branch with both
 * lines, one labelled pull request updated in place, the default branch untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toolUse } from '../harness/anthropic-server.js'
import { gitIn } from '../harness/git.js'
import { runAction } from '../harness/run-action.js'
import { issueCommentEvent, reviewCommentEvent } from '../harness/events.js'
import { OWNER, REPO, prFixture, type PrFixture } from './pr-fixture.js'

const API_KEY = 'sk-ant-api03-e2eConversations0123456789abcdef'
const TOKEN = 'ghs_e2eConversationsToken0123456789abcdef'
const ALICE_TOKEN = 'alice-token'
const MALLORY_TOKEN = 'mallory-token'
const PR = 7

let pr: PrFixture

beforeAll(async () => {
  pr = await prFixture({
    token: TOKEN,
    baseFiles: {
      'src/math.ts': 'export function add(a: number, b: number): number {\n  return a + b\n}\n',
    },
    headFiles: {
      'src/math.ts':
        'export function add(a: number, b: number): number {\n  const Result = a - b\n  return Result\n}\n',
    },
    branch: 'feature',
    numbers: [PR],
  })
  pr.emu.addToken(ALICE_TOKEN, { login: 'alice' })
  pr.emu.addToken(MALLORY_TOKEN, { login: 'mallory' })
  pr.emu.setPermission(OWNER, REPO, 'alice', 'write')
  pr.emu.setPermission(OWNER, REPO, 'mallory', 'read')
})
afterAll(async () => pr?.close())

/** A request to the emulator as a person (their own token), as GitHub's web UI would make it. */
async function asUser(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${pr.emu.url}${path}`, {
    method,
    headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
  expect(res.status, `${method} ${path}`).toBeLessThan(300)
  return (await res.json()) as { id: number; [k: string]: unknown }
}

const state = () => pr.emu.state.repos.get(`${OWNER}/${REPO}`.toLowerCase())!
const bundleEnv = () => ({
  GITHUB_API_URL: pr.emu.url,
  ANTHROPIC_BASE_URL: pr.model.url,
  GITHUB_SHA: pr.head,
})
const inputs = { 'github-token': TOKEN, 'anthropic-api-key': API_KEY }

function threadEvent(commentId: number, rootId: number, user: string, body: string) {
  return runAction({
    spawn: true,
    eventName: 'pull_request_review_comment',
    payload: reviewCommentEvent({
      owner: OWNER,
      repo: REPO,
      number: PR,
      body,
      commentId,
      inReplyToId: rootId,
      user,
      path: 'src/math.ts',
      line: 2,
      headRef: 'feature',
      headSha: pr.head,
      baseSha: pr.base,
    }),
    repository: `${OWNER}/${REPO}`,
    workspace: pr.repo.work,
    inputs,
    env: bundleEnv(),
  })
}

function prCommentEvent(commentId: number, user: string, body: string) {
  return runAction({
    spawn: true,
    eventName: 'issue_comment',
    payload: issueCommentEvent({
      owner: OWNER,
      repo: REPO,
      issueNumber: PR,
      body,
      user,
      commentId,
    }),
    repository: `${OWNER}/${REPO}`,
    workspace: pr.repo.work,
    inputs,
    env: bundleEnv(),
  })
}

/** pitcrew's inline comments (thread roots by its token). */
const pitcrewRoots = () =>
  state().reviewComments.filter((c) => c.user === 'github-actions[bot]' && !c.inReplyToId)

/** The POSTs of this kind that reached the emulator. */
const posts = (re: RegExp) =>
  pr.emu.requests.filter((r) => r.method === 'POST' && re.test(r.path) && r.status < 300)

let rootId = 0

describe('review categories through the bundle', () => {
  it('posts the bug, counts the style finding without posting it', async () => {
    pr.model.queue(
      toolUse('submit_review', {
        summary: 'One bug, one naming nit.',
        findings: [
          {
            path: 'src/math.ts',
            line: 2,
            severity: 'critical',
            category: 'bug',
            title: 'add subtracts',
            body: 'This returns a - b; add must return a + b.',
          },
          {
            path: 'src/math.ts',
            line: 3,
            severity: 'minor',
            category: 'style',
            title: 'Local named in PascalCase',
            body: 'Call it result.',
          },
        ],
      }),
    )
    const run = await pr.review(PR, { spawn: true, apiKey: API_KEY })
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    expect(run.outputs.outcome).toBe('reviewed')
    const result = JSON.parse(run.outputs.result!) as Record<string, number>
    expect(result).toMatchObject({
      submitted: 2,
      inline: 1,
      outsideCategories: 1,
      outsideDiff: 0,
      overflow: 0,
      belowMinSeverity: 0,
      repeated: 0,
      duplicates: 0,
    })
    const roots = pitcrewRoots()
    expect(roots.map((c) => c.body.split('\n')[0])).toEqual([
      expect.stringContaining('add subtracts'),
    ])
    expect(roots[0]!.body).toMatch(/<!-- pitcrew:fp:[0-9a-f]+ -->/)
    expect(state().comments.filter((c) => c.body.includes('Local named in PascalCase'))).toEqual([])
    const sticky = state().comments.find((c) => c.body.includes('<!-- pitcrew:summary -->'))!
    expect(sticky.body).toContain('1 outside review.categories (style: 1; counted, not posted)')
    rootId = roots[0]!.id
  })
})

describe('a question in a pitcrew thread', () => {
  let questionId = 0
  let modelCallsAtEyes = -1

  it('is answered once, after the eyes reaction, with the thread and the head code shown', async () => {
    expect(rootId).toBeGreaterThan(0)
    const q = await asUser(
      ALICE_TOKEN,
      'POST',
      `/repos/${OWNER}/${REPO}/pulls/${PR}/comments/${rootId}/replies`,
      {
        body: '@pitcrew why is this critical? The tests pass.',
      },
    )
    questionId = q.id
    pr.emu.onRequest((r) => {
      if (r.method === 'POST' && r.path.endsWith(`/pulls/comments/${questionId}/reactions`))
        modelCallsAtEyes = pr.model.requests.length
    })
    const modelBefore = pr.model.requests.length
    pr.model.queue(
      toolUse('answer', {
        body: 'Because `add(2, 1)` returns 1: the tests only cover `add(0, 0)`.',
      }),
    )
    const run = await threadEvent(
      questionId,
      rootId,
      'alice',
      '@pitcrew why is this critical? The tests pass.',
    )
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    expect(run.outputs.outcome).toBe('answered')

    // Eyes on the question, by pitcrew's token, before the model was called.
    expect(posts(new RegExp(`/pulls/comments/${questionId}/reactions$`))).toHaveLength(1)
    expect(modelCallsAtEyes).toBe(modelBefore)
    // Exactly one model call, which saw the question, the finding and the code at the head.
    expect(pr.model.requests.length).toBe(modelBefore + 1)
    const prompt = JSON.stringify(pr.model.requests[modelBefore]!.body.messages[0])
    expect(prompt).toContain('why is this critical?')
    expect(prompt).toContain('add subtracts')
    expect(prompt).toContain('const Result = a - b')

    // One reply, in the thread, by pitcrew, keyed by the question.
    const replies = state().reviewComments.filter(
      (c) => c.inReplyToId === rootId && c.user === 'github-actions[bot]',
    )
    expect(replies).toHaveLength(1)
    expect(replies[0]!.body).toBe(
      `Because \`add(2, 1)\` returns 1: the tests only cover \`add(0, 0)\`.\n\n<!-- pitcrew:answer:${questionId} -->`,
    )
    const result = JSON.parse(run.outputs.result!) as Record<string, unknown>
    expect(result).toMatchObject({
      commentId: questionId,
      answered: true,
      answerId: replies[0]!.id,
    })
  })

  it('re-delivered, gets no second answer and costs no model call', async () => {
    const modelBefore = pr.model.requests.length
    const repliesBefore = posts(/\/replies$/).length
    const run = await threadEvent(
      questionId,
      rootId,
      'alice',
      '@pitcrew why is this critical? The tests pass.',
    )
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    expect(run.outputs.outcome).toBe('skipped')
    expect(run.stdout).toContain('answered already')
    expect(pr.model.requests.length).toBe(modelBefore)
    expect(posts(/\/replies$/).length).toBe(repliesBefore)
    expect(
      state().reviewComments.filter((c) =>
        c.body.includes(`<!-- pitcrew:answer:${questionId} -->`),
      ),
    ).toHaveLength(1)
    // GitHub answers the same reaction with the one that exists: still one eyes.
    const eyes = await asUser(
      ALICE_TOKEN,
      'GET',
      `/repos/${OWNER}/${REPO}/pulls/comments/${questionId}/reactions`,
    )
    expect((eyes as unknown as { content: string }[]).map((r) => r.content)).toEqual(['eyes'])
  })

  it('from a user without write access, gets nothing: no reaction, no model call, no reply', async () => {
    const q = await asUser(
      MALLORY_TOKEN,
      'POST',
      `/repos/${OWNER}/${REPO}/pulls/${PR}/comments/${rootId}/replies`,
      {
        body: '/pitcrew explain this please',
      },
    )
    const modelBefore = pr.model.requests.length
    const requestsBefore = pr.emu.requests.length
    const run = await threadEvent(q.id, rootId, 'mallory', '/pitcrew explain this please')
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    expect(run.outputs.outcome).toBe('skipped')
    expect(run.stdout).toContain("'mallory' has read permission")
    expect(pr.model.requests.length).toBe(modelBefore)
    const writes = pr.emu.requests.slice(requestsBefore).filter((r) => r.method !== 'GET')
    expect(writes).toEqual([])
  })
})

describe('/pitcrew remember', () => {
  const showMemory = (ref: string) =>
    gitIn(pr.repo.origin, ['show', `${ref}:.github/pitcrew/MEMORY.md`])
  const branchSha = (ref: string) => gitIn(pr.repo.origin, ['rev-parse', ref]).then((s) => s.trim())

  it('twice: both lines on pitcrew/memory, one labelled PR updated in place, main untouched', async () => {
    const mainBefore = await branchSha('refs/heads/main')
    const first = await asUser(
      ALICE_TOKEN,
      'POST',
      `/repos/${OWNER}/${REPO}/issues/${PR}/comments`,
      {
        body: '/pitcrew remember Money amounts are integers in cents.',
      },
    )
    const run1 = await prCommentEvent(
      first.id,
      'alice',
      '/pitcrew remember Money amounts are integers in cents.',
    )
    expect(run1.exitCode, run1.stdout + run1.stderr).toBe(0)
    expect(run1.outputs.outcome).toBe('remembered')
    const r1 = JSON.parse(run1.outputs.result!) as Record<string, unknown>
    expect(r1).toMatchObject({ added: true, pullCreated: true, lines: 1 })
    expect(await showMemory('refs/heads/pitcrew/memory')).toContain(
      `- Money amounts are integers in cents. <!-- pitcrew:memory:${first.id} -->\n`,
    )

    const second = await asUser(
      ALICE_TOKEN,
      'POST',
      `/repos/${OWNER}/${REPO}/issues/${PR}/comments`,
      {
        body: '/pitcrew remember Prefer early returns.',
      },
    )
    const run2 = await prCommentEvent(second.id, 'alice', '/pitcrew remember Prefer early returns.')
    expect(run2.exitCode, run2.stdout + run2.stderr).toBe(0)
    const r2 = JSON.parse(run2.outputs.result!) as Record<string, unknown>
    expect(r2).toMatchObject({
      added: true,
      pullCreated: false,
      lines: 2,
      pullNumber: r1.pullNumber,
    })
    const memory = await showMemory('refs/heads/pitcrew/memory')
    expect(memory.split('\n').filter((l) => l.startsWith('- '))).toEqual([
      `- Money amounts are integers in cents. <!-- pitcrew:memory:${first.id} -->`,
      `- Prefer early returns. <!-- pitcrew:memory:${second.id} -->`,
    ])

    // The second comment, re-delivered: no new commit, the same PR.
    const tip = await branchSha('refs/heads/pitcrew/memory')
    const run3 = await prCommentEvent(second.id, 'alice', '/pitcrew remember Prefer early returns.')
    expect(run3.exitCode, run3.stdout + run3.stderr).toBe(0)
    expect(JSON.parse(run3.outputs.result!)).toMatchObject({
      added: false,
      pullNumber: r1.pullNumber,
    })
    expect(await branchSha('refs/heads/pitcrew/memory')).toBe(tip)

    const memoryPulls = [...state().pulls.values()].filter((p) => p.head.ref === 'pitcrew/memory')
    expect(memoryPulls).toHaveLength(1)
    expect(memoryPulls[0]!.labels.map((l) => l.name)).toEqual(['pitcrew'])
    expect(memoryPulls[0]!.base.ref).toBe('main')
    expect(memoryPulls[0]!.body).toContain('- Money amounts are integers in cents.')
    expect(memoryPulls[0]!.body).toContain('- Prefer early returns.')
    expect(posts(new RegExp(`/repos/${OWNER}/${REPO}/pulls$`))).toHaveLength(1)
    // Each command comment got its eyes, once.
    for (const c of [first, second])
      expect(
        posts(new RegExp(`/issues/comments/${c.id}/reactions$`)).length,
      ).toBeGreaterThanOrEqual(1)
    expect(await branchSha('refs/heads/main')).toBe(mainBefore)
  })
})
